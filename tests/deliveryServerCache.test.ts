import fs from 'node:fs'
import http from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  articleNotFoundBody,
  DELIVERY_CHANNEL,
  type DeliveryNotice,
  latestArticlesPage,
  latestArticlesQuery,
  type ListedArticleRow,
  ORIGIN_PLACEHOLDER,
  participantArticlesPage,
  participantArticlesQuery,
  type PublishedCursor,
  participantNotFoundBody,
  type ParticipantRow,
  readListQuery,
  strongEtag,
} from '../src/delivery/publicRead.ts'
import {
  type EmbeddedDatabase,
  findFreePort,
  startEmbeddedPostgres,
  temporaryDataDir,
} from '../src/db/embeddedPostgres.ts'
import { createDeliveryServer, type DeliveryServer, type DeliveryServerOptions } from '../src/deliveryServer/index.ts'
import { DEFAULT_DELIVERY_TABLES } from '../src/deliveryServer/options.ts'
import { DEFAULTS } from '../src/options/defaults.ts'

/**
 * The delivery server's own behaviour (cache, coherence, outages) on a PostgreSQL server of this
 * file's own, which the outage test stops and starts again. The snapshot tables are made here with
 * plain SQL in the plugin's layout (src/migrations), without the foreign keys to articles and
 * participants, so the tests can write the rows they need (ties in publication time, a change
 * nobody announces) without booting the CMS; tests/deliveryServer.test.ts runs the server on the
 * real plugin's tables and compares it with the CMS.
 */
let database: EmbeddedDatabase | undefined
let dataDir: string
let databasePort: number
let databaseUri: string
let sql: pg.Pool

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir, persistent: true, port: databasePort })
}
const stopDatabase = async () => {
  await database?.stop()
  database = undefined
}

const SCHEMA = `
create table article_snapshots (
  id serial primary key,
  article_id integer not null unique,
  slug varchar not null unique,
  etag varchar not null,
  published_at timestamp(3) with time zone,
  renderer_version numeric,
  document varchar not null,
  json_ld varchar not null,
  html varchar not null,
  title varchar,
  summary varchar,
  dateline varchar,
  surrogate_keys varchar,
  updated_at timestamp(3) with time zone not null default now(),
  created_at timestamp(3) with time zone not null default now()
);
create index on article_snapshots (published_at, article_id);
create table article_snapshots_rels (
  id serial primary key,
  "order" integer,
  parent_id integer not null references article_snapshots (id) on delete cascade,
  path varchar not null,
  participants_id integer
);
create index on article_snapshots_rels (parent_id);
create index on article_snapshots_rels (participants_id);
create table participant_snapshots (
  id serial primary key,
  participant_id integer not null unique,
  slug varchar not null unique,
  name varchar not null,
  updated_at timestamp(3) with time zone not null default now(),
  created_at timestamp(3) with time zone not null default now()
);
`

interface Article {
  id: number
  slug: string
  version: string
  publishedAt: string
  participants: number[]
}

const document = (article: Article) =>
  JSON.stringify({
    id: article.id,
    slug: article.slug,
    title: `Article ${article.id}, ${article.version}`,
    body: `Text of article ${article.id}, version ${article.version}. `.repeat(40),
  })
const jsonLd = (article: Article) =>
  JSON.stringify({
    '@type': 'NewsArticle',
    headline: `Article ${article.id}`,
    url: `${ORIGIN_PLACEHOLDER}/articles/${article.slug}`,
    image: [`${ORIGIN_PLACEHOLDER}/api/photos/file/${article.slug}.jpg`],
    text: 'Words '.repeat(60),
  })
const html = (article: Article) => `<article><h1>Article ${article.id}</h1>${'<p>Paragraph.</p>'.repeat(30)}</article>`
const hashOf = (article: Article) => `hash-${article.id}-${article.version}`

async function writeArticle(article: Article) {
  const { rows } = await sql.query<{ id: number }>(
    `insert into article_snapshots (article_id, slug, etag, published_at, document, json_ld, html, title, summary, dateline, surrogate_keys)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (article_id) do update set slug = excluded.slug, etag = excluded.etag, published_at = excluded.published_at,
       document = excluded.document, json_ld = excluded.json_ld, html = excluded.html, title = excluded.title,
       summary = excluded.summary, surrogate_keys = excluded.surrogate_keys
     returning id`,
    [
      article.id,
      article.slug,
      hashOf(article),
      article.publishedAt,
      document(article),
      jsonLd(article),
      html(article),
      `Article ${article.id}, ${article.version}`,
      `Summary ${article.id}`,
      'ASTANA',
      [`article-${article.id}`, ...article.participants.map((id) => `participant-${id}`)].join(' '),
    ],
  )
  const parent = rows[0]!.id
  await sql.query('delete from article_snapshots_rels where parent_id = $1', [parent])
  for (const [order, participant] of article.participants.entries())
    await sql.query(
      `insert into article_snapshots_rels ("order", parent_id, path, participants_id) values ($1, $2, 'participants', $3)`,
      [order + 1, parent, participant],
    )
}

const notify = (notice: DeliveryNotice) =>
  sql.query('select pg_notify($1, $2)', [DELIVERY_CHANNEL, JSON.stringify(notice)])

const articles: Article[] = Array.from({ length: 6 }, (_, index) => ({
  id: index + 1,
  slug: `article-${['one', 'two', 'three', 'four', 'five', 'six'][index]}`,
  version: 'v1',
  // Articles 3 and 4 share a time, so the keyset's tie-break on id (newest id first) is walked too.
  publishedAt: new Date(Date.UTC(2026, 0, 10 - (index === 3 ? 2 : index))).toISOString(),
  participants: index % 2 === 0 ? [101] : [101, 102],
}))

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  text: string
}

/** One request on a fresh connection, the body as sent (no decompression). */
function request(
  server: DeliveryServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  const { port } = server.server.address() as { port: number }
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, text: body.toString('utf8') })
      })
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const servers: DeliveryServer[] = []
const logged: string[] = []
async function startServer(options: Partial<DeliveryServerOptions> = {}): Promise<DeliveryServer> {
  const server = createDeliveryServer({
    databaseUri,
    logger: {
      info: (message) => logged.push(message),
      warn: (message) => logged.push(message),
      error: (message, error) => logged.push(`${message}: ${String(error)}`),
    },
    ...options,
  })
  servers.push(server)
  await server.listen(0, '127.0.0.1')
  await waitFor(() => server.stats().listening, 'the server to listen for notices')
  return server
}

/** Counts what a few requests cost. */
async function queriesDuring<T>(
  server: DeliveryServer,
  run: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  const before = server.stats().queries
  const result = await run()
  return { result, queries: server.stats().queries - before }
}

beforeAll(async () => {
  dataDir = temporaryDataDir('newsroom-delivery-')
  databasePort = await findFreePort()
  await startDatabase()
  const admin = new pg.Client({ connectionString: database!.serverUri })
  await admin.connect()
  await admin.query('create database delivery')
  await admin.end()
  databaseUri = database!.uriFor('delivery')
  sql = new pg.Pool({ connectionString: databaseUri, max: 2 })
  sql.on('error', () => {})
  await sql.query(SCHEMA)
  for (const article of articles) await writeArticle(article)
  await sql.query(`insert into participant_snapshots (participant_id, slug, name) values
    (101, 'republic-of-kazakhstan', 'Republic of Kazakhstan'), (102, 'russian-federation', 'Russian Federation'),
    (103, 'nobody-cites', 'Nobody cites this one')`)
})

afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {})
  await sql?.end().catch(() => {})
  await stopDatabase().catch(() => {})
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('an article read', () => {
  let server: DeliveryServer
  beforeAll(async () => {
    server = await startServer({ revalidateAfterMs: 60_000 })
  })

  it('is one indexed query cold, and none once cached, by slug or by id', async () => {
    const [article] = articles
    const cold = await queriesDuring(server, () => request(server, `/api/articles/${article!.slug}`))
    expect(cold.queries).toBe(1)
    expect(cold.result.status).toBe(200)
    expect(cold.result.text).toBe(document(article!))
    expect(cold.result.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      etag: strongEtag(hashOf(article!), 'd'),
      'cache-control': DEFAULTS.delivery.cacheControl,
      'surrogate-key': 'article-1 participant-101',
      'cache-tag': 'article-1,participant-101',
      vary: 'Accept-Encoding',
      'content-length': String(Buffer.byteLength(document(article!))),
    })
    expect(cold.result.headers['content-encoding']).toBeUndefined()

    const warm = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${article!.slug}`),
      await request(server, `/api/articles/${article!.id}`),
    ])
    expect(warm.queries).toBe(0)
    for (const answer of warm.result) expect(answer.text).toBe(document(article!))
  })

  it('serves the JSON-LD and HTML from the same row, each with its own ETag', async () => {
    const article = articles[1]!
    const ld = await request(server, `/api/articles/${article.slug}/jsonld`, { Host: 'news.example:8080' })
    const origin = 'http://news.example:8080'
    expect(ld.status).toBe(200)
    expect(ld.text).toBe(jsonLd(article).replaceAll(ORIGIN_PLACEHOLDER, origin))
    expect(ld.headers['content-type']).toBe('application/ld+json; charset=utf-8')
    expect(ld.headers.etag).toBe(strongEtag(hashOf(article), 'ld', origin))
    // Another origin is another body, with another ETag.
    const elsewhere = await request(server, `/api/articles/${article.id}/jsonld`, { Host: 'localhost' })
    expect(elsewhere.text).toContain('"http://localhost/articles/article-two"')
    expect(elsewhere.headers.etag).toBe(strongEtag(hashOf(article), 'ld', 'http://localhost'))

    const page = await request(server, `/api/articles/${article.id}/html`)
    expect(page.text).toBe(html(article))
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers.etag).toBe(strongEtag(hashOf(article), 'h'))
  })

  it('uses the configured public URL in JSON-LD, without an origin in the ETag', async () => {
    const withURL = await startServer({ publicURL: 'https://news.example/' })
    const article = articles[1]!
    const ld = await request(withURL, `/api/articles/${article.slug}/jsonld`, { Host: 'anything.invalid' })
    expect(ld.text).toBe(jsonLd(article).replaceAll(ORIGIN_PLACEHOLDER, 'https://news.example'))
    expect(ld.headers.etag).toBe(strongEtag(hashOf(article), 'ld'))
  })

  it('answers If-None-Match with 304 and no query once cached, for any coding of the version', async () => {
    const article = articles[0]!
    const etag = strongEtag(hashOf(article), 'd')
    const { result, queries } = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${article.slug}`, { 'If-None-Match': etag }),
      await request(server, `/api/articles/${article.id}`, {
        'If-None-Match': `"elsewhere", ${etag.slice(0, -1)}-br"`,
        'Accept-Encoding': 'gzip',
      }),
    ])
    expect(queries).toBe(0)
    expect(result.map((answer) => answer.status)).toEqual([304, 304])
    expect(result[0]!.body.length).toBe(0)
    expect(result[0]!.headers.etag).toBe(etag)
    // The 304 names the ETag the 200 would have carried for this request.
    expect(result[1]!.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`)
    expect(result[1]!.headers['cache-control']).toBe(DEFAULTS.delivery.cacheControl)

    const stale = await request(server, `/api/articles/${article.slug}`, { 'If-None-Match': '"hash-1-v0-d"' })
    expect(stale.status).toBe(200)
  })

  it('answers If-None-Match on a cold read after its one query', async () => {
    const article = articles[2]!
    const { result, queries } = await queriesDuring(server, () =>
      request(server, `/api/articles/${article.slug}/html`, { 'If-None-Match': strongEtag(hashOf(article), 'h') }),
    )
    expect(queries).toBe(1)
    expect(result.status).toBe(304)
  })

  it('compresses with brotli or gzip as negotiated, once per version, with the coding in the ETag', async () => {
    const article = articles[3]!
    const identity = await request(server, `/api/articles/${article.slug}`)
    const br = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'gzip, deflate, br' })
    const gz = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'gzip;q=1, br;q=0.5' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}-br"`)
    expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true)
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(identity.body.length / 3)
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.etag).toBe(`${identity.headers.etag!.slice(0, -1)}-gz"`)
    expect(gunzipSync(gz.body).equals(identity.body)).toBe(true)
    for (const answer of [identity, br, gz]) expect(answer.headers.vary).toBe('Accept-Encoding')
    // Asking for identity explicitly, or for nothing this server makes, gets the plain body.
    const plain = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'deflate, identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(identity.body)).toBe(true)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const article = articles[0]!
    const get = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'br' })
    const head = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['content-length']).toBe(get.headers['content-length'])
    expect(head.headers.etag).toBe(get.headers.etag)
  })

  it('shares one query among concurrent reads of an uncached article', async () => {
    const article = articles[4]!
    const { result, queries } = await queriesDuring(server, () =>
      Promise.all(Array.from({ length: 25 }, () => request(server, `/api/articles/${article.slug}/html`))),
    )
    expect(queries).toBe(1)
    expect(new Set(result.map((answer) => answer.text))).toEqual(new Set([html(article)]))
  })

  it('answers 404 for what is not published, and without a query for what cannot be an id or slug', async () => {
    const missing = await queriesDuring(server, () => request(server, '/api/articles/no-such-article'))
    expect(missing.queries).toBe(1)
    expect(missing.result.status).toBe(404)
    expect(missing.result.text).toBe(articleNotFoundBody('no-such-article'))
    expect(missing.result.headers['cache-control']).toBe(DEFAULTS.delivery.cacheControl)
    expect(missing.result.headers['content-type']).toBe('application/json; charset=utf-8')

    const invalid = await queriesDuring(server, async () => [
      await request(server, '/api/articles/not%20a%20slug'),
      await request(server, '/api/articles/99999999999'),
      await request(server, `/api/articles/${'x'.repeat(201)}/html`),
      await request(server, '/api/articles/%E0%A4%A'),
    ])
    expect(invalid.queries).toBe(0)
    expect(invalid.result.map((answer) => answer.status)).toEqual([404, 404, 404, 404])
    expect(invalid.result[0]!.text).toBe(articleNotFoundBody('not a slug'))
  })

  it('sends reads with query parameters to the CMS, and refuses other methods and paths', async () => {
    const { result, queries } = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${articles[0]!.slug}?depth=1`),
      await request(server, `/api/articles/${articles[0]!.slug}`, {}, 'POST'),
      await request(server, `/api/articles/${articles[0]!.slug}/versions`),
      await request(server, '/api/photos/1'),
      await request(server, '/'),
    ])
    expect(queries).toBe(0)
    expect(result.map((answer) => answer.status)).toEqual([400, 405, 404, 404, 404])
    expect(JSON.parse(result[0]!.text).errors[0].message).toMatch(/ask the CMS/)
    expect(result[1]!.headers.allow).toBe('GET, HEAD')
    // `?` alone is no query.
    expect((await request(server, `/api/articles/${articles[0]!.slug}?`)).status).toBe(200)
  })
})

describe('lists', () => {
  let server: DeliveryServer
  beforeAll(async () => {
    server = await startServer({ revalidateAfterMs: 60_000 })
  })

  const tables = DEFAULT_DELIVERY_TABLES
  const expectedLatest = async (search: string) => {
    const query = readListQuery(new URLSearchParams(search))
    if ('error' in query) throw new Error(query.error)
    const { rows } = await sql.query<ListedArticleRow>(latestArticlesQuery(tables, query.cursor, query.limit + 1))
    return latestArticlesPage(rows, query.limit)
  }

  it('walks the latest articles page by page with the cursor, each page cached', async () => {
    const seen: number[] = []
    // Page 1 ends on article 4, page 2 starts with article 3 of the same time.
    let search = 'limit=3'
    for (;;) {
      const expected = await expectedLatest(search)
      const cold = await queriesDuring(server, () => request(server, `/api/articles/latest?${search}`))
      expect(cold.queries).toBe(1)
      expect(cold.result.status).toBe(200)
      expect(cold.result.text).toBe(expected.body)
      expect(cold.result.headers.etag).toBe(expected.etag)
      expect(cold.result.headers['surrogate-key']).toBe(expected.keys.join(' '))
      expect(cold.result.headers['cache-tag']).toBe(expected.keys.join(','))
      const warm = await queriesDuring(server, () =>
        request(server, `/api/articles/latest?${search}`, { 'If-None-Match': expected.etag }),
      )
      expect(warm.queries).toBe(0)
      expect(warm.result.status).toBe(304)
      const page = JSON.parse(cold.result.text) as { docs: { id: number }[]; nextCursor: string | null }
      seen.push(...page.docs.map((doc) => doc.id))
      if (!page.nextCursor) break
      search = `limit=3&cursor=${page.nextCursor}`
    }
    expect(seen).toEqual([1, 2, 4, 3, 5, 6])
  })

  it('lists a participant’s articles the same, page by page, whether it reads all its citations or walks the newest', async () => {
    /** Every page of the list, `limit` at a time, following the cursor as the endpoints do. */
    const walk = async (participantId: number, limit: number, fewCitations: number) => {
      const pages: number[][] = []
      let after: PublishedCursor | null = null
      for (;;) {
        const { rows }: { rows: ListedArticleRow[] } = await sql.query<ListedArticleRow>(
          participantArticlesQuery(tables, participantId, after, limit + 1, fewCitations),
        )
        pages.push(rows.slice(0, limit).map((row) => row.id))
        if (rows.length <= limit) return pages
        const last: ListedArticleRow = rows[limit - 1]!
        after = { publishedAt: new Date(last.published_at!), id: last.id }
      }
    }
    // 101 is cited by all six (3 and 4 at the same time), 102 by three.
    for (const [participant, expected] of [
      [101, [1, 2, 4, 3, 5, 6]],
      [102, [2, 4, 6]],
    ] as const)
      for (const limit of [1, 2, 4]) {
        const read = await walk(participant, limit, 1000)
        expect(read.flat()).toEqual(expected)
        // Fewer allowed citations than it has: the walk of the newest, with the same pages.
        expect(await walk(participant, limit, 1)).toEqual(read)
      }

    // Only one of the two ways runs: the other is gated off by the count (a one-time filter whose
    // plan below it is never executed).
    const ranBelowFilter = async (fewCitations: number) => {
      const query = participantArticlesQuery(tables, 101, null, 3, fewCitations)
      const { rows } = await sql.query<{ 'QUERY PLAN': string }>({
        text: `explain (analyze, costs off, timing off) ${query.text}`,
        values: query.values,
      })
      const lines = rows.map((row) => row['QUERY PLAN'])
      const ran = (comparison: '<=' | '>') => {
        const filter = lines.findIndex((line) => line.includes(`One-Time Filter:`) && line.includes(` ${comparison} `))
        expect(filter, lines.join('\n')).toBeGreaterThan(-1)
        return !lines[filter + 1]!.includes('(never executed)')
      }
      return { reading: ran('<='), walking: ran('>') }
    }
    expect(await ranBelowFilter(1000)).toEqual({ reading: true, walking: false })
    expect(await ranBelowFilter(1)).toEqual({ reading: false, walking: true })
  })

  it('lists the articles citing a participant, by slug or id, and 404s an unknown one', async () => {
    const participant: ParticipantRow = { id: 102, name: 'Russian Federation', slug: 'russian-federation' }
    const { rows } = await sql.query<ListedArticleRow>(participantArticlesQuery(tables, 102, null, 21))
    const expected = participantArticlesPage(participant, rows, 20)
    const cold = await queriesDuring(server, () => request(server, '/api/participants/russian-federation/articles'))
    expect(cold.queries).toBe(2)
    expect(cold.result.text).toBe(expected.body)
    expect(cold.result.headers.etag).toBe(expected.etag)
    expect(JSON.parse(cold.result.text).docs.map((doc: { id: number }) => doc.id)).toEqual([2, 4, 6])
    const byId = await request(server, '/api/participants/102/articles')
    expect(byId.text).toBe(expected.body)

    const empty = await request(server, '/api/participants/nobody-cites/articles')
    expect(JSON.parse(empty.text)).toMatchObject({ docs: [], hasNextPage: false, nextCursor: null })

    const unknown = await request(server, '/api/participants/nobody-at-all/articles')
    expect(unknown.status).toBe(404)
    expect(unknown.text).toBe(participantNotFoundBody('nobody-at-all'))
  })

  it('refuses a bad limit or cursor with the CMS’s message, without a query', async () => {
    const { result, queries } = await queriesDuring(server, async () => [
      await request(server, '/api/articles/latest?limit=0'),
      await request(server, '/api/articles/latest?limit=101'),
      await request(server, '/api/articles/latest?cursor=nonsense'),
      await request(server, '/api/participants/russian-federation/articles?limit=abc'),
    ])
    expect(queries).toBe(0)
    expect(result.map((answer) => answer.status)).toEqual([400, 400, 400, 400])
    const expected = readListQuery(new URLSearchParams('limit=0'))
    expect(result[0]!.text).toBe('error' in expected ? expected.error : '')
  })
})

describe('coherence', () => {
  it('drops what a notice names at once, and every list page with it', async () => {
    const server = await startServer({ revalidateAfterMs: 60_000 })
    const article = { ...articles[5]! }
    await request(server, `/api/articles/${article.slug}`)
    await request(server, `/api/articles/latest?limit=2`)
    await request(server, '/api/participants/republic-of-kazakhstan/articles')

    article.version = 'v2'
    await writeArticle(article)
    // Without the notice, the cached version stands (for up to revalidateAfterMs).
    expect((await request(server, `/api/articles/${article.slug}`)).text).toContain('version v1')

    const notices = server.stats().notices
    await notify({ kind: 'article', id: article.id, slugs: [article.slug], etag: hashOf(article) })
    await waitFor(() => server.stats().notices > notices, 'the notice')
    const { result, queries } = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${article.slug}`),
      await request(server, `/api/articles/latest?limit=2`),
      await request(server, '/api/participants/republic-of-kazakhstan/articles'),
    ])
    expect(result[0]!.text).toBe(document(article))
    expect(result[0]!.headers.etag).toBe(strongEtag(hashOf(article), 'd'))
    expect(queries).toBe(1 + 1 + 2)
  })

  it('listens where notificationsUri says (the primary, when reads go to a replica), not on the database it reads', async () => {
    // Another database of the same server stands for the primary: notices sent there must count,
    // and notices sent on the database the reads go to must not.
    const admin = new pg.Client({ connectionString: database!.serverUri })
    await admin.connect()
    await admin.query('create database delivery_primary')
    await admin.end()
    const primary = new pg.Client({ connectionString: database!.uriFor('delivery_primary') })
    await primary.connect()
    try {
      const server = await startServer({
        revalidateAfterMs: 60_000,
        notificationsUri: database!.uriFor('delivery_primary'),
      })
      const article = { ...articles[1]! }
      await request(server, `/api/articles/${article.slug}`)
      article.version = 'v2'
      await writeArticle(article)

      const notices = server.stats().notices
      await notify({ kind: 'article', id: article.id, slugs: [article.slug], etag: hashOf(article) })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(server.stats().notices).toBe(notices)
      expect((await request(server, `/api/articles/${article.slug}`)).text).toContain('version v1')

      await primary.query('select pg_notify($1, $2)', [
        DELIVERY_CHANNEL,
        JSON.stringify({ kind: 'article', id: article.id, slugs: [article.slug], etag: hashOf(article) }),
      ])
      await waitFor(() => server.stats().notices > notices, 'the notice from the primary')
      expect((await request(server, `/api/articles/${article.slug}`)).text).toBe(document(article))
    } finally {
      await primary.end()
    }
  })

  it('checks a held answer with one query once revalidateAfterMs has passed, so a missed notice costs at most that', async () => {
    const server = await startServer({ revalidateAfterMs: 300 })
    const article = { ...articles[4]! }
    const first = await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'br' })

    // Unchanged: one query for the hash, and the held answer (its brotli form too) is kept.
    await new Promise((resolve) => setTimeout(resolve, 350))
    const same = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'br' }),
      await request(server, `/api/articles/${article.slug}`, { 'Accept-Encoding': 'br' }),
    ])
    expect(same.queries).toBe(1)
    expect(same.result[0]!.body.equals(first.body)).toBe(true)

    // Changed with no notice: served as held until the interval ends, then read again.
    article.version = 'v3'
    await writeArticle(article)
    await new Promise((resolve) => setTimeout(resolve, 350))
    const changed = await queriesDuring(server, () => request(server, `/api/articles/${article.slug}`))
    expect(changed.queries).toBe(2)
    expect(changed.result.text).toBe(document(article))

    // Unpublished with no notice: gone after the check.
    await sql.query('delete from article_snapshots where article_id = $1', [article.id])
    await new Promise((resolve) => setTimeout(resolve, 350))
    const gone = await queriesDuring(server, () => request(server, `/api/articles/${article.slug}`))
    expect(gone.queries).toBe(1)
    expect(gone.result.status).toBe(404)
    await writeArticle(article)
  })

  it('reconnects the notification connection by itself, and checks everything it holds again', async () => {
    const server = await startServer({ revalidateAfterMs: 60_000 })
    const article = articles[0]!
    await request(server, `/api/articles/${article.slug}`)
    const terminated = await sql.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'newsroom-delivery-listener' and datname = 'delivery'",
    )
    expect(terminated.rowCount).toBeGreaterThan(0)
    await waitFor(() => !server.stats().listening, 'the connection to drop')
    await waitFor(() => server.stats().listening, 'the connection to come back')
    const check = await queriesDuring(server, async () => [
      await request(server, `/api/articles/${article.slug}`),
      await request(server, `/api/articles/${article.slug}`),
    ])
    expect(check.queries).toBe(1)
    expect(check.result[1]!.text).toBe(document(article))
    const before = server.stats().notices
    await notify({ kind: 'participant', id: 101, slugs: ['republic-of-kazakhstan'] })
    await waitFor(() => server.stats().notices > before, 'a notice on the new connection')
  })
})

describe('the cache bound', () => {
  it('holds no more bytes than cacheBytes, counting compressed forms, evicting the least recently used', async () => {
    const one = Buffer.byteLength(document(articles[0]!))
    const cacheBytes = 3 * (one + 512) + 200
    const server = await startServer({ cacheBytes, revalidateAfterMs: 60_000 })
    for (const article of articles.slice(0, 4)) {
      await request(server, `/api/articles/${article.slug}`)
      expect(server.stats().cache.bytes).toBeLessThanOrEqual(cacheBytes)
    }
    expect(server.stats().cache.entries).toBe(3)
    expect(server.stats().cache.evictions).toBe(1)
    // The first was evicted: reading it again is a query; the last is still held.
    expect((await queriesDuring(server, () => request(server, `/api/articles/${articles[3]!.slug}`))).queries).toBe(0)
    expect((await queriesDuring(server, () => request(server, `/api/articles/${articles[0]!.slug}`))).queries).toBe(1)
    // A compressed form makes room for itself.
    await request(server, `/api/articles/${articles[0]!.slug}`, { 'Accept-Encoding': 'gzip' })
    expect(server.stats().cache.bytes).toBeLessThanOrEqual(cacheBytes)
    expect(server.stats().cache.evictions).toBeGreaterThan(1)
  })
})

describe('when the database goes away', () => {
  it('serves what it holds, marked stale; 503s the rest at once; and recovers by itself', async () => {
    const server = await startServer({ revalidateAfterMs: 200, retryAfterSeconds: 7 })
    const held = articles[0]!
    const etag = strongEtag(hashOf(held), 'd')
    await request(server, `/api/articles/${held.slug}`)
    await request(server, `/api/articles/${held.slug}`, { 'Accept-Encoding': 'br' })
    await request(server, '/api/articles/latest?limit=3')
    expect(JSON.parse((await request(server, '/health')).text)).toMatchObject({ database: 'up', listening: true })

    await stopDatabase()
    await new Promise((resolve) => setTimeout(resolve, 250))
    try {
      const started = Date.now()
      const answers = []
      for (let i = 0; i < 10; i += 1) {
        answers.push(await request(server, `/api/articles/${held.slug}`, { 'Accept-Encoding': 'br' }))
        answers.push(await request(server, `/api/articles/${articles[1]!.slug}/html`))
      }
      // The breaker answers without waiting for connections.
      expect(Date.now() - started).toBeLessThan(3_000)
      const [stale, unavailable] = answers
      expect(stale!.status).toBe(200)
      expect(stale!.headers['newsroom-stale']).toBe('database-unavailable')
      expect(brotliDecompressSync(stale!.body).toString()).toBe(document(held))
      expect(unavailable!.status).toBe(503)
      expect(unavailable!.headers['retry-after']).toBe('7')
      expect(unavailable!.headers['cache-control']).toBe('no-store')
      expect(JSON.parse(unavailable!.text).errors[0].message).toMatch(/database is unavailable/)
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => [200, 503]).flat())

      const notModified = await request(server, `/api/articles/${held.id}`, { 'If-None-Match': etag })
      expect(notModified.status).toBe(304)
      expect(notModified.headers['newsroom-stale']).toBe('database-unavailable')
      const list = await request(server, '/api/articles/latest?limit=3')
      expect(list.status).toBe(200)
      expect(list.headers['newsroom-stale']).toBe('database-unavailable')

      expect(server.stats()).toMatchObject({ database: 'down', listening: false })
      expect(JSON.parse((await request(server, '/health')).text)).toMatchObject({ database: 'down' })
    } finally {
      await startDatabase()
    }

    await waitFor(
      async () => (await request(server, `/api/articles/${articles[1]!.slug}/html`)).status === 200,
      'recovery',
    )
    await waitFor(() => server.stats().listening, 'the notification connection to come back')
    const recovered = await request(server, `/api/articles/${held.slug}`)
    expect(recovered.status).toBe(200)
    expect(recovered.headers['newsroom-stale']).toBeUndefined()
    expect(server.stats()).toMatchObject({ database: 'up' })
    expect(server.stats().servedStale).toBeGreaterThan(0)
    expect(server.stats().unavailable).toBeGreaterThan(0)
    expect(logged.some((line) => /cannot be reached/.test(line))).toBe(true)
    expect(logged.some((line) => /reachable again/.test(line))).toBe(true)
  })

  it('marks what it holds stale as soon as its notification connection drops, with no read connection open', async () => {
    // Read connections that close when idle: when the database goes away, nothing but the
    // notification connection can tell, and no read is due (the interval is a minute).
    const pool = new pg.Pool({ connectionString: databaseUri, idleTimeoutMillis: 20, max: 2 })
    pool.on('error', () => {})
    const server = await startServer({ databaseUri: undefined, pool, revalidateAfterMs: 60_000 })
    try {
      const held = articles[2]!
      expect((await request(server, `/api/articles/${held.slug}`)).headers['newsroom-stale']).toBeUndefined()
      await waitFor(() => pool.totalCount === 0, 'the read connections to close')

      await stopDatabase()
      try {
        await waitFor(() => server.stats().database === 'down', 'the server to count the database as down', 5_000)
        const stale = await request(server, `/api/articles/${held.slug}`)
        expect(stale.status).toBe(200)
        expect(stale.text).toBe(document(held))
        expect(stale.headers['newsroom-stale']).toBe('database-unavailable')
      } finally {
        await startDatabase()
      }
      await waitFor(() => server.stats().listening && server.stats().database === 'up', 'recovery')
      expect((await request(server, `/api/articles/${held.slug}`)).headers['newsroom-stale']).toBeUndefined()
    } finally {
      await server.close()
      await pool.end().catch(() => {})
    }
  })
})
