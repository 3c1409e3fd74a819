import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DELIVERY_CHANNEL, type DeliveryNotice } from '../src/delivery/publicRead.ts'
import { MINISTRY_SLUG, PUBLISHED_ARTICLE_SLUG } from '../src/demo/demoContent.ts'
import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/**
 * The CMS's side of the delivery tier: what each public answer says a CDN may purge it by, the
 * latest-articles list, the participants' public identity kept beside the snapshots, and the
 * notifications that tell delivery servers what changed, sent only when the change commits.
 */
let app: TestApp
let listener: pg.Client
const notices: DeliveryNotice[] = []

beforeAll(async () => {
  app = await startTestApp('delivery_tier', { seed: true })
  listener = new pg.Client({ connectionString: app.databaseUri })
  await listener.connect()
  listener.on('notification', (message) => {
    if (message.channel === DELIVERY_CHANNEL && message.payload) notices.push(JSON.parse(message.payload))
  })
  await listener.query(`listen ${DELIVERY_CHANNEL}`)
})

afterAll(async () => {
  await listener?.end()
  await app?.close()
})

const keysOf = (response: { headers: Headers }) =>
  (response.headers.get('surrogate-key') ?? '').split(' ').filter(Boolean)

/** Waits for notifications to arrive (they are asynchronous even after the commit returned). */
async function noticesAfter<T>(
  work: () => Promise<T>,
  settleMs = 300,
): Promise<{ result: T; notices: DeliveryNotice[] }> {
  const start = notices.length
  const result = await work()
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  return { result, notices: notices.slice(start) }
}

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  dateline: 'ASTANA',
  byline: 'Desk',
  body: doc(paragraph('Text.')) as never,
  ...extra,
})

describe('surrogate keys', () => {
  it('every public form of an article carries the keys of the article and of each photo, participant and statement it shows', async () => {
    const { docs } = await app.payload.find({
      collection: 'articles',
      where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
      depth: 0,
      overrideAccess: true,
    })
    const demo = docs[0]!
    const expected = [
      `article-${demo.id}`,
      ...((demo.photosUsed ?? []) as number[]).map((id) => `photo-${id}`),
      ...((demo.participantsCited ?? []) as number[]).map((id) => `participant-${id}`),
      ...((demo.statementsCited ?? []) as number[]).map((id) => `joint-statement-${id}`),
      ...((demo.issuedStatementsCited ?? []) as number[]).map((id) => `statement-${id}`),
    ]
    expect(expected.some((key) => key.startsWith('photo-'))).toBe(true)
    expect(expected.some((key) => key.startsWith('joint-statement-'))).toBe(true)
    expect(expected.some((key) => key.startsWith('statement-'))).toBe(true)

    for (const path of ['', '/jsonld', '/html'] as const) {
      const response = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}${path}`)
      expect(response.status).toBe(200)
      const keys = keysOf(response)
      expect(keys).toEqual(expect.arrayContaining(expected))
      expect(response.headers.get('cache-tag')).toBe(keys.join(','))
      // The photos' issuers are shown in their credits: purging the ministry purges this article.
      const ministry = await app.payload.find({
        collection: 'participants',
        where: { slug: { equals: MINISTRY_SLUG } },
        depth: 0,
        overrideAccess: true,
      })
      expect(keys).toContain(`participant-${ministry.docs[0]!.id}`)

      const etag = response.headers.get('etag')!
      const revalidated = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}${path}`, {
        headers: { 'If-None-Match': etag },
      })
      expect(revalidated.status).toBe(304)
      expect(keysOf(revalidated)).toEqual(keys)
    }
  })
})

describe('the latest published articles', () => {
  it('newest first, in keyset pages that neither skip nor repeat, drafts left out, with an ETag and 304', async () => {
    const titles = ['Latest one', 'Latest two', 'Latest three']
    for (const title of titles)
      await app.payload.create({ collection: 'articles', data: { ...article(title), _status: 'published' }, depth: 0 })
    await app.payload.create({
      collection: 'articles',
      data: { ...article('A draft nobody sees'), _status: 'draft' },
      draft: true,
      depth: 0,
    })

    const first = await app.rest.get('/articles/latest?limit=2')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=86400')
    const page1 = first.json as {
      docs: { title: string; id: number }[]
      hasNextPage: boolean
      nextCursor: string
    }
    expect(page1.docs.map((row) => row.title)).toEqual(['Latest three', 'Latest two'])
    expect(page1.hasNextPage).toBe(true)
    expect(keysOf(first)).toEqual(['articles', ...page1.docs.map((row) => `article-${row.id}`)])

    const second = await app.rest.get(`/articles/latest?limit=2&cursor=${page1.nextCursor}`)
    const page2 = second.json as { docs: { title: string }[] }
    expect(page2.docs.map((row) => row.title)[0]).toBe('Latest one')

    const all: { title: string; id: number }[] = []
    let cursor: string | null = null
    do {
      const response = await app.rest.get(`/articles/latest?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      const page = response.json as { docs: { title: string; id: number }[]; nextCursor: string | null }
      all.push(...page.docs)
      cursor = page.nextCursor
    } while (cursor)
    const { totalDocs } = await app.payload.count({
      collection: 'articles',
      where: { _status: { equals: 'published' } },
    })
    expect(all).toHaveLength(totalDocs)
    expect(new Set(all.map((row) => row.id)).size).toBe(totalDocs)
    expect(all.map((row) => row.title)).not.toContain('A draft nobody sees')

    const again = await app.rest.get('/articles/latest?limit=2', {
      headers: { 'If-None-Match': first.headers.get('etag')! },
    })
    expect(again.status).toBe(304)

    expect((await app.rest.get('/articles/latest?limit=0')).status).toBe(400)
    expect((await app.rest.get('/articles/latest?cursor=nonsense')).status).toBe(400)
  })

  it('an article may not take the slug the list answers at: typed, it is refused (drafts too); made from the title, it steps aside', async () => {
    const refused = await app.payload
      .create({ collection: 'articles', data: { ...article('Anything'), slug: 'latest' }, draft: true })
      .catch((error: { data?: { errors?: { path: string; message: string }[] } }) => error)
    expect((refused as { data?: { errors?: unknown[] } }).data?.errors).toEqual([
      { path: 'slug', message: '“latest” is a word the public API uses in this place; choose another slug.' },
    ])
    const titled = await app.payload.create({ collection: 'articles', data: article('Latest'), draft: true, depth: 0 })
    expect(titled.slug).toBe('latest-1')
  })
})

describe("participants' public identity", () => {
  it('follows the participant: renamed, withdrawn and published again, as the list of its articles shows', async () => {
    const participant = await app.payload.create({
      collection: 'participants',
      data: { name: 'Observer Mission', kind: 'international-organization', _status: 'published' } as never,
      depth: 0,
    })
    const snapshot = async () =>
      (
        await app.payload.find({
          collection: 'participant-snapshots',
          where: { participant: { equals: participant.id } },
          overrideAccess: true,
          depth: 0,
        })
      ).docs[0]
    expect(await snapshot()).toMatchObject({ name: 'Observer Mission', slug: participant.slug })

    const renamed = await noticesAfter(() =>
      app.payload.update({
        collection: 'participants',
        id: participant.id,
        data: { name: 'Observer Mission to Astana' },
        depth: 0,
      }),
    )
    expect(await snapshot()).toMatchObject({ name: 'Observer Mission to Astana' })
    expect(renamed.notices).toContainEqual({ kind: 'participant', id: participant.id, slugs: [participant.slug] })
    const list = await app.rest.get(`/participants/${participant.slug}/articles`)
    expect((list.json as { participant: { name: string } }).participant.name).toBe('Observer Mission to Astana')

    // A draft saved over it changes nothing public.
    await app.payload.update({
      collection: 'participants',
      id: participant.id,
      data: { name: 'Not yet' },
      draft: true,
      depth: 0,
    })
    expect(await snapshot()).toMatchObject({ name: 'Observer Mission to Astana' })

    await app.payload.update({
      collection: 'participants',
      id: participant.id,
      data: { _status: 'draft' },
      depth: 0,
    })
    expect(await snapshot()).toBeUndefined()
    expect((await app.rest.get(`/participants/${participant.slug}/articles`)).status).toBe(404)

    await app.payload.update({
      collection: 'participants',
      id: participant.id,
      data: { name: 'Observer Mission', _status: 'published' },
      depth: 0,
    })
    expect(await snapshot()).toMatchObject({ name: 'Observer Mission' })

    const deleted = await noticesAfter(() => app.payload.delete({ collection: 'participants', id: participant.id }))
    expect(await snapshot()).toBeUndefined()
    expect(deleted.notices).toContainEqual({ kind: 'participant', id: participant.id, slugs: [participant.slug] })
  })
})

describe('notifications to delivery servers', () => {
  it('a publish, a correction and an unpublish are announced with the slugs and the new etag', async () => {
    const published = await noticesAfter(() =>
      app.payload.create({
        collection: 'articles',
        data: { ...article('Told on publish'), _status: 'published' },
        depth: 0,
      }),
    )
    const created = published.result
    const snapshot = await app.payload.find({
      collection: 'article-snapshots',
      where: { article: { equals: created.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(published.notices).toContainEqual({
      kind: 'article',
      id: created.id,
      slugs: [created.slug],
      etag: snapshot.docs[0]!.etag,
    })

    const renamed = await noticesAfter(() =>
      app.payload.update({
        collection: 'articles',
        id: created.id,
        data: { slug: 'told-on-correction', _status: 'published' },
        depth: 0,
      }),
    )
    expect(renamed.notices).toContainEqual(
      expect.objectContaining({ kind: 'article', id: created.id, slugs: ['told-on-correction', created.slug] }),
    )

    const unpublished = await noticesAfter(() =>
      app.payload.update({ collection: 'articles', id: created.id, data: { _status: 'draft' }, depth: 0 }),
    )
    expect(unpublished.notices).toContainEqual({
      kind: 'article',
      id: created.id,
      slugs: ['told-on-correction'],
      etag: null,
    })
  })

  it('nothing is announced for a change that is rolled back, and the committed one is announced once it commits', async () => {
    const draft = await app.payload.create({
      collection: 'articles',
      data: { ...article('Rolled back') },
      draft: true,
      depth: 0,
    })
    const rolledBack = await noticesAfter(async () => {
      const req = await createLocalReq({}, app.payload)
      await initTransaction(req)
      await app.payload.update({ collection: 'articles', id: draft.id, data: { _status: 'published' }, depth: 0, req })
      await killTransaction(req)
    })
    expect(rolledBack.notices.filter((notice) => notice.id === draft.id)).toEqual([])

    const committed = await noticesAfter(async () => {
      const req = await createLocalReq({}, app.payload)
      await initTransaction(req)
      await app.payload.update({ collection: 'articles', id: draft.id, data: { _status: 'published' }, depth: 0, req })
      // Not before the commit.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(notices.filter((notice) => notice.id === draft.id && notice.kind === 'article')).toEqual([])
      await commitTransaction(req)
    })
    expect(committed.notices.filter((notice) => notice.id === draft.id && notice.kind === 'article')).toHaveLength(1)
  })
})
