/**
 * Every path that changes what readers see goes through roles and the publish gate: REST, GraphQL
 * and the Local API with a user; create, update by id and in bulk, unpublish, restore a version,
 * duplicate and delete; for articles, participants and joint statements. Each cell of the matrix
 * is asserted: what the role may do, and what the document is afterwards.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, quote } from '../src/demo/lexicalBuilders.ts'
import { makeJpeg } from './helpers/images.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

type Role = 'writer' | 'editor'
type Collection = 'articles' | 'participants' | 'joint-statements'

let app: TestApp
let payload: Payload
const tokens: Record<Role, string> = { writer: '', editor: '' }
const users: Record<Role, Record<string, unknown>> = { writer: {}, editor: {} }
const signatories: number[] = []

beforeAll(async () => {
  app = await startTestApp('publish_paths')
  payload = app.payload
  // The first account of an install becomes an admin, so it is made first and left unused.
  await createUser(payload, 'admin@paths.test', ['admin'])
  for (const role of ['writer', 'editor'] as const) {
    users[role] = { ...(await createUser(payload, `${role}@paths.test`, [role])), collection: 'users' }
    tokens[role] = await app.rest.login(`${role}@paths.test`, `${role}@paths.test-password`)
  }
  app.rest.token = undefined
  for (const [name, country] of [
    ['Iran', 'IR'],
    ['Russia', 'RU'],
  ]) {
    const created = await payload.create({
      collection: 'participants',
      data: { name: name!, kind: 'state', country, _status: 'published' },
    })
    signatories.push(created.id)
  }
})

afterAll(async () => {
  await app?.close()
})

let counter = 0
/** Data that passes the collection's publish rules. */
function validData(collection: Collection): Record<string, unknown> {
  counter += 1
  switch (collection) {
    case 'articles':
      return { title: `Path article ${counter}`, byline: 'Desk', dateline: 'ASTANA', body: doc(paragraph('Text.')) }
    case 'participants':
      return { name: `Path participant ${counter}`, kind: 'state', country: 'KZ' }
    case 'joint-statements':
      return {
        title: `Path statement ${counter}`,
        signatories,
        text: doc(paragraph('Statement text.')),
        issuedOn: '2023-06-21T00:00:00.000Z',
      }
  }
}

/** Data that breaks an error-level rule of the collection (so a publish of it is refused). */
function brokenData(collection: Collection): Record<string, unknown> {
  switch (collection) {
    case 'articles':
      return { body: doc(quote({ text: 'Words nobody is said to have said.' })) }
    case 'participants':
      return { kind: 'ministry', country: null }
    case 'joint-statements':
      return { signatories: [signatories[0]] }
  }
}

const GRAPHQL: Record<Collection, string> = {
  articles: 'Article',
  participants: 'Participant',
  'joint-statements': 'JointStatement',
}

async function create(collection: Collection, status: 'published' | 'draft') {
  return payload.create({
    collection,
    data: { ...validData(collection), _status: status } as never,
    draft: status === 'draft',
  })
}

async function statusOf(collection: Collection, id: number): Promise<string | null | undefined> {
  return (await payload.findByID({ collection, id, overrideAccess: true }))._status
}

async function versionsOf(collection: Collection, id: number) {
  const { docs } = await payload.findVersions({
    collection,
    where: { parent: { equals: id } },
    sort: '-createdAt',
    pagination: false,
    overrideAccess: true,
  })
  return docs as unknown as { id: number; version: { _status: string } }[]
}

/** A live document with a draft saved over it: a published version and a newer draft version. */
async function liveWithDraft(collection: Collection) {
  const live = await create(collection, 'published')
  await payload.update({ collection, id: live.id, data: { _status: 'draft' } as never, draft: true })
  const versions = await versionsOf(collection, live.id)
  const published = versions.find((v) => v.version._status === 'published')!
  const draft = versions.find((v) => v.version._status === 'draft')!
  return { id: live.id, publishedVersion: published.id, draftVersion: draft.id }
}

const COLLECTIONS: Collection[] = ['articles', 'participants', 'joint-statements']
const mayPublish: Record<Role, boolean> = { writer: false, editor: true }

describe('point 1: every path that changes what readers see goes through roles and the gate', () => {
  for (const collection of COLLECTIONS) {
    for (const role of ['writer', 'editor'] as const) {
      describe(`${collection} × ${role}`, () => {
        const as = () => ({ token: tokens[role] })
        const allowed = mayPublish[role]

        it('REST: create published, publish by id, publish in bulk, unpublish', async () => {
          const created = await app.rest.post(
            `/${collection}`,
            { ...validData(collection), _status: 'published' },
            as(),
          )
          expect(created.status, created.text).toBe(allowed ? 201 : 403)

          const draft = await create(collection, 'draft')
          const byId = await app.rest.patch(`/${collection}/${draft.id}`, { _status: 'published' }, as())
          expect(byId.status, byId.text).toBe(allowed ? 200 : 403)
          expect(await statusOf(collection, draft.id)).toBe(allowed ? 'published' : 'draft')

          const other = await create(collection, 'draft')
          const bulk = await app.rest.patch(
            `/${collection}?where[id][equals]=${other.id}`,
            { _status: 'published' },
            as(),
          )
          expect(bulk.status, bulk.text).toBe(allowed ? 200 : 403)
          expect(await statusOf(collection, other.id)).toBe(allowed ? 'published' : 'draft')

          const live = await create(collection, 'published')
          const unpublish = await app.rest.patch(`/${collection}/${live.id}`, { _status: 'draft' }, as())
          expect(unpublish.status, unpublish.text).toBe(allowed ? 200 : 403)
          expect(await statusOf(collection, live.id)).toBe(allowed ? 'draft' : 'published')
        })

        it('REST: restore a version live, over a live document, and as a draft', async () => {
          const { id, publishedVersion, draftVersion } = await liveWithDraft(collection)
          // Restoring the draft version without draft=true writes the live row as a draft: an unpublish.
          const overLive = await app.rest.post(`/${collection}/versions/${draftVersion}`, {}, as())
          expect(overLive.status, overLive.text).toBe(allowed ? 200 : 403)
          expect(await statusOf(collection, id)).toBe(allowed ? 'draft' : 'published')

          // Restoring the published version live publishes it.
          const republish = await app.rest.post(`/${collection}/versions/${publishedVersion}`, {}, as())
          expect(republish.status, republish.text).toBe(allowed ? 200 : 403)
          expect(await statusOf(collection, id)).toBe('published')

          // Anyone on the desk may restore a version as the latest draft; what is live stays.
          const asDraft = await app.rest.post(`/${collection}/versions/${publishedVersion}?draft=true`, {}, as())
          expect(asDraft.status, asDraft.text).toBe(200)
          expect(await statusOf(collection, id)).toBe('published')
        })

        it('GraphQL: publish by id and restore a version live', async () => {
          const name = GRAPHQL[collection]
          const draft = await create(collection, 'draft')
          const publish = await app.rest.graphql(
            `mutation { update${name}(id: ${draft.id}, data: { _status: published }) { id _status } }`,
            undefined,
            as(),
          )
          expect(Boolean(publish.json.errors), JSON.stringify(publish.json)).toBe(!allowed)
          expect(await statusOf(collection, draft.id)).toBe(allowed ? 'published' : 'draft')

          const { id, draftVersion } = await liveWithDraft(collection)
          const restore = await app.rest.graphql(
            `mutation { restoreVersion${name}(id: ${draftVersion}) { id } }`,
            undefined,
            as(),
          )
          expect(Boolean(restore.json.errors), JSON.stringify(restore.json)).toBe(!allowed)
          expect(await statusOf(collection, id)).toBe(allowed ? 'draft' : 'published')
        })

        it('Local API with a user: publish, restore a version live, delete a live document', async () => {
          const user = users[role] as never
          const draft = await create(collection, 'draft')
          const publish = payload.update({
            collection,
            id: draft.id,
            data: { _status: 'published' } as never,
            user,
            overrideAccess: false,
          })
          if (allowed) await expect(publish).resolves.toMatchObject({ _status: 'published' })
          else await expect(publish).rejects.toThrow(/not allowed/)

          const { id, draftVersion } = await liveWithDraft(collection)
          const restore = payload.restoreVersion({ collection, id: String(draftVersion), user, overrideAccess: false })
          if (allowed) await expect(restore).resolves.toBeDefined()
          else await expect(restore).rejects.toThrow(/not allowed/)
          expect(await statusOf(collection, id)).toBe(allowed ? 'draft' : 'published')

          const live = await create(collection, 'published')
          const removal = payload.delete({ collection, id: live.id, user, overrideAccess: false })
          if (allowed) await expect(removal).resolves.toBeDefined()
          else await expect(removal).rejects.toThrow()
        })

        it('REST: duplicate a live document: the copy is a draft, for either role, and the original stays live', async () => {
          const live = await create(collection, 'published')
          const duplicate = await app.rest.post(`/${collection}/${live.id}/duplicate`, {}, as())
          expect(duplicate.status, duplicate.text).toBe(200)
          expect(duplicate.json.doc._status).toBe('draft')
          expect(await statusOf(collection, duplicate.json.doc.id)).toBe('draft')
          expect(await statusOf(collection, live.id)).toBe('published')
        })
      })
    }

    it(`${collection}: restoring a version live runs the gate on it, and a refusal changes nothing`, async () => {
      const live = await create(collection, 'published')
      // A version that breaks the rules, saved as a draft (drafts are not checked)…
      await payload.update({ collection, id: live.id, data: brokenData(collection) as never, draft: true })
      const broken = (await versionsOf(collection, live.id))[0]!
      // …and marked published, as a version published before the rules changed would be.
      const versionsTable = `_${collection.replace(/-/g, '_')}_v`
      const { pool } = payload.db as unknown as {
        pool: { query: (text: string, values: unknown[]) => Promise<unknown> }
      }
      await pool.query(`update "${versionsTable}" set version__status = 'published' where id = $1`, [broken.id])
      expect((await versionsOf(collection, live.id))[0]!.version._status).toBe('published')
      const before = await versionsOf(collection, live.id)
      const restore = await app.rest.post(`/${collection}/versions/${broken.id}`, {}, { token: tokens.editor })
      expect(restore.status, restore.text).toBe(400)
      expect(restore.json.errors[0].data.errors.length).toBeGreaterThan(0)
      // The same report as a refused publish of that content.
      const publish = await app.rest.patch(
        `/${collection}/${live.id}`,
        { ...brokenData(collection), _status: 'published' },
        { token: tokens.editor },
      )
      expect(publish.status).toBe(400)
      expect(restore.json.errors[0].data.errors).toEqual(publish.json.errors[0].data.errors)
      // The refused restore wrote no version of its own and left the live document as it was.
      const after = await versionsOf(collection, live.id)
      expect(after.length).toBe(before.length + 1) // the refused publish above keeps its draft; the restore kept none
      expect(await statusOf(collection, live.id)).toBe('published')
    })
  }
})

describe('point 2: writers never change what readers see of a photo a published article shows', () => {
  let live: { id: number }
  let unused: { id: number }
  beforeAll(async () => {
    const photo = async (name: string) => {
      const data = await makeJpeg(40, 30)
      return payload.create({
        collection: 'photos',
        data: { alt: `Photo ${name}`, caption: 'Delegates', credit: { line: 'Staff', kind: 'staff' } } as never,
        file: { data, mimetype: 'image/jpeg', name: `${name}.jpg`, size: data.length },
      })
    }
    live = await photo('live-photo')
    unused = await photo('unused-photo')
    await payload.create({
      collection: 'articles',
      data: {
        ...validData('articles'),
        title: 'Talks end in Astana',
        heroPhoto: live.id,
        _status: 'published',
      } as never,
    })
  })

  const CHANGES: [string, Record<string, unknown>][] = [
    ['credit', { credit: { line: 'Someone else' } }],
    ['alt text', { alt: 'Something else' }],
    ['caption', { caption: 'Something else' }],
    ['focal point', { focalX: 10, focalY: 90 }],
  ]

  for (const [what, change] of CHANGES) {
    it(`${what}: refused to a writer by id and in bulk, naming the live article; allowed to an editor`, async () => {
      const byId = await app.rest.patch(`/photos/${live.id}`, change, { token: tokens.writer })
      expect(byId.status, byId.text).toBe(403)
      expect(byId.json.errors[0].message).toContain('Talks end in Astana')
      const inBulk = await app.rest.patch(`/photos?where[id][equals]=${live.id}`, change, { token: tokens.writer })
      expect(inBulk.status, inBulk.text).toBe(403)
      expect((await app.rest.patch(`/photos/${unused.id}`, change, { token: tokens.writer })).status).toBe(200)
      expect((await app.rest.patch(`/photos/${live.id}`, change, { token: tokens.editor })).status).toBe(200)
    })
  }

  it('the file: replacing it is refused to a writer; saving the same values is not', async () => {
    const data = await makeJpeg(40, 30, '#aa3333')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'replacement.jpg')
    form.append('_payload', JSON.stringify({}))
    const replaced = await app.rest.request('PATCH', `/photos/${live.id}`, form, { token: tokens.writer })
    expect(replaced.status, replaced.text).toBe(403)

    const current = await payload.findByID({ collection: 'photos', id: live.id, depth: 0 })
    const unchanged = await app.rest.patch(
      `/photos/${live.id}`,
      { alt: current.alt, caption: current.caption, credit: current.credit },
      { token: tokens.writer },
    )
    expect(unchanged.status, unchanged.text).toBe(200)
  })
})
