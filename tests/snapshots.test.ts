import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { DRAFT_ARTICLE_SLUG, MINISTRY_SLUG, PUBLISHED_ARTICLE_SLUG, STATEMENT_SLUG } from '../src/demo/demoContent.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { countQueries } from './helpers/queries.ts'

let app: TestApp
let editor: string
let articleId: number

const anonymous = { token: null }
const snapshotOf = async (id: number) =>
  (
    await app.payload.find({
      collection: 'article-snapshots',
      where: { article: { equals: id } },
      overrideAccess: true,
      depth: 0,
    })
  ).docs[0]

beforeAll(async () => {
  app = await startTestApp('snapshots', { seed: true })
  editor = await app.rest.login('editor@newsroom.test', 'newsroom-editor')
  app.rest.token = undefined
  const { docs } = await app.payload.find({
    collection: 'articles',
    where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
    depth: 0,
  })
  articleId = docs[0]!.id
})

afterAll(async () => {
  await app?.close()
})

describe('published snapshots', () => {
  it('serve exactly what Payload returns to an anonymous reader, by slug and by id', async () => {
    const bySlug = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)
    const byId = await app.rest.get(`/articles/${articleId}`, anonymous)
    // Any query parameter hands the read to Payload's own handler: the reference.
    const payloads = await app.rest.get(`/articles/${articleId}?depth=2`, anonymous)
    expect(bySlug.status).toBe(200)
    expect(payloads.status).toBe(200)
    expect(payloads.headers.get('etag')).toBeNull()
    expect(bySlug.json).toEqual(payloads.json)
    expect(byId.text).toBe(bySlug.text)
    expect(bySlug.json.heroPhoto.credit.issuer.slug).toBe(MINISTRY_SLUG)
    expect(bySlug.json.statements[0].slug).toBe(STATEMENT_SLUG)
  })

  it('are read with one SQL query', async () => {
    const { count, statements } = await countQueries(() =>
      app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous),
    )
    expect(statements.filter((s) => !/^(begin|commit|rollback)/i.test(s.trim()))).toHaveLength(1)
    expect(count).toBe(1)
  })

  it('are not served for drafts, and a draft save of a published article leaves the public version alone', async () => {
    expect((await app.rest.get(`/articles/${DRAFT_ARTICLE_SLUG}`, anonymous)).status).toBe(404)
    const before = await snapshotOf(articleId)
    await app.payload.update({
      collection: 'articles',
      id: articleId,
      data: { title: 'A working title nobody should see' },
      draft: true,
    })
    const after = await snapshotOf(articleId)
    expect(after!.etag).toBe(before!.etag)
    const publicRead = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)
    expect(publicRead.json.title).not.toBe('A working title nobody should see')
  })

  it('are refreshed in every published article showing a photo whose credit changes', async () => {
    const article = await app.payload.findByID({ collection: 'articles', id: articleId, depth: 0, draft: false })
    const heroPhotoId = article.heroPhoto as number
    // A second published article showing the same photo in its body.
    const second = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'The ministry thanks the delegations',
        dateline: 'ASTANA',
        byline: 'Desk',
        body: doc(paragraph('Thanks were given.'), upload('photos', heroPhotoId)) as never,
        _status: 'published',
      },
      depth: 0,
    })
    const beforeFirst = await snapshotOf(articleId)
    const beforeSecond = await snapshotOf(second.id)
    expect(beforeSecond).toBeTruthy()

    await app.payload.update({
      collection: 'photos',
      id: heroPhotoId,
      data: { credit: { line: 'Ministry of Foreign Affairs of Kazakhstan / handout' } },
    })

    const afterFirst = await snapshotOf(articleId)
    const afterSecond = await snapshotOf(second.id)
    expect(afterFirst!.etag).not.toBe(beforeFirst!.etag)
    expect(afterSecond!.etag).not.toBe(beforeSecond!.etag)
    const first = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)
    expect(first.json.heroPhoto.credit.line).toBe('Ministry of Foreign Affairs of Kazakhstan / handout')
    const ld = await app.rest.get(`/articles/${second.slug}/jsonld`, anonymous)
    expect(ld.json.image[0].creditText).toBe('Ministry of Foreign Affairs of Kazakhstan / handout')
    const html = await app.rest.get(`/articles/${second.slug}/html`, anonymous)
    expect(html.text).toContain('Ministry of Foreign Affairs of Kazakhstan / handout')
  })

  it('follow a participant renamed, as a listed participant and as a signatory of a cited statement', async () => {
    const { docs } = await app.payload.find({
      collection: 'participants',
      where: { slug: { equals: 'russia' } },
      depth: 0,
    })
    const russia = docs[0]!
    const before = await snapshotOf(articleId)
    await app.payload.update({ collection: 'participants', id: russia.id, data: { name: 'The Russian Federation' } })
    const after = await snapshotOf(articleId)
    expect(after!.etag).not.toBe(before!.etag)
    const ld = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, anonymous)
    expect(JSON.stringify(ld.json.citation)).toContain('The Russian Federation')
    await app.payload.update({ collection: 'participants', id: russia.id, data: { name: russia.name } })
  })

  it('follow a cited statement, and drop it when it is unpublished', async () => {
    const { docs } = await app.payload.find({
      collection: 'joint-statements',
      where: { slug: { equals: STATEMENT_SLUG } },
      depth: 0,
    })
    const statement = docs[0]!
    await app.payload.update({
      collection: 'joint-statements',
      id: statement.id,
      data: { place: 'Astana, Kazakhstan' },
    })
    expect((await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)).json.statements[0].place).toBe(
      'Astana, Kazakhstan',
    )

    // Unpublishing a statement a live article cites needs the editor's confirmation.
    await app.payload.update({
      collection: 'joint-statements',
      id: statement.id,
      data: { _status: 'draft' },
      context: { acknowledgeLiveImpact: true },
    })
    const read = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)
    expect(read.json.statements).toEqual([])
    expect(read.text).not.toContain(statement.title)
    await app.payload.update({ collection: 'joint-statements', id: statement.id, data: { _status: 'published' } })
    expect((await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)).json.statements).toHaveLength(1)
  })

  it('go when an article is unpublished or deleted', async () => {
    const article = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Brief item',
        dateline: 'ASTANA',
        byline: 'Desk',
        body: doc(paragraph('Short.')) as never,
        _status: 'published',
      },
      depth: 0,
    })
    expect((await app.rest.get(`/articles/${article.slug}`, anonymous)).status).toBe(200)
    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' } })
    expect(await snapshotOf(article.id)).toBeUndefined()
    expect((await app.rest.get(`/articles/${article.slug}`, anonymous)).status).toBe(404)
    expect((await app.rest.get(`/articles/${article.id}`, anonymous)).status).toBe(404)

    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } })
    expect(await snapshotOf(article.id)).toBeTruthy()
    await app.payload.delete({ collection: 'articles', id: article.id })
    expect(await snapshotOf(article.id)).toBeUndefined()
    expect((await app.rest.get(`/articles/${article.slug}`, anonymous)).status).toBe(404)
  })

  it('are written for published articles that lack one when the app starts', async () => {
    await app.payload.delete({
      collection: 'article-snapshots',
      where: { article: { equals: articleId } },
      overrideAccess: true,
    })
    // Without a snapshot the public read falls back to live data, with the same bytes and ETag.
    const live = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, anonymous)
    expect(live.status).toBe(200)
    const { backfillArticleSnapshots } = await import('../src/delivery/snapshots.ts')
    const { resolveOptions } = await import('../src/plugins/newsroom/resolveOptions.ts')
    const { createLocalReq } = await import('payload')
    expect(await backfillArticleSnapshots(await createLocalReq({}, app.payload), resolveOptions())).toBe(1)
    const fromSnapshot = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, anonymous)
    expect(fromSnapshot.headers.get('etag')).toBe(live.headers.get('etag'))
    expect(fromSnapshot.text).toBe(live.text)
  })

  it('keep the plugin’s writes to itself: nobody creates or edits a snapshot through the API', async () => {
    const attempt = await app.rest.post(
      '/article-snapshots',
      { article: articleId, slug: 'forged', etag: 'x', document: '{}', jsonLd: '{}', html: '' },
      { token: editor },
    )
    expect(attempt.status).toBe(403)
    expect((await app.rest.get('/article-snapshots', anonymous)).status).toBe(403)
  })
})

describe('HTTP caching', () => {
  const paths = () =>
    [
      `/articles/${PUBLISHED_ARTICLE_SLUG}`,
      `/articles/${articleId}`,
      `/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`,
      `/articles/${PUBLISHED_ARTICLE_SLUG}/html`,
    ] as const

  it('gives published reads a strong ETag and a Cache-Control for shared caches', async () => {
    for (const path of paths()) {
      const response = await app.rest.get(path, anonymous)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('etag'), path).toMatch(/^"[\w-]+"$/)
      expect(response.headers.get('cache-control'), path).toBe(
        'public, max-age=0, s-maxage=300, stale-while-revalidate=86400',
      )
    }
    const tags = await Promise.all(
      paths().map(async (path) => (await app.rest.get(path, anonymous)).headers.get('etag')),
    )
    // Same article, different representations: different tags; by id and by slug: the same.
    expect(tags[0]).toBe(tags[1])
    expect(new Set(tags).size).toBe(3)
  })

  it('answers a matching If-None-Match with 304 and no body, after one small query', async () => {
    for (const path of paths()) {
      const first = await app.rest.get(path, anonymous)
      const etag = first.headers.get('etag')!
      const { result: revalidated, count } = await countQueries(() =>
        app.rest.get(path, { ...anonymous, headers: { 'If-None-Match': etag } }),
      )
      expect(revalidated.status, path).toBe(304)
      expect(revalidated.text).toBe('')
      expect(revalidated.headers.get('etag')).toBe(etag)
      expect(count).toBe(1)
      expect(
        (await app.rest.get(path, { ...anonymous, headers: { 'If-None-Match': `"stale", W/${etag}` } })).status,
      ).toBe(304)
      expect((await app.rest.get(path, { ...anonymous, headers: { 'If-None-Match': '"stale"' } })).status).toBe(200)
    }
  })

  it('changes the ETag when the article changes, so a stale copy is sent again in full', async () => {
    const before = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, anonymous)
    await app.payload.update({
      collection: 'articles',
      id: articleId,
      data: { summary: 'The talks end after six years.', _status: 'published' },
    })
    const after = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}`, {
      ...anonymous,
      headers: { 'If-None-Match': before.headers.get('etag')! },
    })
    expect(after.status).toBe(200)
    expect(after.json.summary).toBe('The talks end after six years.')
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
  })

  it('makes whatever a signed-in user reads private, no-store, drafts included', async () => {
    const reads = [
      `/articles/${articleId}`,
      `/articles/${PUBLISHED_ARTICLE_SLUG}`,
      `/articles/${DRAFT_ARTICLE_SLUG}?draft=true`,
      `/articles?where[slug][equals]=${DRAFT_ARTICLE_SLUG}&draft=true`,
      `/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`,
      '/photos',
      '/participants',
      '/users/me',
    ] as const
    for (const path of reads) {
      const response = await app.rest.get(path as `/${string}`, { token: editor })
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe('private, no-store')
    }
    const draft = await app.rest.get(`/articles/${DRAFT_ARTICLE_SLUG}?draft=true`, { token: editor })
    expect(draft.json.slug).toBe(DRAFT_ARTICLE_SLUG)
    const graphql = await app.rest.graphql(`{ Articles(draft: true) { docs { id title } } }`, undefined, {
      token: editor,
    })
    expect(graphql.headers.get('cache-control')).toBe('private, no-store')
  })

  it('lets anonymous list reads be cached, and never shows them a draft', async () => {
    const list = await app.rest.get(`/articles?draft=true`, anonymous)
    expect(list.status).toBe(200)
    expect(list.headers.get('cache-control')).toMatch(/^public/)
    expect(list.json.docs.map((d: { slug: string }) => d.slug)).not.toContain(DRAFT_ARTICLE_SLUG)
  })

  it('leaves Payload’s own routes under the collection to Payload', async () => {
    expect((await app.rest.get('/articles/count', anonymous)).json.totalDocs).toBeGreaterThan(0)
    const versions = await app.rest.get(`/articles/versions?limit=1`, { token: editor })
    expect(versions.status).toBe(200)
    expect(versions.json.docs).toHaveLength(1)
  })
})

describe('archive reads', () => {
  it('list the newest published articles citing a participant, a page at a time, without drafts', async () => {
    const { docs } = await app.payload.find({
      collection: 'participants',
      where: { slug: { equals: 'iran' } },
      depth: 0,
    })
    const iran = docs[0]!
    const made = []
    for (let i = 0; i < 5; i += 1) {
      made.push(
        await app.payload.create({
          collection: 'articles',
          data: {
            title: `Iran item ${i}`,
            dateline: 'TEHRAN',
            byline: 'Desk',
            body: doc(paragraph('Text.')) as never,
            participants: [{ participant: iran.id, role: 'party' }],
            publishedAt: new Date(Date.UTC(2030, 0, 1 + i)).toISOString(),
            _status: 'published',
          },
          depth: 0,
        }),
      )
    }
    await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Iran draft',
        dateline: 'TEHRAN',
        byline: 'Desk',
        body: doc(paragraph('Text.')) as never,
        participants: [{ participant: iran.id, role: 'party' }],
        _status: 'draft',
      },
      draft: true,
    })

    const first = await app.rest.get(`/participants/iran/articles?limit=2`, anonymous)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toMatch(/^public/)
    expect(first.json.participant).toMatchObject({ id: iran.id, slug: 'iran' })
    expect(first.json.docs.map((d: { title: string }) => d.title)).toEqual(['Iran item 4', 'Iran item 3'])
    expect(first.json.hasNextPage).toBe(true)
    const second = await app.rest.get(
      `/participants/${iran.id}/articles?limit=2&cursor=${first.json.nextCursor}`,
      anonymous,
    )
    expect(second.json.docs.map((d: { title: string }) => d.title)).toEqual(['Iran item 2', 'Iran item 1'])

    // Every published article citing Iran, page after page, none twice, no draft.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { json: { docs: { title: string }[]; nextCursor: string | null } } = await app.rest.get(
        `/participants/iran/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        anonymous,
      )
      seen.push(...page.json.docs.map((d) => d.title))
      cursor = page.json.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).not.toContain('Iran draft')
    expect(seen).toEqual(expect.arrayContaining(made.map((a) => a.title)))
    const viaPayload = await app.payload.find({
      collection: 'articles',
      where: { and: [{ _status: { equals: 'published' } }, { participantsCited: { in: [iran.id] } }] },
      pagination: false,
      depth: 0,
    })
    expect(seen.length).toBe(viaPayload.docs.length)
  })

  it('answer clear errors for a bad page request or an unknown participant', async () => {
    expect((await app.rest.get('/participants/iran/articles?limit=0', anonymous)).status).toBe(400)
    expect((await app.rest.get('/participants/iran/articles?limit=1000', anonymous)).status).toBe(400)
    expect((await app.rest.get('/participants/iran/articles?cursor=garbage', anonymous)).status).toBe(400)
    expect((await app.rest.get('/participants/nobody-at-all/articles', anonymous)).status).toBe(404)
  })

  it('check hidden references once per list, not once per article', async () => {
    const { statements, result } = await countQueries(() => app.rest.get(`/articles?depth=0&limit=10`, anonymous))
    expect(result.json.docs.length).toBeGreaterThan(5)
    // Each listed article names participants; their status is looked up for the whole page at once.
    const lookups = (table: string) => statements.filter((sql) => sql.includes(`from "${table}"`)).length
    expect(lookups('participants')).toBe(1)
    expect(lookups('joint_statements')).toBeLessThanOrEqual(1)
  })
})

describe('snapshots written by an older renderer', () => {
  const tools = async () => {
    const snapshots = await import('../src/delivery/snapshots.ts')
    const { resolveOptions } = await import('../src/plugins/newsroom/resolveOptions.ts')
    const { createLocalReq } = await import('payload')
    return { ...snapshots, options: resolveOptions(), req: await createLocalReq({}, app.payload) }
  }
  const allSnapshots = async () =>
    (
      await app.payload.find({
        collection: 'article-snapshots',
        overrideAccess: true,
        depth: 0,
        pagination: false,
        sort: 'id',
      })
    ).docs
  const articleOf = (snapshot: { article: number | { id: number } }) =>
    typeof snapshot.article === 'object' ? snapshot.article.id : snapshot.article
  const STALE_HTML = '<p>What a renderer long gone produced.</p>'
  // What a snapshot looks like when older code wrote it: its own markup, under its own version.
  const age = (id: number, data: { rendererVersion: number | null; etag?: string }) =>
    app.payload.update({
      collection: 'article-snapshots',
      id,
      data: { ...data, html: STALE_HTML },
      overrideAccess: true,
      depth: 0,
    })

  it('are re-rendered in batches by the start-up routine, which says how many it found and rewrote', async () => {
    const { SNAPSHOT_RENDERER_VERSION, refreshStaleSnapshots, renderPublishedArticle, options, req } = await tools()
    const before = await allSnapshots()
    expect(before.length).toBeGreaterThan(2)
    expect(before.every((snapshot) => snapshot.rendererVersion === SNAPSHOT_RENDERER_VERSION)).toBe(true)
    const older = before.find((snapshot) => articleOf(snapshot) === articleId)!
    const unversioned = before.find((snapshot) => snapshot !== older)!
    // An older renderer's bytes hash differently; a row from before the version column keeps its
    // etag, so only the version tells it apart.
    await age(older.id, { rendererVersion: SNAPSHOT_RENDERER_VERSION - 1, etag: 'etag-of-older-bytes' })
    await age(unversioned.id, { rendererVersion: null })
    expect((await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/html`, anonymous)).text).toContain(STALE_HTML)

    const result = await refreshStaleSnapshots(req, options, { batchSize: 1 })

    expect(result).toEqual({ stale: 2, rerendered: 2, changed: 1, removed: 0 })
    const after = await allSnapshots()
    expect(after.map((snapshot) => snapshot.id)).toEqual(before.map((snapshot) => snapshot.id))
    for (const snapshot of after) {
      const rendered = await renderPublishedArticle(req, options, String(articleOf(snapshot)))
      expect(snapshot.rendererVersion, snapshot.slug).toBe(SNAPSHOT_RENDERER_VERSION)
      expect(snapshot.html, snapshot.slug).toBe(rendered!.html)
      expect(snapshot.etag, snapshot.slug).toBe(rendered!.etag)
    }
    const html = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/html`, anonymous)
    expect(html.text).not.toContain(STALE_HTML)
    expect(html.headers.get('etag')).toContain(after.find((snapshot) => snapshot.id === older.id)!.etag)
  })

  it('leave snapshots of the current renderer untouched', async () => {
    const { SNAPSHOT_RENDERER_VERSION, refreshArticleSnapshots, refreshStaleSnapshots, options, req } = await tools()
    const before = await allSnapshots()
    const stale = before.find((snapshot) => articleOf(snapshot) === articleId)!
    await age(stale.id, { rendererVersion: SNAPSHOT_RENDERER_VERSION + 1 })
    const aged = (await allSnapshots()).find((snapshot) => snapshot.id === stale.id)!

    expect(await refreshStaleSnapshots(req, options)).toEqual({ stale: 1, rerendered: 1, changed: 0, removed: 0 })
    // A refresh of every article, as a dependency change does, rewrites nothing either.
    expect(await refreshArticleSnapshots(req, options, before.map(articleOf))).toEqual([])
    expect(await refreshStaleSnapshots(req, options)).toEqual({ stale: 0, rerendered: 0, changed: 0, removed: 0 })

    const after = await allSnapshots()
    const rewritten = after.find((snapshot) => snapshot.id === stale.id)!
    expect(rewritten.updatedAt).not.toBe(aged.updatedAt)
    expect(rewritten.rendererVersion).toBe(SNAPSHOT_RENDERER_VERSION)
    const untouched = (list: typeof before) =>
      list.filter((snapshot) => snapshot.id !== stale.id).map(({ id, updatedAt, etag }) => ({ id, updatedAt, etag }))
    expect(untouched(after)).toEqual(untouched(before))
  })

  it('are counted in the log when the app starts, and a start with nothing stale says nothing', async () => {
    const { vi } = await import('vitest')
    const { SNAPSHOT_RENDERER_VERSION, refreshStaleSnapshots, options, req } = await tools()
    const [first, second] = await allSnapshots()
    await age(first!.id, { rendererVersion: null })
    await age(second!.id, { rendererVersion: SNAPSHOT_RENDERER_VERSION - 1, etag: 'etag-of-older-bytes' })
    const info = vi.spyOn(app.payload.logger, 'info')
    try {
      await refreshStaleSnapshots(req, options)
      const lines = info.mock.calls.map((call) => String(call[0]))
      expect(lines.filter((line) => line.includes('stale'))).toEqual([
        `newsroomPlugin: 2 snapshot(s) stale for renderer version ${SNAPSHOT_RENDERER_VERSION}: re-rendered 2, 1 of them with new content; removed 0 no longer published.`,
      ])
      info.mockClear()
      await refreshStaleSnapshots(req, options)
      expect(info).not.toHaveBeenCalled()
    } finally {
      info.mockRestore()
    }
  })
})
