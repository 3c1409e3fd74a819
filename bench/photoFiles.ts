/**
 * Serving a photo's file: what the privacy check adds. Photos are public only while a published
 * article shows them (read access `shownPhotosOrStaff`), and Payload applies read access to
 * `GET /api/<photos>/file/<filename>` too, so an anonymous file read costs a query. Side by side:
 *
 *   node --import tsx bench/photoFiles.ts          # 300 rounds in process; over HTTP 3 s per case, 3 times each
 *   node --import tsx bench/photoFiles.ts --smoke  # 20 rounds; 1 s per case, to check that the harness runs
 *
 * One JPEG (1600 × 1067, about half a MiB) shown by a published article, and its `card` size (800
 * wide), each read four ways:
 *
 * - **floor**: the same bytes from the same folder with `fs` (stat, then read), no Payload;
 * - **open collection**: Payload's file handler (`REST_GET`) on an upload collection holding the
 *   same bytes, whose read access is `() => true`, so no query is made;
 * - **plugin photos, anonymous**: the real handler with the privacy check (one query for a photo
 *   with that file name that a published article shows and whose rights hold);
 * - **plugin photos, signed in**: an editor's JWT; staff read every photo, so no photo query, but
 *   Payload loads the user.
 *
 * In process, each read goes straight through the handler with its body consumed, one at a time,
 * the cases interleaved round by round. Over HTTP, a plain Node server in this process serves the
 * floor and another Payload's handler; autocannon runs in a worker thread, 10 connections, each
 * case run in turn, 3 times (twice in the smoke run), the best run kept.
 *
 * The SQL statements each read sends are counted once, outside the timed runs.
 */
import type { CollectionConfig, Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { REST_GET } from '@payloadcms/next/routes'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import autocannon from 'autocannon'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'

import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import {
  BASELINE_SLUGS,
  baselineCollections,
  benchDatabase,
  captureStatements,
  countQueries,
  createArticle,
  interleaved,
  localCreator,
  machine,
  smoke,
  stopPayload,
  writeResult,
} from './support.ts'

const PLUGIN_SLUGS = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}
/** The baseline photos collection (the plugin's fields, no plugin), opened to everyone. */
const OPEN_SLUG = BASELINE_SLUGS.photos
const httpSeconds = smoke ? 1 : 3
/** Short runs in alternation, the best kept: a burst of load from elsewhere on the machine spoils one run, not the case. */
const passes = smoke ? 2 : 3
const rounds = smoke ? 20 : 300
const warmup = smoke ? 5 : 30
const connections = 10

type Config = Awaited<ReturnType<typeof buildConfig>>

/** Payload with the plugin, and the baseline collections with the photos readable by anyone. */
async function startPayload(databaseUri: string): Promise<{ payload: Payload; config: Config; mediaDir: string }> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-files-'))
  const collections: CollectionConfig[] = baselineCollections(mediaDir).map((collection) =>
    collection.slug === OPEN_SLUG ? { ...collection, access: { read: () => true } } : collection,
  )
  const config = await buildConfig({
    secret: 'bench-secret-that-is-long-enough-for-payload',
    db: postgresAdapter({ pool: { connectionString: databaseUri, max: 10 } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'warn' } },
    collections,
    // No rights task in the background while the load runs.
    plugins: [newsroomPlugin({ photos: { staticDir: mediaDir }, rightsExpiry: { autoRun: false } })],
    jobs: { autoRun: [] },
  })
  const payload = await getPayload({ config })
  return { payload, config, mediaDir }
}

/** A photo-like JPEG: smooth noise, so it compresses as a photograph does, not as a flat colour. */
async function photoBytes(): Promise<Buffer> {
  const grain = await sharp({
    create: {
      width: 400,
      height: 267,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 50 },
    },
  })
    .png()
    .toBuffer()
  return sharp(grain).resize(1600, 1067, { kernel: 'cubic' }).jpeg({ quality: 80 }).toBuffer()
}

interface Server {
  origin: string
  stop: () => Promise<void>
}

type Serve = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>

/** A server whose stop waits for the answers still being written, so nothing runs on after Payload stops. */
async function listen(serve: Serve): Promise<Server> {
  const inFlight = new Set<Promise<void>>()
  const server = http.createServer((request, response) => {
    const answering: Promise<void> = serve(request, response)
      .catch((error: unknown) => {
        // A connection closed by the load generator at the end of a run ends its stream early.
        if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return
        console.error(error)
        if (!response.headersSent) response.writeHead(500)
        response.end()
      })
      .finally(() => inFlight.delete(answering))
    inFlight.add(answering)
  })
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

/** The floor: files from the folder, with no access check and no Payload. */
function floorServer(folder: string): Promise<Server> {
  return listen(async (request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1))
    const file = path.join(folder, path.basename(name))
    const stats = await fs.promises.stat(file).catch(() => undefined)
    if (!stats) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': stats.size })
    await pipeline(fs.createReadStream(file), response)
  })
}

/** Payload's REST route handler, as `app/(payload)/api/[...slug]/route.ts` runs it, behind a plain Node server. */
function payloadServer(config: Config): Promise<Server> {
  const handler = REST_GET(config)
  return listen(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value)
    const slug = url.pathname.replace(/^\/api\//, '').split('/')
    const answered = await handler(new Request(url, { headers }), { params: Promise.resolve({ slug }) })
    response.writeHead(answered.status, Object.fromEntries(answered.headers))
    if (answered.body) await pipeline(Readable.fromWeb(answered.body as never), response)
    else response.end()
  })
}

interface HttpResult {
  requestsPerSecond: number
  mebibytesPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

async function load(url: string, headers: Record<string, string>): Promise<HttpResult> {
  // In a worker thread, so the load does not share the event loop of the servers it measures.
  const result = await autocannon({ url, connections, duration: httpSeconds, headers, workers: 1 })
  return {
    requestsPerSecond: +result.requests.average.toFixed(1),
    mebibytesPerSecond: +(result.throughput.average / 2 ** 20).toFixed(1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

interface Case {
  url: string
  headers?: Record<string, string>
  bytes: number
}

/** Each case checked once (status and length), then run `passes` times in alternation, keeping the best run. */
async function loadSideBySide(cases: Record<string, Case>): Promise<Record<string, HttpResult>> {
  for (const [name, { url, headers, bytes }] of Object.entries(cases)) {
    const probe = await fetch(url, { headers })
    const body = Buffer.from(await probe.arrayBuffer())
    if (probe.status !== 200 || body.length !== bytes)
      throw new Error(`${name}: ${url} answered ${probe.status} with ${body.length} bytes, expected 200 and ${bytes}`)
  }
  const best: Record<string, HttpResult> = {}
  for (let pass = 0; pass < passes; pass += 1) {
    for (const [name, { url, headers = {} }] of Object.entries(cases)) {
      const result = await load(url, headers)
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${name}: ${result.non2xx} answers other than 2xx and ${result.errors} errors under load`)
      if (!best[name] || result.requestsPerSecond > best[name]!.requestsPerSecond) best[name] = result
    }
  }
  return best
}

async function main() {
  const database = await benchDatabase('files')
  const { payload, config, mediaDir } = await startPayload(database.uri)

  // The first account becomes an admin whatever it asks for; the measured one is the second, an editor.
  const account = (email: string, roles: string[]) =>
    payload.create({
      collection: 'users',
      data: { email, password: 'bench-password-123', roles } as never,
      overrideAccess: true,
    })
  await account('bench-admin@newsroom.test', ['admin'])
  const staff = { email: 'bench-editor@newsroom.test', password: 'bench-password-123' }
  await account(staff.email, ['editor'])
  const { token } = await payload.login({ collection: 'users', data: staff })
  if (!token) throw new Error('the editor could not sign in')
  const signedIn = { Authorization: `JWT ${token}` }

  // The ministry and its published participants come with the demo-sized article; the measured
  // photo is shown by an article of its own.
  const fixtures = await createArticle(localCreator(payload), PLUGIN_SLUGS, 1, 'files')
  const jpeg = await photoBytes()
  const credit = {
    line: 'Ministry of Foreign Affairs',
    kind: 'handout',
    issuer: fixtures.ministry.id,
    distributable: true,
  }
  const alt = 'Delegations at the negotiating table in Astana'
  const upload = (collection: string, name: string, data: Record<string, unknown>) =>
    payload.create({
      collection: collection as 'photos',
      data: { alt, ...data } as never,
      file: { data: jpeg, mimetype: 'image/jpeg', name, size: jpeg.length },
      overrideAccess: true,
    }) as unknown as Promise<{ id: number; filename: string; sizes: { card: { filename: string; filesize: number } } }>
  const shown = await upload(PLUGIN_SLUGS.photos, 'astana-plenary.jpg', { credit })
  const unshown = await upload(PLUGIN_SLUGS.photos, 'astana-embargoed.jpg', { credit })
  // The baseline's issuer field points at its own participants: the credit line is enough there.
  const open = await upload(OPEN_SLUG, 'astana-plenary.jpg', { credit: { line: credit.line } })
  if (open.filename !== shown.filename || open.sizes.card.filename !== shown.sizes.card.filename)
    throw new Error('the open collection stored the photo under other names')
  await payload.create({
    collection: 'articles',
    data: {
      title: 'Talks in Astana, in one photo',
      slug: 'talks-in-astana-in-one-photo',
      dateline: 'ASTANA',
      byline: 'Diplomacy desk',
      heroPhoto: shown.id,
      _status: 'published',
    } as never,
    overrideAccess: true,
  })
  const photosFolder = mediaDir
  const openFolder = path.join(mediaDir, 'bare')
  const original = { name: shown.filename, bytes: fs.statSync(path.join(photosFolder, shown.filename)).size }
  const card = {
    name: shown.sizes.card.filename,
    bytes: fs.statSync(path.join(photosFolder, shown.sizes.card.filename)).size,
  }
  // The plugin writes the credit into the sizes it makes (XMP); the open collection serves the very same bytes.
  fs.copyFileSync(path.join(photosFolder, card.name), path.join(openFolder, open.sizes.card.filename))
  for (const [label, file] of [
    ['original', original],
    ['card', card],
  ] as const) {
    if (!fs.readFileSync(path.join(photosFolder, file.name)).equals(fs.readFileSync(path.join(openFolder, file.name))))
      throw new Error(`the open collection's ${label} file differs from the photo's`)
  }
  console.log(
    `photo files: original ${(original.bytes / 1024).toFixed(0)} KiB (1600 × 1067), card ${(card.bytes / 1024).toFixed(0)} KiB (800 wide)`,
  )

  // What each read asks the database, straight through the handler (no HTTP, not timed).
  const handler = REST_GET(config)
  const direct = async (pathname: string, headers: Record<string, string> = {}) => {
    const response = await handler(new Request(`http://localhost/api/${pathname}`, { headers }), {
      params: Promise.resolve({ slug: pathname.split('/') }),
    })
    await response.arrayBuffer()
    return response.status
  }
  const queries = {
    openCollection: (await countQueries(() => direct(`${OPEN_SLUG}/file/${original.name}`))).count,
    pluginAnonymous: (await countQueries(() => direct(`photos/file/${original.name}`))).count,
    pluginSignedIn: (await countQueries(() => direct(`photos/file/${original.name}`, signedIn))).count,
  }
  // The privacy check's statement, as sent, for the record.
  const [accessStatement] = (await captureStatements(() => direct(`photos/file/${original.name}`))).statements
  const privateStatus = await direct(`photos/file/${unshown.filename}`)
  if (privateStatus === 200) throw new Error('an anonymous reader got the file of a photo no published article shows')
  if ((await direct(`photos/file/${unshown.filename}`, signedIn)) !== 200)
    throw new Error('the editor could not read the file of an unpublished photo')

  // The four reads of one file, named alike in both measures.
  const FILES = [
    ['original', original],
    ['card', card],
  ] as const
  const FLOOR = 'floor (fs, no Payload)'
  const OPEN = 'Payload file handler, read open to all'
  const ANONYMOUS = 'plugin photos, anonymous (privacy check)'
  const SIGNED_IN = 'plugin photos, signed in (editor)'

  // In-process: each read straight through the handler, body consumed, one at a time, interleaved.
  const inProcessCases: Record<string, () => Promise<unknown>> = {}
  for (const [label, file] of FILES) {
    inProcessCases[`${label}: ${FLOOR}`] = async () => {
      await fs.promises.stat(path.join(photosFolder, file.name))
      return fs.promises.readFile(path.join(photosFolder, file.name))
    }
    inProcessCases[`${label}: ${OPEN}`] = () => direct(`${OPEN_SLUG}/file/${file.name}`)
    inProcessCases[`${label}: ${ANONYMOUS}`] = () => direct(`photos/file/${file.name}`)
    inProcessCases[`${label}: ${SIGNED_IN}`] = () => direct(`photos/file/${file.name}`, signedIn)
  }
  const inProcess = await interleaved(inProcessCases, rounds, warmup)
  console.log(`\nIn-process, ${rounds} interleaved rounds after ${warmup} warm-up rounds:`)
  console.table(
    Object.entries(inProcess).map(([measure, summary]) => ({
      measure,
      'ops/s': summary.opsPerSecond,
      'mean ms': summary.mean,
      'p50 ms': summary.p50,
      'p99 ms': summary.p99,
    })),
  )

  const floor = await floorServer(photosFolder)
  const server = await payloadServer(config)
  let results: Record<string, HttpResult>
  try {
    const cases: Record<string, Case> = {}
    for (const [label, file] of FILES) {
      cases[`${label}: ${FLOOR}`] = { url: `${floor.origin}/${file.name}`, bytes: file.bytes }
      cases[`${label}: ${OPEN}`] = { url: `${server.origin}/api/${OPEN_SLUG}/file/${file.name}`, bytes: file.bytes }
      cases[`${label}: ${ANONYMOUS}`] = { url: `${server.origin}/api/photos/file/${file.name}`, bytes: file.bytes }
      cases[`${label}: ${SIGNED_IN}`] = {
        url: `${server.origin}/api/photos/file/${file.name}`,
        headers: signedIn,
        bytes: file.bytes,
      }
    }
    results = await loadSideBySide(cases)
  } finally {
    await server.stop()
    await floor.stop()
  }

  console.log(
    `\nOver HTTP (in-process servers), autocannon in a worker thread, ${connections} connections × ${httpSeconds} s, best of ${passes}:`,
  )
  console.table(
    Object.entries(results).map(([measure, r]) => ({
      measure,
      'req/s': r.requestsPerSecond,
      'MiB/s': r.mebibytesPerSecond,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
    })),
  )

  const ratio = (a: number, b: number) => +(a / b).toFixed(3)
  const ratios: Record<string, number> = {}
  for (const [label] of FILES) {
    const http = (name: string) => results[`${label}: ${name}`]!.requestsPerSecond
    const mean = (name: string) => inProcess[`${label}: ${name}`]!.mean
    Object.assign(ratios, {
      [`${label}, HTTP req/s: anonymous / floor`]: ratio(http(ANONYMOUS), http(FLOOR)),
      [`${label}, HTTP req/s: open Payload handler / floor`]: ratio(http(OPEN), http(FLOOR)),
      [`${label}, HTTP req/s: anonymous / open Payload handler`]: ratio(http(ANONYMOUS), http(OPEN)),
      [`${label}, HTTP req/s: signed in / anonymous`]: ratio(http(SIGNED_IN), http(ANONYMOUS)),
      [`${label}, in-process time: anonymous / open Payload handler`]: ratio(mean(ANONYMOUS), mean(OPEN)),
      [`${label}, in-process ms the privacy check adds`]: +(mean(ANONYMOUS) - mean(OPEN)).toFixed(3),
    })
  }
  console.log('\nRatios (req/s over req/s: below 1 is slower; time over time: above 1 is slower):')
  console.table(ratios)
  console.log('SQL statements per file read:')
  console.table(queries)

  writeResult('photo-files', {
    benchmark: 'photo-files',
    date: new Date().toISOString(),
    machine: machine(),
    files: { original, card },
    queries,
    accessStatement: accessStatement?.text,
    rounds,
    warmup,
    inProcess,
    http: { server: 'in-process', connections, seconds: httpSeconds, passes, results },
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
