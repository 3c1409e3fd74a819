/**
 * Reading the demo-sized article (10 photos, 10 quotes, 6 participants, 1 statement), side by side:
 *
 *   node --import tsx bench/read.ts            # in-process rounds, then HTTP against the production server
 *   node --import tsx bench/read.ts --smoke    # few rounds; HTTP against an in-process server (no build)
 *   node --import tsx bench/read.ts --no-build # reuse an existing `npm run build`
 *
 * In-process, interleaved round by round: one hand-written SQL query through `pg` (the floor),
 * bare Payload (the same fields without the plugin), the plugin's collections through the Local
 * API, and the public read through Payload's REST route handler (served from the snapshot).
 * Over HTTP (autocannon, in this process, against the server in another): the snapshot read, the
 * 304 revalidation, and Payload's own full read of the same article.
 */
import type { Payload } from 'payload'

import { REST_GET } from '@payloadcms/next/routes'
import autocannon from 'autocannon'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'

import {
  BASELINE_SLUGS,
  benchDatabase,
  createArticle,
  interleaved,
  localCreator,
  machine,
  restCreator,
  smoke,
  startBenchPayload,
  startProductionServer,
  stopPayload,
  type Summary,
  writeResult,
} from './support.ts'

const PLUGIN_SLUGS = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}
const rounds = smoke ? 20 : 400
const warmup = smoke ? 5 : 40
const httpSeconds = smoke ? 1 : 10
const connections = 10

/**
 * The same article as one JSON value, in one statement, populated as the snapshot is: its photos
 * with their issuers, participants with roles, the statement with its signatories, and in the body
 * every upload node's photo (with its issuer) and every Quote block's joint statement (with its
 * signatories). Only the body's top-level nodes are walked, which is where this article has them;
 * columns keep their stored names, so the JSON is the same content, not the same bytes.
 */
const FLOOR_SQL = `
with a as (select * from articles where slug = $1 and _status = 'published'),
photo as (
  select p.id, to_jsonb(p.*) || jsonb_build_object('issuer', to_jsonb(i.*)) as doc
  from photos p left join participants i on i.id = p.credit_issuer_id
  where p.id in (select a.hero_photo_id from a
    union select r.photos_id from articles_rels r join a on r.parent_id = a.id where r.path = 'photosUsed')),
statement as (
  select s.id, to_jsonb(s.*) || jsonb_build_object('signatories',
    (select jsonb_agg(to_jsonb(sp.*) order by sr."order") from joint_statements_rels sr join participants sp on sp.id = sr.participants_id
     where sr.parent_id = s.id and sr.path = 'signatories')) as doc
  from joint_statements s
  where s.id in (select r.joint_statements_id from articles_rels r join a on r.parent_id = a.id where r.path = 'statements'
    union select (n->'fields'->'attributedTo'->>'value')::int from a, jsonb_array_elements(a.body->'root'->'children') n
    where n->'fields'->'attributedTo'->>'relationTo' = 'joint-statements'))
select to_jsonb(a.*) || jsonb_build_object(
  'heroPhoto', (select doc from photo where id = a.hero_photo_id),
  'photosUsed', (select jsonb_agg(photo.doc order by r."order") from articles_rels r join photo on photo.id = r.photos_id
     where r.parent_id = a.id and r.path = 'photosUsed'),
  'participants', (select jsonb_agg(jsonb_build_object('role', ap.role, 'participant', to_jsonb(pa.*)) order by ap._order)
     from articles_participants ap join participants pa on pa.id = ap.participant_id where ap._parent_id = a.id),
  'statements', (select jsonb_agg(statement.doc order by r."order") from articles_rels r join statement on statement.id = r.joint_statements_id
     where r.parent_id = a.id and r.path = 'statements'),
  'body', jsonb_set(a.body, '{root,children}', (select coalesce(jsonb_agg(case
       when n->>'type' = 'upload' and n->>'relationTo' = 'photos'
         then jsonb_set(n, '{value}', coalesce((select doc from photo where id = (n->>'value')::int), n->'value'))
       when n->'fields'->>'blockType' = 'quote' and n->'fields'->'attributedTo'->>'relationTo' = 'joint-statements'
         then jsonb_set(n, '{fields,attributedTo,value}',
           coalesce((select doc from statement where id = (n->'fields'->'attributedTo'->>'value')::int), n->'fields'->'attributedTo'->'value'))
       else n end order by e.position), '[]'::jsonb)
     from jsonb_array_elements(a.body->'root'->'children') with ordinality e(n, position)))
) as article
from a`

interface HttpResult {
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

async function load(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const result = await autocannon({ url, connections, duration: httpSeconds, headers })
  return {
    requestsPerSecond: +result.requests.average.toFixed(1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

/** Each case twice, alternating, keeping the better run: both see the same machine. */
async function loadSideBySide(
  cases: Record<string, { url: string; headers?: Record<string, string>; expect: number }>,
) {
  const best: Record<string, HttpResult> = {}
  for (const [name, { url, headers, expect }] of Object.entries(cases)) {
    const probe = await fetch(url, { headers })
    await probe.arrayBuffer()
    if (probe.status !== expect) throw new Error(`${name}: ${url} answered ${probe.status}, expected ${expect}`)
  }
  for (let pass = 0; pass < 2; pass += 1) {
    for (const [name, { url, headers }] of Object.entries(cases)) {
      const result = await load(url, headers)
      if (!best[name] || result.requestsPerSecond > best[name]!.requestsPerSecond) best[name] = result
    }
  }
  return best
}

/** Payload's REST route handler behind a plain Node server: the smoke run's stand-in for `npm start`. */
async function inProcessServer(
  config: Parameters<typeof REST_GET>[0],
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const handler = REST_GET(config)
  // Requests still being answered when the load stops are awaited before Payload shuts down.
  const inFlight = new Set<Promise<void>>()
  const server = http.createServer((request, response) => {
    const answering = answer(request, response).finally(() => inFlight.delete(answering))
    inFlight.add(answering)
  })
  const answer = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value)
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    const answered = await handler(new Request(url, { headers }), { params: Promise.resolve({ slug }) })
    response.writeHead(answered.status, Object.fromEntries(answered.headers))
    response.end(Buffer.from(await answered.arrayBuffer()))
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await Promise.allSettled([...inFlight])
      await closed
    },
  }
}

async function inProcess(payload: Payload, config: Parameters<typeof REST_GET>[0], databaseUri: string) {
  const editor = await payload.create({
    collection: 'users',
    data: { email: 'bench-editor@newsroom.test', password: 'bench-editor-password', roles: ['editor'] } as never,
    overrideAccess: true,
  })
  const user = { ...editor, collection: 'users' } as Record<string, unknown>
  const plugin = await createArticle(localCreator(payload), PLUGIN_SLUGS, 10, 'plugin')
  const baseline = await createArticle(localCreator(payload, user), BASELINE_SLUGS, 10, 'bare')

  const floorClient = new pg.Client({ connectionString: databaseUri })
  await floorClient.connect()
  const floor = async () =>
    (await floorClient.query({ name: 'floor', text: FLOOR_SQL, values: [plugin.article.slug] })).rows[0].article
  const floorArticle = await floor()
  type FloorNode = {
    type: string
    value?: { issuer?: unknown }
    fields?: { attributedTo?: { value?: { signatories?: unknown } } }
  }
  const nodes = floorArticle.body.root.children as FloorNode[]
  const populatedPhotos = nodes.filter((node) => node.type === 'upload' && node.value?.issuer)
  const populatedQuotes = nodes.filter((node) => node.fields?.attributedTo?.value?.signatories)
  if (
    (floorArticle.photosUsed as unknown[]).length !== 10 ||
    (floorArticle.participants as unknown[]).length !== 6 ||
    populatedPhotos.length !== 10 ||
    populatedQuotes.length !== 10
  )
    throw new Error('the SQL floor does not return the article as the snapshot holds it')

  const get = REST_GET(config)
  const restGet = async (pathname: string, headers: Record<string, string> = {}) => {
    const [rest = '', query] = pathname.split('?')
    const response = await get(new Request(`http://localhost/api/${pathname}`, { headers }), {
      params: Promise.resolve({ slug: rest.split('/') }),
    })
    const body = await response.text()
    return { status: response.status, body, etag: response.headers.get('etag') ?? '', query }
  }
  const snapshot = await restGet(`articles/${plugin.article.slug}`)
  if (snapshot.status !== 200 || JSON.parse(snapshot.body).photosUsed.length !== 10)
    throw new Error(`the public read answered ${snapshot.status}`)
  const etag = snapshot.etag
  console.log(`the article's REST document: ${(Buffer.byteLength(snapshot.body) / 1024).toFixed(1)} KiB`)

  const bySlug = (collection: string, slug: string, extra: Record<string, unknown>) => () =>
    payload.find({
      collection: collection as 'articles',
      where: { slug: { equals: slug } },
      depth: 2,
      limit: 1,
      overrideAccess: false,
      ...extra,
    })

  const cases = {
    'SQL floor: one hand-written query (pg)': floor,
    'bare Payload: findByID, depth 2 (signed in)': () =>
      payload.findByID({
        collection: BASELINE_SLUGS.articles as 'articles',
        id: baseline.article.id,
        depth: 2,
        overrideAccess: false,
        user,
      }),
    'bare Payload: find by slug, depth 2 (signed in)': bySlug(BASELINE_SLUGS.articles, baseline.article.slug, { user }),
    'plugin, Local API: find by slug, depth 2 (signed in)': bySlug('articles', plugin.article.slug, { user }),
    'plugin, Local API: find by slug, depth 2 (anonymous)': bySlug('articles', plugin.article.slug, {}),
    'plugin, REST handler: GET /api/articles/:slug (snapshot)': () => restGet(`articles/${plugin.article.slug}`),
    'plugin, REST handler: same with If-None-Match (304)': () =>
      restGet(`articles/${plugin.article.slug}`, { 'If-None-Match': etag }),
    'Payload REST handler: GET /api/articles/:id?depth=2 (no snapshot)': () =>
      restGet(`articles/${plugin.article.id}?depth=2`),
  }
  const results = await interleaved(cases, rounds, warmup)
  await floorClient.end()
  return { results, article: plugin.article, documentKiB: +(Buffer.byteLength(snapshot.body) / 1024).toFixed(1) }
}

async function main() {
  const database = await benchDatabase('read')
  const { payload, config, mediaDir } = await startBenchPayload(database.uri)
  const { results, article, documentKiB } = await inProcess(payload, config, database.uri)

  const name = (key: string) => Object.keys(results).find((k) => k.startsWith(key))!
  const get = (key: string): Summary => results[name(key)]!
  const floor = get('SQL floor')
  console.log(`\nIn-process, ${rounds} interleaved rounds after ${warmup} warm-up rounds:`)
  console.table(
    Object.entries(results).map(([measure, s]) => ({
      measure,
      'ops/s': s.opsPerSecond,
      'p50 ms': s.p50,
      'p99 ms': s.p99,
      '× floor (mean)': +(s.mean / floor.mean).toFixed(2),
    })),
  )
  const ratios = {
    bareFindByIdOverFloor: +(get('bare Payload: findByID').mean / floor.mean).toFixed(2),
    publicReadOverFloor: +(get('plugin, REST handler: GET').mean / floor.mean).toFixed(2),
    pluginSignedInOverBare: +(
      get('plugin, Local API: find by slug, depth 2 (signed in)').mean / get('bare Payload: find by slug').mean
    ).toFixed(3),
    notModifiedSpeedupInProcess: +(
      get('Payload REST handler').mean / get('plugin, REST handler: same with').mean
    ).toFixed(1),
  }

  // HTTP
  const server = smoke
    ? await inProcessServer(config)
    : await startProductionServer(await database.create(`newsroom_bench_http_${Date.now()}`))
  let httpResults: Record<string, HttpResult>
  try {
    let target = { slug: article.slug, id: article.id }
    if (!smoke) {
      const api = `${server.origin}/api`
      const register = await fetch(`${api}/users/first-register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'bench@newsroom.test', password: 'bench-password-123' }),
      })
      const { token } = (await register.json()) as { token: string }
      const created = await createArticle(restCreator(api, token), PLUGIN_SLUGS, 10, 'http')
      target = { slug: created.article.slug, id: created.article.id }
    }
    const base = `${server.origin}/api/articles`
    const etag = (await fetch(`${base}/${target.slug}`)).headers.get('etag') ?? ''
    httpResults = await loadSideBySide({
      'GET /api/articles/:slug (snapshot)': { url: `${base}/${target.slug}`, expect: 200 },
      'GET /api/articles/:slug with If-None-Match (304)': {
        url: `${base}/${target.slug}`,
        headers: { 'If-None-Match': etag },
        expect: 304,
      },
      'GET /api/articles/:slug/jsonld (snapshot)': { url: `${base}/${target.slug}/jsonld`, expect: 200 },
      'GET /api/articles/:id?depth=2 (Payload, no snapshot)': { url: `${base}/${target.id}?depth=2`, expect: 200 },
    })
  } finally {
    await server.stop()
  }
  const full = httpResults['GET /api/articles/:id?depth=2 (Payload, no snapshot)']!
  const snap = httpResults['GET /api/articles/:slug (snapshot)']!
  const notModified = httpResults['GET /api/articles/:slug with If-None-Match (304)']!
  console.log(
    `\nOver HTTP (${smoke ? 'in-process server, smoke' : 'production server, npm start'}), autocannon ${connections} connections × ${httpSeconds} s, best of 2:`,
  )
  console.table(
    Object.entries(httpResults).map(([measure, r]) => ({
      measure,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'non-2xx': r.non2xx,
      errors: r.errors,
    })),
  )
  Object.assign(ratios, {
    httpSnapshotOverFullRead: +(snap.requestsPerSecond / full.requestsPerSecond).toFixed(2),
    http304OverFullRead: +(notModified.requestsPerSecond / full.requestsPerSecond).toFixed(2),
    http304OverSnapshotRead: +(notModified.requestsPerSecond / snap.requestsPerSecond).toFixed(2),
  })
  console.log('\nRatios:')
  console.table(ratios)

  writeResult('read', {
    benchmark: 'read',
    date: new Date().toISOString(),
    machine: machine(),
    documentKiB,
    rounds,
    warmup,
    inProcess: results,
    http: { server: smoke ? 'in-process' : 'production', connections, seconds: httpSeconds, results: httpResults },
    ratios,
  })

  await stopPayload(payload)
  fs.rmSync(mediaDir, { recursive: true, force: true })
  await database.stop()
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
