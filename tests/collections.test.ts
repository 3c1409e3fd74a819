import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let editorToken: string

beforeAll(async () => {
  app = await startTestApp('collections')
  await createUser(app.payload, 'first@newsroom.test', ['admin'])
  await createUser(app.payload, 'editor@newsroom.test', ['editor'])
  editorToken = await app.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
})

afterAll(async () => {
  await app?.close()
})

describe('participants', () => {
  it('are created, read and updated through the Local API', async () => {
    const created = await app.payload.create({
      collection: 'participants',
      data: {
        name: 'Republic of Kazakhstan',
        kind: 'state',
        country: 'kz',
        wikidataId: 'https://www.wikidata.org/wiki/Q232',
        aliases: ['Kazakhstan'],
      },
    })
    expect(created.slug).toBe('republic-of-kazakhstan')
    expect(created.country).toBe('KZ')
    expect(created.wikidataId).toBe('Q232')
    const updated = await app.payload.update({
      collection: 'participants',
      id: created.id,
      data: { shortName: 'Kazakhstan' },
    })
    expect(updated.shortName).toBe('Kazakhstan')
    const read = await app.payload.findByID({ collection: 'participants', id: created.id })
    expect(read.aliases).toEqual(['Kazakhstan'])
  })

  it('are created, read and updated through REST', async () => {
    const created = await app.rest.post(
      '/participants',
      { name: 'Republic of Türkiye', kind: 'state', country: 'TR', aliases: ['Turkey'], _status: 'published' },
      { token: editorToken },
    )
    expect(created.status).toBe(201)
    expect(created.json.doc.slug).toBe('republic-of-turkiye')
    const id = created.json.doc.id
    const patched = await app.rest.patch(`/participants/${id}`, { shortName: 'Türkiye' }, { token: editorToken })
    expect(patched.status).toBe(200)
    const read = await app.rest.get(`/participants/${id}`, { token: null })
    expect(read.status).toBe(200)
    expect(read.json.shortName).toBe('Türkiye')
  })

  it('refuse an unknown country code with a message that names it', async () => {
    const response = await app.rest.post(
      '/participants',
      { name: 'Atlantis', kind: 'state', country: 'XA' },
      { token: editorToken },
    )
    expect(response.status).toBe(400)
    const error = response.json.errors[0].data.errors.find((e: { path: string }) => e.path === 'country')
    expect(error.message).toBe('"XA" is not an ISO 3166-1 alpha-2 country code.')
    await expect(
      app.payload.create({
        collection: 'participants',
        data: { name: 'Nowhere', kind: 'state', country: 'Kazakhstan' },
      }),
    ).rejects.toThrow(/country/i)
  })

  it('refuse a malformed Wikidata id with a clear message', async () => {
    const response = await app.rest.post(
      '/participants',
      { name: 'United Nations', kind: 'international-organization', wikidataId: 'Q01065' },
      { token: editorToken },
    )
    expect(response.status).toBe(400)
    const error = response.json.errors[0].data.errors.find((e: { path: string }) => e.path === 'wikidataId')
    expect(error.message).toMatch(/A Wikidata id is "Q" followed by a number/)
  })

  it('need a signed-in user to write', async () => {
    const response = await app.rest.post('/participants', { name: 'Anonymous body', kind: 'state' }, { token: null })
    expect(response.status).toBe(403)
  })
})

describe('joint statements', () => {
  it('are created, read and updated through REST and the Local API', async () => {
    const iran = await app.payload.create({
      collection: 'participants',
      data: { name: 'Iran', kind: 'state', country: 'IR', _status: 'published' },
    })
    const russia = await app.payload.create({
      collection: 'participants',
      data: { name: 'Russia', kind: 'state', country: 'RU', _status: 'published' },
    })
    const created = await app.rest.post(
      '/joint-statements',
      {
        title: 'Joint statement on the 20th meeting',
        issuedOn: '2023-06-21T00:00:00.000Z',
        place: 'Astana',
        signatories: [iran.id, russia.id],
        text: doc(paragraph('The parties met in Astana.')),
        sourceUrl: 'https://example.org/statement',
        _status: 'published',
      },
      { token: editorToken },
    )
    expect(created.status).toBe(201)
    expect(created.json.doc.slug).toBe('joint-statement-on-the-20th-meeting')
    const local = await app.payload.update({
      collection: 'joint-statements',
      id: created.json.doc.id,
      data: { event: '20th round' },
    })
    expect(local.event).toBe('20th round')
    const read = await app.rest.get(`/joint-statements/${created.json.doc.id}?depth=1`, { token: null })
    expect(read.json.signatories.map((s: { name: string }) => s.name)).toEqual(['Iran', 'Russia'])
  })

  it('refuse a source URL that is not a URL', async () => {
    const response = await app.rest.post(
      '/joint-statements',
      { title: 'Bad link', sourceUrl: 'javascript:alert(1)' },
      { token: editorToken },
    )
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.json)).toMatch(/must start with http/)
  })
})

describe('articles', () => {
  it('are created as drafts, read and published through REST; the public sees only published ones', async () => {
    const draft = await app.rest.post(
      '/articles?draft=true',
      { title: 'Talks end in Astana', dateline: 'ASTANA', body: doc(paragraph('Text.')) },
      { token: editorToken },
    )
    expect(draft.status).toBe(201)
    const id = draft.json.doc.id
    expect(draft.json.doc.slug).toBe('talks-end-in-astana')
    expect(draft.json.doc._status).toBe('draft')

    expect((await app.rest.get(`/articles/${id}`, { token: null })).status).toBe(404)
    const anonymousList = await app.rest.get('/articles', { token: null })
    expect(anonymousList.json.docs.map((a: { id: number }) => a.id)).not.toContain(id)
    expect((await app.rest.get(`/articles/${id}?draft=true`, { token: editorToken })).json.title).toBe(
      'Talks end in Astana',
    )

    const published = await app.rest.patch(`/articles/${id}`, { _status: 'published' }, { token: editorToken })
    expect(published.status).toBe(200)
    expect(published.json.doc.publishedAt).toBeTruthy()
    const publicRead = await app.rest.get(`/articles/${id}`, { token: null })
    expect(publicRead.status).toBe(200)
    expect(publicRead.json.title).toBe('Talks end in Astana')
  })

  it('are created and updated through the Local API with participants in roles', async () => {
    const host = await app.payload.create({
      collection: 'participants',
      data: { name: 'Kazakhstan host', kind: 'state', country: 'KZ', _status: 'published' },
    })
    const article = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Local article',
        participants: [{ participant: host.id, role: 'host' }],
        tags: ['Syria'],
        _status: 'draft',
      },
      draft: true,
    })
    const updated = await app.payload.update({
      collection: 'articles',
      id: article.id,
      data: { summary: 'Short.' },
      draft: true,
    })
    expect(updated.summary).toBe('Short.')
    expect(updated.participants?.[0]?.role).toBe('host')
  })

  it('keep slugs unique', async () => {
    await app.payload.create({ collection: 'articles', data: { title: 'Same title', slug: 'same-title' }, draft: true })
    const clash = await app.rest.post(
      '/articles?draft=true',
      { title: 'Other title', slug: 'same-title' },
      { token: editorToken },
    )
    expect(clash.status).toBe(400)
    expect(JSON.stringify(clash.json)).toMatch(/slug/)
    await expect(
      app.payload.create({ collection: 'articles', data: { title: 'Same title' }, draft: true }),
    ).rejects.toThrow()
  })

  it('are answered through GraphQL, published ones only for the public', async () => {
    const { json } = await app.rest.graphql('{ Articles { docs { title _status } } }', undefined, { token: null })
    expect(json.errors).toBeUndefined()
    expect(json.data.Articles.docs.length).toBeGreaterThan(0)
    expect(json.data.Articles.docs.every((a: { _status: string }) => a._status === 'published')).toBe(true)
  })
})

describe('users', () => {
  it('make the first user an admin and let only admins hand out roles', async () => {
    const first = await app.payload.find({ collection: 'users', where: { email: { equals: 'first@newsroom.test' } } })
    expect(first.docs[0]?.roles).toEqual(['admin'])
    const me = await app.rest.get('/users/me', { token: editorToken })
    const promoted = await app.rest.patch(`/users/${me.json.user.id}`, { roles: ['admin'] }, { token: editorToken })
    expect(promoted.status).toBe(200)
    expect(promoted.json.doc.roles).toEqual(['editor'])
  })

  it('are not readable by the public', async () => {
    expect((await app.rest.get('/users', { token: null })).status).toBe(403)
  })
})
