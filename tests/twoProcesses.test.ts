import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { typeScriptNodeArgs } from '../scripts/nodeConditions.ts'
import { createTestDatabase } from './helpers/database.ts'
import type { QueueServerAnswer, QueueServerRequest } from './helpers/queueServerProcess.ts'

/**
 * Two app servers as two Node processes on one PostgreSQL database (point 8 of "live integrity"):
 * each process boots Payload with the plugin (tests/helpers/queueServerProcess.ts) and runs a
 * queue when this file asks. "At the same moment" is made certain rather than left to timing:
 * this file holds `LOCK TABLE payload_jobs IN EXCLUSIVE MODE`, which lets Payload's read of the
 * due jobs through but holds back its marking them as processing, so a server that runs the queue
 * has read its jobs and waits, visibly, in pg_stat_activity/pg_locks, until the lock is released.
 */
const SCRIPT = path.join(import.meta.dirname, 'helpers', 'queueServerProcess.ts')
const WEBHOOK_QUEUE = 'newsroom-webhooks'

let databaseUri: string
let mediaDir: string
let receiver: http.Server
let receiverUrl: string

/** What the receiver got, in order. */
const received: { delivery: string; webhookId: string; event: string }[] = []
/** While set, the receiver keeps its answers back until `releaseAnswers()`. */
let holdAnswers = false
const heldAnswers: (() => void)[] = []
const releaseAnswers = () => {
  holdAnswers = false
  for (const answer of heldAnswers.splice(0)) answer()
}

/** A request before it is given its id (the union kept apart, member by member). */
type RequestWithoutId = QueueServerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

/** One `node` process running Payload, driven over its IPC channel. */
class ServerProcess {
  readonly child: ChildProcess
  output = ''
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  readonly loaded: Promise<void>

  constructor(readonly name: string) {
    this.child = spawn(process.execPath, [...typeScriptNodeArgs(), SCRIPT], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URI: databaseUri, MEDIA_DIR: mediaDir, WEBHOOK_URL: receiverUrl },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000)
    }
    this.child.stdout!.on('data', keep)
    this.child.stderr!.on('data', keep)
    this.loaded = new Promise((resolve, reject) => {
      this.child.on('message', (message: QueueServerAnswer) => {
        if ('type' in message) return resolve()
        const waiter = this.waiting.get(message.id)
        this.waiting.delete(message.id)
        if (message.ok) waiter?.resolve(message.value)
        else waiter?.reject(new Error(`${this.name}: ${message.error}`))
      })
      this.child.on('exit', (code) => {
        const error = new Error(`${this.name} exited (${code}):\n${this.output}`)
        reject(error)
        for (const waiter of this.waiting.values()) waiter.reject(error)
        this.waiting.clear()
      })
    })
  }

  request<T>(request: RequestWithoutId): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.child.send({ ...request, id })
    })
  }

  runQueue(queue: string, lock: boolean) {
    return this.request<{ result: { noJobsRemaining?: boolean }; ms: number }>({ type: 'runQueue', queue, lock })
  }

  /** Asks the server to close Payload and exit; one that does not within 10 s (or never loaded) is killed. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    this.request({ type: 'exit' }).catch(() => {})
    await exited
    clearTimeout(timer)
  }

  /** `step` settled within `seconds`, or an error naming this server, the step and its output. */
  async within<T>(step: string, promise: Promise<T>, seconds: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name}: ${step} took over ${seconds} s. Its output:\n${this.output}`)),
        seconds * 1000,
      )
    })
    try {
      return await Promise.race([promise, late])
    } finally {
      clearTimeout(timer)
    }
  }
}

let one: ServerProcess
let two: ServerProcess

/** A direct connection, outside both servers, to see what is really stored. */
async function stored<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

async function until(what: string, check: () => Promise<boolean> | boolean, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}.\n--- one ---\n${one.output}\n--- two ---\n${two.output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Holds payload_jobs in EXCLUSIVE mode: plain reads pass, every write to it waits for `release`. */
async function lockJobsTable(): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  await client.query('begin')
  await client.query('lock table payload_jobs in exclusive mode')
  return {
    release: async () => {
      await client.query('commit')
      await client.end()
    },
  }
}

/** Sessions waiting for a lock on this database's payload_jobs (the servers' "mark as processing"). */
async function waitingOnJobsTable(): Promise<number> {
  const [row] = await stored<{ count: string }>(
    `select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where not l.granted and a.wait_event_type = 'Lock' and l.relation = 'payload_jobs'::regclass
       and l.database = (select oid from pg_database where datname = current_database())`,
  )
  return Number(row!.count)
}

/** Tracks whether a promise has settled, without waiting for it. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false, promise }
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  )
  return state
}

const publishedVersions = async (articleId: number) =>
  Number(
    (
      await stored<{ count: string }>(
        `select count(*) from _articles_v where parent_id = $1 and version__status = 'published'`,
        [articleId],
      )
    )[0]!.count,
  )

const deliveriesOf = (articleId: number) =>
  stored<{ id: number; event: string; status: string; attempts: number }>(
    `select id, event, status, attempts::int as attempts from webhook_deliveries where payload->'source'->>'id' = $1 order by id`,
    [String(articleId)],
  )

const pendingJobs = async (queue: string) =>
  Number(
    (
      await stored<{ count: string }>(
        'select count(*) from payload_jobs where queue = $1 and completed_at is null and has_error is not true',
        [queue],
      )
    )[0]!.count,
  )

type QueueRun = Awaited<ReturnType<ServerProcess['runQueue']>>

/**
 * Both servers run `queue` while the jobs table is locked. With the lock, the server that took it
 * reads its jobs and waits on the table, and the other's run returns at once, having taken
 * nothing; without it, both read the same jobs and both wait. Then the table is released,
 * `meanwhile` runs, and both runs are awaited (settled, as a run without the lock may fail).
 */
async function runOnBothAtOnce(
  queue: string,
  { lock, meanwhile }: { lock: boolean; meanwhile?: () => Promise<void> },
): Promise<PromiseSettledResult<QueueRun>[]> {
  const table = await lockJobsTable()
  let runs: ReturnType<typeof watch<QueueRun>>[] = []
  try {
    runs = [watch(one.runQueue(queue, lock)), watch(two.runQueue(queue, lock))]
    if (lock) {
      await until('one run waiting on the jobs table and the other returned', async () => {
        return (await waitingOnJobsTable()) === 1 && runs.filter((run) => run.settled).length === 1
      })
      const returned = runs.find((run) => run.settled)!
      expect((await returned.promise).result).toEqual({ noJobsRemaining: false, remainingJobsFromQueried: 0 })
      expect(await waitingOnJobsTable()).toBe(1)
    } else {
      await until('both runs waiting on the jobs table', async () => (await waitingOnJobsTable()) === 2)
      expect(runs.some((run) => run.settled)).toBe(false)
    }
  } finally {
    await table.release()
  }
  await meanwhile?.()
  return Promise.allSettled(runs.map((run) => run.promise))
}

const valuesOf = (settled: PromiseSettledResult<QueueRun>[]) =>
  settled.map((run) => {
    if (run.status === 'rejected') throw run.reason
    return run.value
  })

beforeAll(async () => {
  databaseUri = (await createTestDatabase('two_processes')).uri
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-two-processes-'))
  receiver = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received.push({
        delivery: String(request.headers['x-newsroom-delivery']),
        webhookId: String(request.headers['webhook-id']),
        event: String(request.headers['x-newsroom-event']),
      })
      const answer = () => response.end('ok')
      if (holdAnswers) heldAnswers.push(answer)
      else answer()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`

  // Both load their modules side by side; the first boot creates the schema, so the second waits for it.
  one = new ServerProcess('server one')
  two = new ServerProcess('server two')
  await Promise.all([one.within('loading', one.loaded, 90), two.within('loading', two.loaded, 90)])
  await one.within('booting', one.request({ type: 'boot' }), 45)
  await two.within('booting', two.request({ type: 'boot' }), 45)
}, 200_000)

afterAll(async () => {
  releaseAnswers()
  await Promise.all([one?.stop(), two?.stop()])
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
  if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true })
})

describe('point 8: two servers as two processes on one database', () => {
  it('with the queue lock, a scheduled publish and its webhook happen exactly once when both run the queue at the same moment', async () => {
    received.length = 0
    const { articleId } = await one.request<{ articleId: number }>({
      type: 'schedulePublish',
      title: 'Scheduled, run by both servers with the lock',
    })
    expect(await pendingJobs('default')).toBe(1)

    valuesOf(await runOnBothAtOnce('default', { lock: true }))
    expect(await pendingJobs('default')).toBe(0)
    const [row] = await stored<{ _status: string }>('select _status from articles where id = $1', [articleId])
    expect(row!._status).toBe('published')
    expect(await publishedVersions(articleId)).toBe(1)
    const deliveries = await deliveriesOf(articleId)
    expect(deliveries.map((d) => d.event)).toEqual(['article.published'])
    expect(await pendingJobs(WEBHOOK_QUEUE)).toBe(1)

    valuesOf(await runOnBothAtOnce(WEBHOOK_QUEUE, { lock: true }))
    // Later runs on either server find nothing left to send.
    await one.runQueue(WEBHOOK_QUEUE, true)
    await two.runQueue(WEBHOOK_QUEUE, true)
    expect(received.map((r) => r.delivery)).toEqual([String(deliveries[0]!.id)])
    expect(await deliveriesOf(articleId)).toMatchObject([{ status: 'delivered', attempts: 1 }])
    expect(await pendingJobs(WEBHOOK_QUEUE)).toBe(0)
  }, 60_000)

  it('without the queue lock, both servers take the same jobs: the scheduled publish is done twice and the webhook sent twice', async () => {
    received.length = 0
    const { articleId } = await two.request<{ articleId: number }>({
      type: 'schedulePublish',
      title: 'Scheduled, run by both servers without the lock',
    })

    // Both servers read the one due job before either marked it, so each runs it: two publishes
    // of the same article. (The server that finishes second may then fail on Payload's own
    // bookkeeping, the first having deleted the completed job; its publish was done all the same.)
    const publishRuns = await runOnBothAtOnce('default', { lock: false })
    expect(publishRuns.some((run) => run.status === 'fulfilled')).toBe(true)
    expect(await publishedVersions(articleId)).toBe(2)

    // The first publish queued the article's webhook. The second wrote the article again, with a
    // later `updatedAt`, so its snapshot changed too and it queued a second `article.published`
    // (were both saves in the same millisecond, the snapshot would be the same and there would be
    // one). Both servers take every webhook job as well. The receiver keeps its answers back, so
    // each delivery is still pending when the other server reads it.
    const deliveries = await deliveriesOf(articleId)
    expect(deliveries.length).toBeGreaterThanOrEqual(1)
    expect(new Set(deliveries.map((d) => d.event))).toEqual(new Set(['article.published']))
    holdAnswers = true
    try {
      const webhookRuns = await runOnBothAtOnce(WEBHOOK_QUEUE, {
        lock: false,
        meanwhile: async () => {
          await until('every delivery posted by both servers', () => received.length === 2 * deliveries.length)
          releaseAnswers()
        },
      })
      expect(webhookRuns.some((run) => run.status === 'fulfilled')).toBe(true)
    } finally {
      releaseAnswers()
    }
    // Each delivery sent twice: the same record and the same webhook-id, from two servers.
    for (const delivery of deliveries) {
      const posts = received.filter((r) => r.delivery === String(delivery.id))
      expect(posts).toHaveLength(2)
      expect(posts[0]!.webhookId).toBe(posts[1]!.webhookId)
    }
    expect(received).toHaveLength(2 * deliveries.length)
  }, 60_000)
})
