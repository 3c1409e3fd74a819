/**
 * The delivery server's reads, on a `pg` pool, behind a short circuit breaker: once a read fails
 * because the database cannot be reached, the database counts as down and further reads fail at
 * once, without waiting for a connection, except for one probe at most every `PROBE_INTERVAL_MS`.
 * During an outage the server answers from its cache (or 503) in microseconds instead of holding
 * every request for a connect timeout.
 */
import pg from 'pg'

import type { PublicQuery } from '../delivery/publicRead.ts'

import { isDatabaseUnavailable } from '../db/unreachable.ts'
import type { DeliveryLogger } from './options.ts'

/** How often a read may try the database again while it counts as down. */
export const PROBE_INTERVAL_MS = 1_000

/** A read failed, or was not tried, because the database cannot be reached. */
export class DatabaseUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The database cannot be reached', { cause })
    this.name = 'DatabaseUnavailableError'
  }
}

/** Whether a read failed because the database cannot be reached, rather than because it is wrong. */
export const isUnreachable = (error: unknown): boolean =>
  error instanceof DatabaseUnavailableError || isDatabaseUnavailable(error)

export class DeliveryDatabase {
  /** Reads sent to PostgreSQL since the start (not those the breaker refused). */
  queries = 0
  private down = false
  private nextProbeAt = 0
  private readonly listeners = new Set<(up: boolean) => void>()

  constructor(
    readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    private readonly logger: DeliveryLogger,
  ) {
    // An idle connection the server closes (a restart) is reported here; without a listener it
    // would end the process.
    pool.on('error', (error) => {
      if (isUnreachable(error)) this.markDown(error)
      else logger.error('An idle database connection failed', error)
    })
  }

  /** Opens a pool of its own on a connection string, with timeouts that suit the breaker. */
  static connect(databaseUri: string, connectTimeoutMs: number, logger: DeliveryLogger): DeliveryDatabase {
    const pool = new pg.Pool({
      connectionString: databaseUri,
      max: 10,
      connectionTimeoutMillis: connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      // A server that hangs (rather than refusing) must not hold requests forever.
      query_timeout: 10_000,
      application_name: 'newsroom-delivery',
    })
    return new DeliveryDatabase(pool, true, logger)
  }

  get isDown(): boolean {
    return this.down
  }

  /** Called with `true` when the database comes back, `false` when it goes away. */
  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs one public read as a prepared statement; throws `DatabaseUnavailableError` when the database is away. */
  async query<Row>(query: PublicQuery): Promise<Row[]> {
    if (this.down) {
      const now = Date.now()
      if (now < this.nextProbeAt) throw new DatabaseUnavailableError()
      // This read is the probe; others keep failing fast until it answers.
      this.nextProbeAt = now + PROBE_INTERVAL_MS
    }
    this.queries += 1
    try {
      const { rows } = await this.pool.query<Row & pg.QueryResultRow>(query)
      this.markUp()
      return rows
    } catch (error) {
      if (!isUnreachable(error)) throw error
      this.markDown(error)
      throw new DatabaseUnavailableError(error)
    }
  }

  /** Whether the database answers now; a probe like any read, so the breaker applies. */
  async ping(): Promise<boolean> {
    try {
      await this.query({ name: 'newsroom:delivery:ping', text: 'select 1', values: [] })
      return true
    } catch {
      return false
    }
  }

  markDown(cause: unknown): void {
    this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS
    if (this.down) return
    this.down = true
    this.logger.warn(
      `The database cannot be reached (${cause instanceof Error ? cause.message : String(cause)}); serving what is cached`,
    )
    for (const listener of this.listeners) listener(false)
  }

  markUp(): void {
    if (!this.down) return
    this.down = false
    this.logger.info('The database is reachable again')
    for (const listener of this.listeners) listener(true)
  }

  async close(): Promise<void> {
    if (this.ownsPool && !this.pool.ending) await this.pool.end()
  }
}
