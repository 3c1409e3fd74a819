import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let payload: Payload
let editorA: Record<string, unknown>
let editorB: Record<string, unknown>
let tokenA: string
let tokenB: string

beforeAll(async () => {
  app = await startTestApp('concurrency')
  payload = app.payload
  editorA = { ...(await createUser(payload, 'editor-a@newsroom.test', ['editor'])), collection: 'users' }
  editorB = { ...(await createUser(payload, 'editor-b@newsroom.test', ['editor'])), collection: 'users' }
  tokenA = await app.rest.login('editor-a@newsroom.test', 'editor-a@newsroom.test-password')
  tokenB = await app.rest.login('editor-b@newsroom.test', 'editor-b@newsroom.test-password')
  app.rest.token = undefined
})

afterAll(async () => {
  await app?.close()
})

const draftArticle = (title: string) =>
  payload.create({
    collection: 'articles',
    data: { title, dateline: 'ASTANA', byline: 'Desk', body: doc(paragraph('Text.')) as never, _status: 'draft' },
    draft: true,
    depth: 0,
  })

const versionsOf = async (id: number) =>
  (
    await payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: id } },
      sort: '-updatedAt',
      pagination: false,
      depth: 0,
    })
  ).docs

/** The live row, its newest published version and its snapshot agree. */
async function expectConsistent(id: number) {
  const live = await payload.findByID({ collection: 'articles', id, draft: false, depth: 0 })
  const published = (await versionsOf(id)).filter((v) => v.version._status === 'published')
  const [snapshot] = (
    await payload.find({
      collection: 'article-snapshots',
      where: { article: { equals: id } },
      overrideAccess: true,
      depth: 0,
    })
  ).docs
  expect(live._status).toBe('published')
  expect(published[0]!.version.title).toBe(live.title)
  expect(JSON.parse(String(snapshot!.document)).title).toBe(live.title)
  return live
}

describe('concurrent editing', () => {
  it('two editors publishing the same article at once both succeed in order, and both saves are in the history', async () => {
    const article = await draftArticle('Talks end')
    const before = (await versionsOf(article.id)).length
    const results = await Promise.allSettled([
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Talks end (editor A)', _status: 'published' },
        user: editorA,
        overrideAccess: false,
        depth: 0,
      }),
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Talks end (editor B)', _status: 'published' },
        user: editorB,
        overrideAccess: false,
        depth: 0,
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled'])
    const versions = await versionsOf(article.id)
    expect(versions.length).toBe(before + 2)
    expect(versions.map((v) => v.version.title)).toEqual(
      expect.arrayContaining(['Talks end (editor A)', 'Talks end (editor B)']),
    )
    const live = await expectConsistent(article.id)
    // The one saved last is live, and it is the newest version.
    expect(live.title).toBe(versions[0]!.version.title)
  })

  it('an editor who names the version they edited is told when someone saved in between, never silently overwritten', async () => {
    const article = await draftArticle('Ministry comment')
    const loaded = await app.rest.get(`/articles/${article.id}?draft=true&depth=0`, { token: tokenA })
    const version = loaded.json.updatedAt as string
    const [a, b] = await Promise.all([
      app.rest.request(
        'PATCH',
        `/articles/${article.id}?depth=0`,
        { title: 'Ministry comment (A)', _status: 'published' },
        { token: tokenA, headers: { 'If-Match': `"${version}"` } },
      ),
      app.rest.request(
        'PATCH',
        `/articles/${article.id}?depth=0`,
        { title: 'Ministry comment (B)', _status: 'published' },
        { token: tokenB, headers: { 'If-Match': `"${version}"` } },
      ),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([200, 412])
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a]
    expect(JSON.stringify(loser.json)).toMatch(/Someone else saved this document at .*Reload it/)
    const live = await expectConsistent(article.id)
    expect(live.title).toBe(winner.json.doc.title)

    // With the current version, the other editor's save goes through.
    const retry = await app.rest.request(
      'PATCH',
      `/articles/${article.id}?depth=0`,
      { summary: 'Retried after reloading.' },
      { token: loser === a ? tokenA : tokenB, headers: { 'If-Match': `"${winner.json.doc.updatedAt}"` } },
    )
    expect(retry.status).toBe(200)
    expect(
      (
        await app.rest.request(
          'PATCH',
          `/articles/${article.id}`,
          { summary: 'x' },
          { token: tokenA, headers: { 'If-Match': '"yesterday"' } },
        )
      ).status,
    ).toBe(400)
  })

  it('an autosave arriving while a publish is in flight loses neither', async () => {
    const article = await draftArticle('Delegations arrive')
    await Promise.all([
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Delegations arrive in Astana', _status: 'published' },
        user: editorA,
        overrideAccess: false,
        depth: 0,
      }),
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { summary: 'Autosaved summary.' },
        draft: true,
        autosave: true,
        user: editorB,
        overrideAccess: false,
        depth: 0,
      }),
    ])
    const live = await expectConsistent(article.id)
    expect(live.title).toBe('Delegations arrive in Astana')
    const versions = await versionsOf(article.id)
    expect(versions.some((v) => v.version.summary === 'Autosaved summary.')).toBe(true)
    expect(
      versions.some((v) => v.version._status === 'published' && v.version.title === 'Delegations arrive in Astana'),
    ).toBe(true)
  })

  it('fifty different articles published at once all end published, each with its version and snapshot', async () => {
    const drafts = []
    for (let i = 0; i < 50; i += 1) drafts.push(await draftArticle(`Brief ${i}`))
    const results = await Promise.allSettled(
      drafts.map((d, i) =>
        payload.update({
          collection: 'articles',
          id: d.id,
          data: { title: `Brief ${i} (published)`, _status: 'published' },
          user: i % 2 ? editorA : editorB,
          overrideAccess: false,
          depth: 0,
        }),
      ),
    )
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([])
    for (const [i, d] of drafts.entries()) {
      const live = await expectConsistent(d.id)
      expect(live.title).toBe(`Brief ${i} (published)`)
    }
  }, 120_000)

  it('an article open in the admin by one editor is locked against another editor’s save', async () => {
    const article = await draftArticle('Locked while edited')
    // What the admin records when editor A opens the document.
    await payload.create({
      collection: 'payload-locked-documents',
      data: {
        document: { relationTo: 'articles', value: article.id },
        globalSlug: null,
        user: { relationTo: 'users', value: editorA.id as number },
      } as never,
      overrideAccess: true,
    })
    const attempt = await app.rest.request(
      'PATCH',
      `/articles/${article.id}`,
      { title: 'Overwritten?' },
      { token: tokenB },
    )
    expect(attempt.status).toBe(423)
    expect(JSON.stringify(attempt.json)).toMatch(/locked/i)
    const stored = await payload.findByID({ collection: 'articles', id: article.id, draft: true, depth: 0 })
    expect(stored.title).toBe('Locked while edited')
  })
})
