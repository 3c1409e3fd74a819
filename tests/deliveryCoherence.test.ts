import type { Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type EmbeddedDatabase,
  findFreePort,
  startEmbeddedPostgres,
  temporaryDataDir,
} from '../src/db/embeddedPostgres.ts'
import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { STALE_HEADER, STALE_REASON } from '../src/deliveryServer/index.ts'
import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import { makeJpeg } from './helpers/images.ts'
import { RestClient } from './helpers/rest.ts'

/**
 * What the delivery tier promises, end to end: the CMS (Payload with the plugin, in this process)
 * and delivery servers run as `npm run delivery` runs them, each a process of its own, on one
 * PostgreSQL server. The server is this file's own even when DATABASE_URI names a shared one: a
 * test stops it and starts it again.
 *
 * The two delivery processes `one` and `two` revalidate only every minute, so when they serve a
 * change within a second, their notifications did it. A third, `three`, revalidates every second:
 * it shows what a notification nobody heard costs.
 */
const ROOT = path.resolve(import.meta.dirname, '..')
const SCRIPT = path.join(ROOT, 'scripts', 'delivery.ts')

/** What the feature promises: a committed change is served everywhere within this. */
const NOTICE_BOUND_MS = 1_000
/** Long enough that nothing but a notification can explain a change served within a second. */
const PAIR_REVALIDATE_MS = 60_000
const THREE_REVALIDATE_MS = 1_000
/** Polling, the check's query and a loaded CI machine, on top of the revalidation interval. */
const REVALIDATE_MARGIN_MS = 500
/** The delivery server's longest pause between attempts to listen again (src/deliveryServer/listener.ts). */
const LONGEST_LISTEN_RETRY_MS = 5_000
const LISTENER_APPLICATION = 'newsroom-delivery-listener'

let server: EmbeddedDatabase | undefined
let dataDir: string | undefined
let port: number
let databaseUri: string
let mediaDir: string | undefined
let payload: Payload
let rest: RestClient

const startDatabase = async () => {
  server = await startEmbeddedPostgres({ dataDir: dataDir!, persistent: true, port })
}
const stopDatabase = async () => {
  await server?.stop()
  server = undefined
}

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `scripts/delivery.ts` as a child process, on a free port of its own. */
class DeliveryProcess {
  readonly child: ChildProcess
  output = ''
  port = 0
  readonly listening: Promise<void>

  constructor(
    readonly name: string,
    revalidateMs: number,
  ) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URI: databaseUri,
      DELIVERY_PORT: '0',
      DELIVERY_HOST: '127.0.0.1',
      DELIVERY_REVALIDATE_MS: String(revalidateMs),
    }
    // The CMS here runs with the defaults; the delivery servers must too, to answer with its bytes.
    for (const variable of ['DELIVERY_PUBLIC_URL', 'SERVER_URL', 'DELIVERY_CACHE_BYTES', 'DELIVERY_CACHE_CONTROL'])
      delete env[variable]
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.listening = new Promise((resolve, reject) => {
      const keep = (chunk: Buffer) => {
        this.output = (this.output + chunk.toString()).slice(-20_000)
        const match = /Listening on http:\/\/[^\s/]+:(\d+)/.exec(this.output)
        if (match && !this.port) {
          this.port = Number(match[1])
          resolve()
        }
      }
      this.child.stdout!.on('data', keep)
      this.child.stderr!.on('data', keep)
      this.child.on('exit', (code, signal) =>
        reject(new Error(`${this.name} exited (${code ?? signal}) before listening:\n${this.output}`)),
      )
    })
    // Awaited in beforeAll; until then a child that fails early must not count as unhandled.
    this.listening.catch(() => {})
    // A server runs until stopped: it must not outlive this test process.
    process.once('exit', () => this.child.kill('SIGKILL'))
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  get(apiPath: string, timeoutMs = 5_000): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port: this.port, path: apiPath, headers: { Host: 'localhost' }, agent: false },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          )
        },
      )
      // A server that stops answering fails the poll instead of holding it.
      outgoing.setTimeout(timeoutMs, () =>
        outgoing.destroy(new Error(`${this.name}: no answer to ${apiPath} in ${timeoutMs} ms`)),
      )
      outgoing.on('error', reject)
      outgoing.end()
    })
  }

  async health(): Promise<unknown> {
    return JSON.parse((await this.get('/health')).text)
  }

  async stop(): Promise<void> {
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}

let one: DeliveryProcess
let two: DeliveryProcess
let three: DeliveryProcess
const processes = () => [one, two, three].filter(Boolean)
const pair = () => [one, two]

const outputs = () =>
  processes()
    .map((child) => `--- ${child.name} ---\n${child.output}`)
    .join('\n')

/** How long each promise took, printed at the end. */
const timings: string[] = []

/**
 * Polls until `check` holds, and asserts it did within `boundMs` of `since` (the moment the
 * operation it waits for returned). Keeps polling past the bound for a while, so a failure says
 * how late it was, or that it never happened.
 */
async function within(boundMs: number, what: string, since: number, check: () => Promise<boolean>): Promise<number> {
  const giveUpMs = Math.max(boundMs * 3, 5_000)
  for (;;) {
    if (await check()) break
    if (performance.now() - since > giveUpMs)
      throw new Error(`Timed out waiting ${giveUpMs} ms for ${what}.\n${outputs()}`)
    await sleep(10)
  }
  const elapsed = Math.round(performance.now() - since)
  timings.push(`${what}: ${elapsed} ms`)
  if (elapsed > boundMs) console.error(`${what} took ${elapsed} ms, over ${boundMs} ms.\n${outputs()}`)
  expect(elapsed, what).toBeLessThanOrEqual(boundMs)
  return elapsed
}

/** A direct connection, outside the CMS and the delivery servers. */
async function stored<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** The backends on which the delivery servers LISTEN, in this database. */
const listenerBackends = () =>
  stored<{ pid: number; backend_start: Date }>(
    `select pid, backend_start from pg_stat_activity
     where datname = current_database() and application_name = $1 and query ilike 'listen%'`,
    [LISTENER_APPLICATION],
  )

/** Backends stopped with SIGSTOP, continued at the latest in afterAll: the database cannot stop without them. */
const frozen = new Set<number>()

/**
 * Stops PostgreSQL backends in their tracks: their clients' connections stay open, and nothing
 * arrives on them. Returns what continues them (once).
 */
function freeze(pids: number[]): () => void {
  for (const pid of pids) {
    process.kill(pid, 'SIGSTOP')
    frozen.add(pid)
  }
  return () => {
    for (const pid of pids) if (frozen.delete(pid)) process.kill(pid, 'SIGCONT')
  }
}

/** Retries `work` until it succeeds: the CMS must come back on its own after a restart. */
async function eventually<T>(work: () => Promise<T>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    try {
      return await work()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await sleep(250)
    }
  }
}

interface CmsAnswer {
  status: number
  text: string
  etag: string | null
}

/** What the CMS answers an anonymous reader: the bytes and validator every delivery server must send. */
async function cmsAnswer(apiPath: `/${string}`): Promise<CmsAnswer> {
  const response = await rest.get(apiPath, { token: null })
  return { status: response.status, text: response.text, etag: response.headers.get('etag') }
}

const isServing = (answer: Answer, cms: CmsAnswer) =>
  answer.status === 200 && answer.text === cms.text && answer.headers.etag === cms.etag

/** Whether every one of `servers` answers `apiPath` with the CMS's current bytes, fresh. */
async function allServe(servers: DeliveryProcess[], apiPath: string, cms: CmsAnswer) {
  const answers = await Promise.all(servers.map((child) => child.get(apiPath)))
  return answers.every((answer) => isServing(answer, cms) && answer.headers[STALE_HEADER.toLowerCase()] === undefined)
}

/** Asserts that each of `servers` answers `apiPath` with exactly `cms`'s version. */
async function expectServing(servers: DeliveryProcess[], apiPath: string, cms: CmsAnswer) {
  for (const child of servers) {
    const answer = await child.get(apiPath)
    expect({ server: child.name, status: answer.status, etag: answer.headers.etag, text: answer.text }).toEqual({
      server: child.name,
      status: 200,
      etag: cms.etag,
      text: cms.text,
    })
  }
}

/** How long a notification may take to reach a delivery process after the commit, on a busy machine. */
const NOTICE_SETTLE_MS = 100

/**
 * Waits until the pair hold `apiPath`'s current version in memory, and proves it: while the
 * snapshot table is locked, a process that would have to read it cannot answer, and one that holds
 * it answers at once. Serving an answer is not holding it: a read that overlaps the notification of
 * the change it reads is answered and not kept, the process being unable to tell which version it
 * read.
 */
async function untilHeld(apiPath: string, cms: CmsAnswer): Promise<void> {
  await sleep(NOTICE_SETTLE_MS)
  const deadline = performance.now() + 10_000
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUri })
    await client.connect()
    let held: boolean
    try {
      await client.query('begin')
      await client.query('lock table article_snapshots in access exclusive mode')
      // A process that does not hold it waits for the lock, and reads and keeps it once released.
      const answers = await Promise.all(pair().map((child) => child.get(apiPath, 250).catch(() => undefined)))
      held = answers.every((answer) => answer !== undefined && isServing(answer, cms))
    } finally {
      await client.query('rollback').catch(() => {})
      await client.end().catch(() => {})
    }
    if (held) return
    if (performance.now() > deadline) throw new Error(`The pair never held ${apiPath}.\n${outputs()}`)
  }
}

let articleNumber = 0
const articleData = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  slug: `coherence-${++articleNumber}`,
  dateline: 'ASTANA',
  byline: 'Diplomacy desk',
  body: doc(paragraph(`${title}: the text as first published.`)) as never,
  ...extra,
})

/** Publishes an article and waits until every delivery process serves it; returns it with its CMS answer. */
async function publishAndServe(title: string, extra: Record<string, unknown> = {}) {
  const article = await payload.create({
    collection: 'articles',
    data: { ...articleData(title, extra), _status: 'published' },
    depth: 0,
  })
  const apiPath = `/articles/${article.slug}` as const
  const cms = await cmsAnswer(apiPath)
  expect(cms.status).toBe(200)
  const since = performance.now()
  for (;;) {
    if (await allServe(processes(), `/api${apiPath}`, cms)) break
    if (performance.now() - since > 10_000)
      throw new Error(`Timed out waiting for ${apiPath} to be served.\n${outputs()}`)
    await sleep(10)
  }
  await untilHeld(`/api${apiPath}`, cms)
  return { article, apiPath, cms }
}

beforeAll(async () => {
  dataDir = temporaryDataDir('newsroom-coherence-')
  port = await findFreePort()
  await startDatabase()
  const admin = new pg.Client({ connectionString: server!.serverUri })
  await admin.connect()
  await admin.query('create database coherence')
  await admin.end()
  databaseUri = server!.uriFor('coherence')

  // The delivery processes load their modules while Payload boots; they serve once its tables exist.
  one = new DeliveryProcess('delivery one', PAIR_REVALIDATE_MS)
  two = new DeliveryProcess('delivery two', PAIR_REVALIDATE_MS)
  three = new DeliveryProcess('delivery three', THREE_REVALIDATE_MS)

  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-coherence-media-'))
  const config = await buildConfig({
    secret: 'delivery-coherence-test-secret',
    db: postgresAdapter({ pool: { connectionString: databaseUri, connectionTimeoutMillis: 2000 } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'fatal' } },
    plugins: [
      newsroomPlugin({
        photos: { staticDir: mediaDir },
        webhooks: { autoRun: false },
        rightsExpiry: { autoRun: false },
      }),
    ],
  })
  payload = await getPayload({ config })
  rest = new RestClient(config)
  const started = Promise.all(processes().map((child) => child.listening))
  let timer: NodeJS.Timeout | undefined
  const tooLong = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The delivery processes did not start listening in 60 s.\n${outputs()}`)),
      60_000,
    )
  })
  try {
    await Promise.race([started, tooLong])
  } finally {
    clearTimeout(timer)
  }
  for (const child of processes())
    await within(10_000, `${child.name} listening for changes`, performance.now(), async () => {
      const health = (await child.health()) as { listening?: boolean }
      return health.listening === true
    })
}, 120_000)

afterAll(async () => {
  for (const pid of frozen) process.kill(pid, 'SIGCONT')
  await Promise.all(processes().map((child) => child.stop().catch(() => {})))
  await payload?.destroy().catch(() => {})
  await stopDatabase().catch(() => {})
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true })
  if (timings.length > 0) console.log(`[coherence]\n${timings.join('\n')}`)
})

describe('what the CMS commits, both delivery processes serve within a second', () => {
  it('a publish', async () => {
    const title = 'Guarantors meet in Astana'
    const data = articleData(title)
    // Not there before: a 404 is not held, so the publish is all that can make it appear.
    for (const child of pair()) expect((await child.get(`/api/articles/${data.slug}`)).status).toBe(404)

    const article = await payload.create({
      collection: 'articles',
      data: { ...data, _status: 'published' },
      depth: 0,
    })
    const since = performance.now()
    const cms = await cmsAnswer(`/articles/${article.slug}`)
    expect(cms.status).toBe(200)
    expect(JSON.parse(cms.text).title).toBe(title)
    await within(NOTICE_BOUND_MS, 'a publish served by both', since, () =>
      allServe(pair(), `/api/articles/${article.slug}`, cms),
    )
  })

  it('a correction, though both held the version before it', async () => {
    const { article, apiPath, cms: before } = await publishAndServe('Talks to resume')

    const corrected = await payload.update({
      collection: 'articles',
      id: article.id,
      data: {
        title: 'Talks to resume in September',
        body: doc(paragraph('Talks to resume in September, the ministry said.')) as never,
      },
      depth: 0,
    })
    const since = performance.now()
    expect(corrected.slug).toBe(article.slug)
    const cms = await cmsAnswer(apiPath)
    expect(cms.etag).not.toBe(before.etag)
    expect(JSON.parse(cms.text).title).toBe('Talks to resume in September')
    expect(cms.text).toContain('the ministry said')
    await within(NOTICE_BOUND_MS, 'a correction served by both', since, () => allServe(pair(), `/api${apiPath}`, cms))
  })

  it('an unpublish', async () => {
    const { article, apiPath } = await publishAndServe('Delegations leave Astana')

    await payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' }, depth: 0 })
    const since = performance.now()
    const cms = await cmsAnswer(apiPath)
    expect(cms.status).toBe(404)
    await within(NOTICE_BOUND_MS, 'an unpublish served by both', since, async () => {
      const answers = await Promise.all(pair().map((child) => child.get(`/api${apiPath}`)))
      return answers.every((answer) => answer.status === 404 && answer.text === cms.text)
    })
  })

  it('a new credit on a photo a live article shows: the article re-rendered, in each of its forms', async () => {
    const image = await makeJpeg(64, 48)
    const photo = await payload.create({
      collection: 'photos',
      data: {
        alt: 'Delegations at the table',
        caption: 'The closing session.',
        credit: { line: 'Astana Press Agency', kind: 'agency' },
      } as never,
      file: { data: image, mimetype: 'image/jpeg', name: 'coherence.jpg', size: image.length },
    })
    const { apiPath } = await publishAndServe('The closing session', {
      heroPhoto: photo.id,
      body: doc(paragraph('The closing session.'), upload('photos', photo.id)) as never,
    })
    const forms = [apiPath, `${apiPath}/jsonld`, `${apiPath}/html`] as const
    const before = await Promise.all(forms.map((form) => cmsAnswer(form)))
    for (const answer of before) expect(answer.text).toContain('Astana Press Agency')
    expect(before[2]!.text).toContain('Photo credit: Astana Press Agency')
    for (const [index, form] of forms.entries()) await untilHeld(`/api${form}`, before[index]!)

    await payload.update({
      collection: 'photos',
      id: photo.id,
      data: { credit: { line: 'Central Asia Photo Service', kind: 'agency' } } as never,
      depth: 0,
    })
    const since = performance.now()
    const after = await Promise.all(forms.map((form) => cmsAnswer(form)))
    for (const [index, answer] of after.entries()) {
      expect(answer.etag).not.toBe(before[index]!.etag)
      expect(answer.text).toContain('Central Asia Photo Service')
      expect(answer.text).not.toContain('Astana Press Agency')
    }
    expect(after[2]!.text).toContain('Photo credit: Central Asia Photo Service')
    await within(NOTICE_BOUND_MS, 'a photo credit change served by both, in every form', since, async () => {
      const served = await Promise.all(forms.map((form, index) => allServe(pair(), `/api${form}`, after[index]!)))
      return served.every(Boolean)
    })
  })
})

describe('a notification a delivery process does not hear', () => {
  it('because its connection was lost is made up for as soon as it listens again', async () => {
    const { article, apiPath, cms: before } = await publishAndServe('Ceasefire holds')
    const old = await listenerBackends()
    expect(old).toHaveLength(processes().length)

    // The listeners' backends are stopped, the change is committed, then they are terminated: each
    // goes with the notification still undelivered, as when a connection drops at the wrong moment.
    const thaw = freeze(old.map((backend) => backend.pid))
    const cms = await (async () => {
      await payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Ceasefire holds, monitors say' },
        depth: 0,
      })
      const answer = await cmsAnswer(apiPath)
      expect(answer.etag).not.toBe(before.etag)
      expect(JSON.parse(answer.text).title).toBe('Ceasefire holds, monitors say')
      await expectServing(pair(), `/api${apiPath}`, before)
      const [terminated] = await stored<{ count: number }>(
        `select count(*) filter (where done)::int as count from (select pg_terminate_backend(pid) as done
         from pg_stat_activity where datname = current_database() and application_name = $1) as listeners`,
        [LISTENER_APPLICATION],
      )
      expect(terminated!.count).toBe(processes().length)
      return answer
    })().finally(thaw)
    const lost = performance.now()
    // The first attempt to listen again follows within 200 ms, and has everything held checked.
    await within(NOTICE_BOUND_MS, 'a correction whose notification was lost, served by both', lost, () =>
      allServe(pair(), `/api${apiPath}`, cms),
    )
    const oldPids = new Set(old.map((backend) => backend.pid))
    await within(2_000, 'every process listening on a new connection', lost, async () => {
      const renewed = await listenerBackends()
      return renewed.length === processes().length && renewed.every((backend) => !oldPids.has(backend.pid))
    })
  })

  it('because its connection went silent costs no more than the revalidation interval', async () => {
    const { article, apiPath, cms: before } = await publishAndServe('Border crossing reopens')
    await expectServing([three], `/api${apiPath}`, before)

    // A silent network cut: the connection stays open and nothing arrives on it; the delivery
    // processes cannot tell, and believe they are listening.
    const backends = await listenerBackends()
    expect(backends).toHaveLength(processes().length)
    const thaw = freeze(backends.map((backend) => backend.pid))
    try {
      await payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Border crossing reopens for trucks' },
        depth: 0,
      })
      const since = performance.now()
      const cms = await cmsAnswer(apiPath)
      expect(cms.etag).not.toBe(before.etag)
      await within(
        THREE_REVALIDATE_MS + REVALIDATE_MARGIN_MS,
        'an unheard correction served by the process that revalidates every second',
        since,
        () => allServe([three], `/api${apiPath}`, cms),
      )
      // The pair heard nothing and revalidate only every minute: they still serve the version they
      // hold, which shows the notification really went unheard.
      await expectServing(pair(), `/api${apiPath}`, before)
      for (const child of pair()) expect(await child.health()).toMatchObject({ database: 'up', listening: true })

      // The connection comes back to life with the notification it held back.
      thaw()
      const resumed = performance.now()
      await within(NOTICE_BOUND_MS, 'a held-back notification served by both once delivered', resumed, () =>
        allServe(pair(), `/api${apiPath}`, cms),
      )
    } finally {
      thaw()
    }
  })
})

describe('a PostgreSQL restart', () => {
  it('both processes serve what they hold, marked stale, 503 the rest, then listen again and serve what the CMS publishes', async () => {
    const { article: held, apiPath: heldPath, cms: heldBefore } = await publishAndServe('Summit date set')
    // Published and never read from a delivery process: nothing of it is held.
    const unread = await payload.create({
      collection: 'articles',
      data: { ...articleData('Read by nobody yet'), _status: 'published' },
      depth: 0,
    })
    const unreadPath = `/api/articles/${unread.slug}`

    const stoppedAt = new Date()
    await stopDatabase()
    try {
      // Each process learns of the outage from the reads above: the shutdown ends the connections
      // they left idle in their pools.
      const stopped = performance.now()
      await within(NOTICE_BOUND_MS, 'both serving what they hold, marked stale', stopped, async () => {
        const answers = await Promise.all(pair().map((child) => child.get(`/api${heldPath}`)))
        return answers.every((answer) => answer.headers[STALE_HEADER.toLowerCase()] === STALE_REASON)
      })
      for (const child of pair()) {
        const stale = await child.get(`/api${heldPath}`)
        expect(stale.status, child.name).toBe(200)
        expect(stale.text, child.name).toBe(heldBefore.text)
        expect(stale.headers.etag, child.name).toBe(heldBefore.etag)
        expect(stale.headers[STALE_HEADER.toLowerCase()], child.name).toBe(STALE_REASON)

        const unavailable = await child.get(unreadPath)
        expect(unavailable.status, child.name).toBe(503)
        expect(unavailable.headers['retry-after'], child.name).toBe('5')
        expect(unavailable.headers['cache-control'], child.name).toBe('no-store')
        expect(JSON.parse(unavailable.text).errors[0].message).toMatch(/database is unavailable/)

        expect(await child.health()).toEqual({ status: 'ok', database: 'down', listening: false })
      }
    } finally {
      await startDatabase()
    }

    // The CMS reconnects by itself; the first save may still find its pool's dead connections.
    await eventually(() =>
      payload.update({ collection: 'articles', id: held.id, data: { title: 'Summit date set for May' }, depth: 0 }),
    )
    const since = performance.now()
    const cms = await cmsAnswer(heldPath)
    expect(cms.etag).not.toBe(heldBefore.etag)
    expect(JSON.parse(cms.text).title).toBe('Summit date set for May')
    // Each process listens again after its next pause between attempts, and then checks what it holds.
    await within(LONGEST_LISTEN_RETRY_MS + 2_000, 'a change after the restart served by both', since, () =>
      allServe(pair(), `/api${heldPath}`, cms),
    )

    // Subscribed again: a listening backend each, opened after the restart, and a further change
    // served within a second, which only a notification can do.
    await within(LONGEST_LISTEN_RETRY_MS + 2_000, 'every process listening again', performance.now(), async () => {
      const backends = await listenerBackends()
      return backends.length === processes().length && backends.every((backend) => backend.backend_start > stoppedAt)
    })
    await payload.update({
      collection: 'articles',
      id: held.id,
      data: { title: 'Summit date set for 12 May' },
      depth: 0,
    })
    const again = performance.now()
    const latest = await cmsAnswer(heldPath)
    await within(NOTICE_BOUND_MS, 'a further change after the restart served by both', again, () =>
      allServe(pair(), `/api${heldPath}`, latest),
    )
    const unreadNow = await cmsAnswer(`/articles/${unread.slug}`)
    expect(await allServe(pair(), unreadPath, unreadNow)).toBe(true)

    for (const child of processes()) {
      expect(child.alive, `${child.name} still running`).toBe(true)
      expect(await child.health()).toEqual({ status: 'ok', database: 'up', listening: true })
      // No request failed (a 500 is logged as "GET … failed") and no connection failed unexpectedly.
      expect(child.output, child.name).not.toMatch(/failed/i)
    }
  })
})
