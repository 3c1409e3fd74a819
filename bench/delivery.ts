/**
 * Serving the demo-sized article (10 photos, 10 quotes, 6 participants, 1 statement) from its
 * published snapshot over HTTP, side by side in one run:
 *
 *   npm run bench -- delivery             # every server below, Next.js included (builds it first)
 *   npm run bench -- delivery --no-build  # reuse an existing `npm run build`
 *   npm run bench -- delivery --smoke     # a second per case, one round, no Next.js
 *
 * - node:http answering the same bytes and headers from memory: what this machine can do at all;
 * - the delivery server (`scripts/delivery.ts`), one process;
 * - the delivery server in two processes behind one port (node:cluster), one per core;
 * - Next.js (`next start`): the CMS's own snapshot read.
 *
 * Each is asked for the article (200) and revalidated with its current ETag (304) by autocannon
 * in a process of its own, so the load does not run on a server's event loop; all servers run at
 * once, idle between their turns, and the cases take turns round by round (in the opposite order
 * every other round) so the machine's noise falls on all of them alike. The cold read (an empty
 * cache) is measured apart: the statements it sends to PostgreSQL are counted at the `pg` driver.
 *
 * This file also runs the helper processes (`--role=load`, `--role=floor`, `--role=cluster`).
 */
import type { AddressInfo } from 'node:net'

import autocannon from 'autocannon'
import { type ChildProcess, fork, spawn } from 'node:child_process'
import cluster from 'node:cluster'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const self = fileURLToPath(import.meta.url)
const role = process.argv.find((arg) => arg.startsWith('--role='))?.slice('--role='.length)
const smoke = process.argv.includes('--smoke')

const connections = 10
const seconds = smoke ? 1 : 6
const warmupSeconds = smoke ? 1 : 3
const rounds = smoke ? 1 : 5
const coldRepetitions = smoke ? 2 : 10
const clusterWorkers = 2
const FLOOR = 'node:http, same bytes from memory'

// ---------------------------------------------------------------------------------------------
// Load: autocannon in its own process, one job at a time

interface LoadJob {
  url: string
  headers: Record<string, string>
  seconds: number
}

interface LoadResult {
  requests: number
  requestsPerSecond: number
  /** Milliseconds, from every response's own time (autocannon's histogram keeps whole milliseconds). */
  p50: number
  p99: number
  statuses: Record<string, number>
  errors: number
  timeouts: number
  /** Mean bytes per response, headers included. */
  bytesPerResponse: number
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN
}

function runLoad(job: LoadJob): Promise<LoadResult> {
  let times = new Float64Array(1 << 16)
  let count = 0
  let bytes = 0
  const statuses: Record<string, number> = {}
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: job.url, headers: job.headers, connections, duration: job.seconds },
      (error, result) => {
        if (error) return reject(error)
        const sorted = times.subarray(0, count).sort()
        resolve({
          requests: count,
          // autocannon's `duration`: the seconds the load ran.
          requestsPerSecond: +(count / result.duration).toFixed(1),
          p50: +quantile(sorted, 0.5).toFixed(3),
          p99: +quantile(sorted, 0.99).toFixed(3),
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          bytesPerResponse: count ? Math.round(bytes / count) : 0,
        })
      },
    )
    instance.on('response', (_client, statusCode, responseBytes, responseTime) => {
      if (count === times.length) {
        const grown = new Float64Array(times.length * 2)
        grown.set(times)
        times = grown
      }
      times[count++] = responseTime
      bytes += responseBytes
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    })
  })
}

function loadRole() {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: String(error) }),
    )
  })
  process.on('disconnect', () => process.exit(0))
}

// ---------------------------------------------------------------------------------------------
// The floor: node:http answering the captured bytes from memory

interface CapturedAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

interface FloorSetup {
  ok: CapturedAnswer
  notModified: CapturedAnswer
  etag: string
}

function floorRole() {
  process.once('message', (setup: FloorSetup) => {
    const body = Buffer.from(setup.ok.body, 'base64')
    // Without a length node:http would send the body chunked, which the delivery server does not.
    const okHeaders = { ...setup.ok.headers, 'content-length': String(body.length) }
    const server = http.createServer((request, response) => {
      if (request.headers['if-none-match'] === setup.etag) {
        response.writeHead(304, setup.notModified.headers)
        response.end()
      } else {
        response.writeHead(200, okHeaders)
        response.end(body)
      }
    })
    server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }))
  })
  process.on('disconnect', () => process.exit(0))
}

// ---------------------------------------------------------------------------------------------
// Two delivery processes behind one port

async function clusterRole() {
  if (cluster.isPrimary) {
    let stopping = false
    const ports: number[] = []
    cluster.on('listening', (_worker, address) => {
      ports.push(address.port)
      if (ports.length < clusterWorkers) return
      if (new Set(ports).size !== 1) throw new Error(`the workers listen on different ports: ${ports.join(', ')}`)
      process.send!({ port: ports[0] })
    })
    cluster.on('exit', (_worker, code, signal) => {
      if (!stopping) {
        console.error(`a delivery worker stopped (${signal ?? code})`)
        process.exit(1)
      }
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    })
    const stop = () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    }
    process.on('SIGTERM', stop)
    process.on('disconnect', stop)
    for (let i = 0; i < clusterWorkers; i += 1) cluster.fork()
    return
  }
  const { createDeliveryServer } = await import('../src/deliveryServer/index.ts')
  const server = createDeliveryServer({ databaseUri: process.env.DATABASE_URI!, logger: false })
  // Port 0 in every worker: the primary hands them all the same listening socket.
  await server.listen(0, '127.0.0.1')
  process.on('SIGTERM', () => {
    void Promise.resolve(server.close()).finally(() => process.exit(0))
  })
}

// ---------------------------------------------------------------------------------------------
// The run

/** One HTTP exchange without `Accept-Encoding`, as autocannon sends it, the body as bytes. */
function exchange(url: string, headers: Record<string, string> = {}): Promise<CapturedAnswer & { raw: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const raw = Buffer.concat(chunks)
          const kept: Record<string, string> = {}
          // What node:http writes itself, or what belongs to this one connection.
          const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'])
          for (const [name, value] of Object.entries(response.headers))
            if (!own.has(name) && value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value
          resolve({ status: response.statusCode ?? 0, headers: kept, body: raw.toString('base64'), raw })
        })
        response.on('error', reject)
      })
      .on('error', reject)
  })
}

interface Helper {
  child: ChildProcess
  stop: () => Promise<void>
}

function helper(args: string[], env: NodeJS.ProcessEnv = process.env): Helper {
  const child = fork(self, args, { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return { child, stop: () => stopChild(child) }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
}

function nextMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${what}: the process exited (${code})`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      const { error } = message as { error?: string }
      if (error) reject(new Error(`${what}: ${error}`))
      else resolve(message as T)
    })
  })
}

async function waitForHttp(url: string, what: string) {
  for (let i = 0; i < 240; i += 1) {
    try {
      const { status } = await exchange(url)
      if (status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${what} did not answer ${url} within a minute`)
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const PLUGIN_SLUGS = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}

async function main() {
  // Imported here, not at the top: the helper processes this file also runs stay free of Payload.
  const support = await import('./support.ts')
  const { benchDatabase, createArticle, localCreator, restCreator, startBenchPayload, stopPayload } = support

  const database = await benchDatabase('delivery')
  const stops: (() => Promise<void>)[] = []
  try {
    // The article, published by the plugin, which writes its snapshot. The full run publishes it
    // through the production server, which then serves it too; the smoke run through the Local API.
    let next: { origin: string } | undefined
    let article: { id: number; slug: string }
    if (smoke) {
      const { payload } = await startBenchPayload(database.uri)
      article = (await createArticle(localCreator(payload), PLUGIN_SLUGS, 10, 'delivery')).article
      await stopPayload(payload)
    } else {
      const production = await support.startProductionServer(database.uri)
      stops.push(production.stop)
      next = production
      const api = `${production.origin}/api`
      const register = await fetch(`${api}/users/first-register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'bench@newsroom.test', password: 'bench-password-123' }),
      })
      const { token } = (await register.json()) as { token: string }
      article = (await createArticle(restCreator(api, token), PLUGIN_SLUGS, 10, 'delivery')).article
    }
    const client = new pg.Client({ connectionString: database.uri })
    await client.connect()
    const { rows: snapshots } = await client.query<{ document: string }>(
      'select document from article_snapshots where slug = $1',
      [article.slug],
    )
    await client.end()
    if (!snapshots[0]) throw new Error(`no snapshot of ${article.slug}`)
    const stored = Buffer.from(snapshots[0].document)

    const cold = await coldReads(database.uri, article.slug, support.captureStatements)

    // The delivery server, one process, as it is run in production.
    const deliveryPort = await support.freePort()
    const delivery = spawn(process.execPath, ['--import', 'tsx', 'scripts/delivery.ts'], {
      cwd: support.root,
      env: { ...process.env, DATABASE_URI: database.uri, DELIVERY_PORT: String(deliveryPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    stops.push(() => stopChild(delivery))
    const deliveryOrigin = `http://127.0.0.1:${deliveryPort}`
    const path = `/api/articles/${article.slug}`
    await waitForHttp(`${deliveryOrigin}${path}`, 'the delivery server')

    const ok = await exchange(`${deliveryOrigin}${path}`)
    const etag = ok.headers.etag
    if (!etag) throw new Error('the delivery server sent no ETag')
    const notModified = await exchange(`${deliveryOrigin}${path}`, { 'If-None-Match': etag })
    if (notModified.status !== 304) throw new Error(`revalidation answered ${notModified.status}, expected 304`)
    const sameAsSnapshot = ok.raw.equals(stored)
    if (!sameAsSnapshot) console.warn('the delivery server does not answer the stored snapshot byte for byte')

    const floor = helper(['--role=floor'])
    stops.push(floor.stop)
    const floorReady = nextMessage<{ port: number }>(floor.child, 'node:http')
    floor.child.send({ ok, notModified, etag } satisfies FloorSetup)
    const floorOrigin = `http://127.0.0.1:${(await floorReady).port}`

    const twoProcesses = helper(['--role=cluster'], { ...process.env, DATABASE_URI: database.uri })
    stops.push(twoProcesses.stop)
    const clusterOrigin = `http://127.0.0.1:${(await nextMessage<{ port: number }>(twoProcesses.child, 'cluster')).port}`

    const servers: Record<string, string> = {
      [FLOOR]: floorOrigin,
      'delivery server, 1 process': deliveryOrigin,
      [`delivery server, ${clusterWorkers} processes (node:cluster)`]: clusterOrigin,
      ...(next ? { 'Next.js (next start): the CMS snapshot read': next.origin } : {}),
    }
    if (!next) console.log('Next.js: skipped in the smoke run (it needs `next build`, minutes long).')

    // Every server must answer the same article the same way before any is measured.
    const sameBody: Record<string, boolean> = {}
    const otherHeaders: Record<string, string[]> = {}
    const differing = (a: Record<string, string>, b: Record<string, string>) =>
      [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => a[name] !== b[name]).sort()
    for (const [name, origin] of Object.entries(servers)) {
      const answer = await exchange(`${origin}${path}`)
      const revalidated = await exchange(`${origin}${path}`, { 'If-None-Match': etag })
      if (answer.status !== 200 || revalidated.status !== 304)
        throw new Error(`${name} answered ${answer.status} and ${revalidated.status}, expected 200 and 304`)
      sameBody[name] = answer.raw.equals(ok.raw)
      if (!sameBody[name]) console.warn(`${name} does not answer the same body as the delivery server`)
      otherHeaders[name] = [
        ...differing(answer.headers, ok.headers).map((header) => `200 ${header}`),
        ...differing(revalidated.headers, notModified.headers).map((header) => `304 ${header}`),
      ]
    }
    console.log(`the article: ${ok.raw.length} bytes; headers of the delivery server's 200:`, ok.headers)
    console.log('headers that differ from the delivery server’s:', otherHeaders)

    const load = helper(['--role=load'])
    stops.push(load.stop)
    const measure = async (job: LoadJob) => {
      const reply = nextMessage<{ result: LoadResult }>(load.child, `load on ${job.url}`)
      load.child.send(job)
      return (await reply).result
    }
    const cases = Object.entries(servers).flatMap(([server, origin]) => [
      { server, kind: '200' as const, url: `${origin}${path}`, headers: {} as Record<string, string> },
      { server, kind: '304' as const, url: `${origin}${path}`, headers: { 'If-None-Match': etag } },
    ])
    for (const { url, headers } of cases) await measure({ url, headers, seconds: warmupSeconds })
    const samples = new Map<(typeof cases)[number], LoadResult[]>(cases.map((c) => [c, []]))
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 ? [...cases].reverse() : cases
      for (const item of order) {
        const result = await measure({ url: item.url, headers: item.headers, seconds })
        const expected = Number(item.kind)
        const others = Object.entries(result.statuses).filter(([status]) => Number(status) !== expected)
        if (others.length || result.errors || result.timeouts)
          throw new Error(
            `${item.server} ${item.kind}: ${JSON.stringify(result.statuses)}, ${result.errors} errors, ${result.timeouts} timeouts`,
          )
        samples.get(item)!.push(result)
        console.log(
          `round ${round + 1}/${rounds} ${item.server} ${item.kind}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
        )
      }
    }

    // Ratios to node:http are taken round by round, between runs minutes apart at most, then the
    // median of them: a slow spell of the machine moves both sides of a ratio.
    const floorRuns = (kind: string) => samples.get(cases.find((c) => c.server === FLOOR && c.kind === kind)!)!
    const rows = cases.map((item) => {
      const runs = samples.get(item)!
      const floor = floorRuns(item.kind)
      const ratio = (metric: 'requestsPerSecond' | 'p50' | 'p99') =>
        +median(runs.map((run, round) => run[metric] / floor[round]![metric])).toFixed(2)
      return {
        server: item.server,
        kind: item.kind,
        requestsPerSecond: +median(runs.map((r) => r.requestsPerSecond)).toFixed(1),
        p50: +median(runs.map((r) => r.p50)).toFixed(3),
        p99: +median(runs.map((r) => r.p99)).toFixed(3),
        ofFloorRequests: ratio('requestsPerSecond'),
        ofFloorP50: ratio('p50'),
        ofFloorP99: ratio('p99'),
        bytesPerResponse: runs[0]!.bytesPerResponse,
        runs,
      }
    })
    console.log(
      `\nautocannon in its own process, ${connections} connections × ${seconds} s, median of ${rounds} round(s) after a ${warmupSeconds} s warm-up:`,
    )
    console.table(
      rows.map((r) => ({
        server: r.server,
        answer: r.kind,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        '× node:http req/s': r.ofFloorRequests,
        '× p50': r.ofFloorP50,
        '× p99': r.ofFloorP99,
      })),
    )
    const single = rows.filter((r) => r.server === 'delivery server, 1 process')
    const goal = {
      atLeastHalfOfNodeHttp: single.every((r) => r.ofFloorRequests >= 0.5),
      p99AtMost10ms: single.every((r) => r.p99 <= 10),
    }
    console.log(
      `goal (delivery server, 1 process): ≥ 50 % of node:http for 200 and 304 — ${goal.atLeastHalfOfNodeHttp ? 'met' : 'missed'}; p99 ≤ 10 ms — ${goal.p99AtMost10ms ? 'met' : 'missed'}`,
    )
    console.log(`\nCold read (a fresh delivery server, ${coldRepetitions} times; statements counted at pg):`)
    console.table(cold.summary)

    support.writeResult('delivery', {
      benchmark: 'delivery',
      date: new Date().toISOString(),
      machine: support.machine(),
      article: { slug: article.slug, documentBytes: stored.length },
      load: { generator: 'autocannon, own process', connections, seconds, rounds, warmupSeconds },
      sameBody: { deliveryServerAndSnapshot: sameAsSnapshot, ...sameBody },
      headers: { delivery200: ok.headers, delivery304: notModified.headers, differing: otherHeaders },
      nextJs: next ? 'measured' : 'skipped (smoke run)',
      results: rows,
      goal,
      coldRead: cold,
    })
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error))
    await database.stop()
  }
}

/**
 * Statements and time of reads that find the cache empty (a fresh server each time), then of the
 * same read again. The server's own count (`stats().queries`) is checked against every statement
 * its `pg` clients send, which also shows what they are.
 */
async function coldReads(databaseUri: string, slug: string, capture: typeof import('./support.ts').captureStatements) {
  const { createDeliveryServer } = await import('../src/deliveryServer/index.ts')
  const observations: { read: string; counted: number; statements: string[]; ms: number }[] = []
  for (let i = 0; i < coldRepetitions; i += 1) {
    const server = createDeliveryServer({ databaseUri, logger: false })
    const { port } = await server.listen(0, '127.0.0.1')
    const base = `http://127.0.0.1:${port}/api/articles/${slug}`
    const read = async (name: string, url: string, headers: Record<string, string> = {}) => {
      const before = server.stats().queries
      const started = performance.now()
      const { statements, result } = await capture(() => exchange(url, headers))
      const ms = performance.now() - started
      if (result.status !== 200 && result.status !== 304) throw new Error(`${url} answered ${result.status}`)
      observations.push({
        read: name,
        counted: server.stats().queries - before,
        statements: statements.map((s) => s.text),
        ms,
      })
      return result
    }
    // The server's first read also opens its first pooled connection.
    const first = await read('document, cold (the server’s first read)', base)
    await read('document, cached', base)
    await read('document with If-None-Match, cached', base, { 'If-None-Match': first.headers.etag ?? '' })
    await read('HTML, cold', `${base}/html`)
    await read('HTML, cached', `${base}/html`)
    await server.close()
  }
  const names = [...new Set(observations.map((o) => o.read))]
  const summary = names.map((name) => {
    const list = observations.filter((o) => o.read === name)
    return {
      read: name,
      'queries (stats)': median(list.map((o) => o.counted)),
      'statements at pg (max)': Math.max(...list.map((o) => o.statements.length)),
      'ms (median)': +median(list.map((o) => o.ms)).toFixed(2),
    }
  })
  return { repetitions: coldRepetitions, summary, statements: [...new Set(observations.flatMap((o) => o.statements))] }
}

if (role === 'load') loadRole()
else if (role === 'floor') floorRole()
else if (role === 'cluster') void clusterRole()
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
