import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { makeJpeg } from './helpers/images.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

type Role = 'anonymous' | 'writer' | 'editor' | 'admin'
type Action = 'read' | 'create' | 'update' | 'publish' | 'delete'
type Collection = 'articles' | 'joint-statements' | 'participants' | 'photos'

let app: TestApp
const tokens: Record<Role, string | null> = { anonymous: null, writer: null, editor: null, admin: null }
const signatories: number[] = []

beforeAll(async () => {
  app = await startTestApp('access')
  for (const role of ['admin', 'editor', 'writer'] as const) {
    await createUser(app.payload, `${role}@newsroom.test`, [role])
    tokens[role] = await app.rest.login(`${role}@newsroom.test`, `${role}@newsroom.test-password`)
  }
  app.rest.token = undefined
  for (const name of ['Iran', 'Russia']) {
    signatories.push(
      (await app.payload.create({ collection: 'participants', data: { name, kind: 'state', _status: 'published' } }))
        .id,
    )
  }
})

afterAll(async () => {
  await app?.close()
})

let counter = 0
/** Data for a document that passes the publish gate. */
const validData = (collection: Collection): Record<string, unknown> => {
  counter += 1
  switch (collection) {
    case 'articles':
      return { title: `Matrix article ${counter}`, byline: 'Desk', dateline: 'ASTANA', body: doc(paragraph('Text.')) }
    case 'joint-statements':
      return {
        title: `Matrix statement ${counter}`,
        signatories,
        text: doc(paragraph('Statement text.')),
        issuedOn: '2023-06-21T00:00:00.000Z',
      }
    case 'participants':
      return { name: `Matrix participant ${counter}`, kind: 'state', country: 'KZ' }
    case 'photos':
      return { alt: `Matrix photo ${counter}`, credit: { line: 'Staff', kind: 'staff' } }
  }
}

/** A stored document, made with full access, published or a draft. */
async function fixture(collection: Collection, status: 'published' | 'draft') {
  if (collection === 'photos') {
    const data = await makeJpeg(40, 30)
    const photo = await app.payload.create({
      collection,
      data: validData(collection) as never,
      file: { data, mimetype: 'image/jpeg', name: `m${counter}.jpg`, size: data.length },
    })
    // A published photo is one a published article shows: only those are public.
    if (status === 'published') {
      await app.payload.create({
        collection: 'articles',
        data: { ...validData('articles'), heroPhoto: photo.id, _status: 'published' } as never,
      })
    }
    return photo
  }
  return app.payload.create({
    collection,
    data: { ...validData(collection), _status: status } as never,
    draft: status === 'draft',
  })
}

async function exists(collection: Collection, id: number) {
  return (
    (await app.payload.find({ collection, where: { id: { equals: id } }, draft: true, overrideAccess: true }))
      .totalDocs === 1
  )
}

const ALLOWED: Record<Action, Record<Role, boolean>> = {
  read: { anonymous: false, writer: true, editor: true, admin: true }, // a draft; published ones are public (below)
  create: { anonymous: false, writer: true, editor: true, admin: true },
  update: { anonymous: false, writer: true, editor: true, admin: true }, // a draft save
  publish: { anonymous: false, writer: false, editor: true, admin: true },
  delete: { anonymous: false, writer: false, editor: true, admin: true }, // a published document
}

const ROLES: Role[] = ['anonymous', 'writer', 'editor', 'admin']
const COLLECTIONS: Collection[] = ['articles', 'joint-statements', 'participants', 'photos']
const GRAPHQL_NAMES: Record<Collection, { one: string; many: string }> = {
  articles: { one: 'Article', many: 'Articles' },
  'joint-statements': { one: 'JointStatement', many: 'JointStatements' },
  participants: { one: 'Participant', many: 'Participants' },
  photos: { one: 'Photo', many: 'Photos' },
}

describe('access matrix through REST', () => {
  for (const collection of COLLECTIONS) {
    for (const role of ROLES) {
      it(`${collection} × ${role}`, async () => {
        const token = tokens[role]
        const as = { token }
        // Published documents are public.
        const published = await fixture(collection, 'published')
        expect((await app.rest.get(`/${collection}/${published.id}`, as)).status, 'read published').toBe(200)

        if (collection !== 'photos') {
          const draft = await fixture(collection, 'draft')
          const read = await app.rest.get(`/${collection}/${draft.id}?draft=true`, as)
          expect(read.status === 200, 'read draft').toBe(ALLOWED.read[role])
          const listed = await app.rest.get(`/${collection}?draft=true&limit=100&where[id][equals]=${draft.id}`, as)
          expect(listed.json.totalDocs === 1, 'list drafts').toBe(ALLOWED.read[role])

          const created = await app.rest.post(
            `/${collection}?draft=true`,
            { ...validData(collection), _status: 'draft' },
            as,
          )
          expect(created.status === 201, `create: ${created.text}`).toBe(ALLOWED.create[role])

          const updated = await app.rest.patch(`/${collection}/${draft.id}?draft=true`, { _status: 'draft' }, as)
          expect(updated.status === 200, `update: ${updated.text}`).toBe(ALLOWED.update[role])

          const publish = await app.rest.patch(`/${collection}/${draft.id}`, { _status: 'published' }, as)
          expect(publish.status === 200, `publish: ${publish.text}`).toBe(ALLOWED.publish[role])
          expect((await app.payload.findByID({ collection, id: draft.id, overrideAccess: true }))._status).toBe(
            ALLOWED.publish[role] ? 'published' : 'draft',
          )

          // Editing the live version directly (not as a draft) and unpublishing are editors' too.
          const live = await app.rest.patch(`/${collection}/${published.id}`, { _status: 'draft' }, as)
          expect(live.status === 200, `unpublish: ${live.text}`).toBe(ALLOWED.publish[role])
        } else {
          const data = await makeJpeg(40, 30)
          const form = new FormData()
          form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), `up${counter}.jpg`)
          form.append('_payload', JSON.stringify(validData('photos')))
          const created = await app.rest.post('/photos', form, as)
          expect(created.status === 201, `create: ${created.text}`).toBe(ALLOWED.create[role])
          // A photo no published article shows: the desk may change it (a live one is editors' only).
          const unshown = await fixture('photos', 'draft')
          const updated = await app.rest.patch(`/photos/${unshown.id}`, { caption: 'New caption' }, as)
          expect(updated.status === 200, `update: ${updated.text}`).toBe(ALLOWED.update[role])
        }

        const target = await fixture(collection, 'published')
        // Roles alone: the change to what live articles show is confirmed (its own check is in liveSources).
        const removed = await app.rest.request('DELETE', `/${collection}/${target.id}`, undefined, {
          ...as,
          headers: { 'X-Acknowledge-Live-Impact': 'true' },
        })
        expect(removed.status === 200, `delete: ${removed.text}`).toBe(ALLOWED.delete[role])
        expect(await exists(collection, target.id)).toBe(!ALLOWED.delete[role])
      })
    }
  }

  it('writers delete drafts that were never published, but nothing published', async () => {
    const draft = await fixture('articles', 'draft')
    expect((await app.rest.delete(`/articles/${draft.id}`, { token: tokens.writer })).status).toBe(200)
  })

  it('only editors change the credit of a photo a published article shows', async () => {
    const photo = await fixture('photos', 'published')
    await app.payload.create({
      collection: 'articles',
      data: { ...validData('articles'), heroPhoto: photo.id, _status: 'published' } as never,
    })
    const byWriter = await app.rest.patch(
      `/photos/${photo.id}`,
      { credit: { line: 'Changed by a writer' } },
      { token: tokens.writer },
    )
    expect(byWriter.status).toBe(403)
    expect(
      (
        await app.rest.patch(
          `/photos/${photo.id}`,
          { alt: 'Writers may not change alt text' },
          { token: tokens.writer },
        )
      ).status,
    ).toBe(403)
    const byEditor = await app.rest.patch(
      `/photos/${photo.id}`,
      { credit: { line: 'Changed by an editor' } },
      { token: tokens.editor },
    )
    expect(byEditor.status).toBe(200)
    const unused = await fixture('photos', 'draft')
    expect(
      (await app.rest.patch(`/photos/${unused.id}`, { credit: { line: 'Unused photo' } }, { token: tokens.writer }))
        .status,
    ).toBe(200)
  })

  it('a publish a writer schedules does not happen; an editor’s does', async () => {
    const users = await app.payload.find({
      collection: 'users',
      where: { email: { in: ['writer@newsroom.test', 'editor@newsroom.test'] } },
    })
    const idOf = (email: string) => users.docs.find((u) => u.email === email)!.id
    const byWriter = await fixture('articles', 'draft')
    const byEditor = await fixture('articles', 'draft')
    const schedule = (id: number, userId: number) =>
      app.payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'articles', value: String(id) },
          user: { relationTo: 'users', value: userId },
        },
        waitUntil: new Date(Date.now() - 1000),
      } as never)
    await schedule(byWriter.id, idOf('writer@newsroom.test'))
    await schedule(byEditor.id, idOf('editor@newsroom.test'))
    await app.payload.jobs.run({ allQueues: true } as never)
    expect((await app.payload.findByID({ collection: 'articles', id: byWriter.id }))._status).toBe('draft')
    expect((await app.payload.findByID({ collection: 'articles', id: byEditor.id }))._status).toBe('published')
  })

  it('only admins manage users and roles', async () => {
    expect(
      (await app.rest.post('/users', { email: 'new@newsroom.test', password: 'pw-123456' }, { token: tokens.editor }))
        .status,
    ).toBe(403)
    expect(
      (
        await app.rest.post(
          '/users',
          { email: 'new@newsroom.test', password: 'pw-123456', roles: ['editor'] },
          { token: tokens.admin },
        )
      ).status,
    ).toBe(201)
    const me = (await app.rest.get('/users/me', { token: tokens.writer })).json.user
    const promoted = await app.rest.patch(`/users/${me.id}`, { roles: ['admin'] }, { token: tokens.writer })
    expect(promoted.json.doc.roles).toEqual(['writer'])
    expect((await app.rest.get('/users', { token: null })).status).toBe(403)
  })
})

describe('access matrix through GraphQL', () => {
  for (const collection of COLLECTIONS.filter((c) => c !== 'photos')) {
    const { one, many } = GRAPHQL_NAMES[collection]
    for (const role of ROLES) {
      it(`${collection} × ${role}`, async () => {
        const token = tokens[role]
        const draft = await fixture(collection, 'draft')
        const published = await fixture(collection, 'published')

        const list = await app.rest.graphql(
          `query { ${many}(draft: true, limit: 200) { docs { id _status } } }`,
          undefined,
          { token },
        )
        const ids = list.json.data[many].docs.map((d: { id: number }) => d.id)
        expect(ids).toContain(published.id)
        expect(ids.includes(draft.id), 'draft listed').toBe(ALLOWED.read[role])
        const single = await app.rest.graphql(
          `query ($id: Int!) { ${one}(id: $id, draft: true) { id } }`,
          { id: draft.id },
          { token },
        )
        expect(Boolean(single.json.data?.[one]?.id), 'draft by id').toBe(ALLOWED.read[role])

        const create = await app.rest.graphql(
          `mutation ($data: mutation${one}Input!) { create${one}(data: $data, draft: true) { id } }`,
          { data: { ...validData(collection), _status: 'draft', body: undefined, text: undefined } },
          { token },
        )
        expect(Boolean(create.json.data?.[`create${one}`]?.id), `create ${JSON.stringify(create.json.errors)}`).toBe(
          ALLOWED.create[role],
        )

        const update = await app.rest.graphql(
          `mutation ($id: Int!) { update${one}(id: $id, data: { _status: draft }, draft: true) { id } }`,
          { id: draft.id },
          { token },
        )
        expect(Boolean(update.json.data?.[`update${one}`]?.id), 'update').toBe(ALLOWED.update[role])

        const publish = await app.rest.graphql(
          `mutation ($id: Int!) { update${one}(id: $id, data: { _status: published }) { id _status } }`,
          { id: draft.id },
          { token },
        )
        expect(publish.json.data?.[`update${one}`]?._status === 'published', 'publish').toBe(ALLOWED.publish[role])

        const remove = await app.rest.graphql(
          `mutation ($id: Int!) { delete${one}(id: $id) { id } }`,
          { id: published.id },
          { token },
        )
        expect(Boolean(remove.json.data?.[`delete${one}`]?.id), 'delete').toBe(ALLOWED.delete[role])
        expect(await exists(collection, published.id)).toBe(!ALLOWED.delete[role])
      })
    }
  }
})
