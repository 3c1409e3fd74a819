/**
 * The delivery server's options: what a caller passes (`DeliveryServerOptions`) and what the
 * server reads once every default is applied (`ResolvedDeliveryOptions`). Every default is here.
 */
import type pg from 'pg'

import type { DeliveryTables } from '../delivery/publicRead.ts'

import { DEFAULTS } from '../options/defaults.ts'

/** Where the server reports what an operator should know: start, outages, recoveries, failures. */
export interface DeliveryLogger {
  info: (message: string) => void
  warn: (message: string) => void
  error: (message: string, error?: unknown) => void
}

export interface DeliveryServerOptions {
  /**
   * The CMS's PostgreSQL database, e.g. `postgres://delivery:…@db:5432/newsroom`. The server only
   * reads the snapshot tables, so a role that may read nothing else is enough (`deliveryRoleSql`).
   * Give this or `pool`.
   */
  databaseUri?: string
  /**
   * A pool to run the reads on, instead of `databaseUri`. The server does not end it on `close()`.
   * The notification listener opens one more connection with the pool's settings.
   */
  pool?: pg.Pool
  /**
   * Where to `LISTEN` for changes when reads go to a read replica, which cannot listen (a hot
   * standby has no notifications): the primary's URI. @default the connection reads use
   */
  notificationsUri?: string
  /** The snapshot tables' names, when the CMS's adapter named them otherwise (custom slugs, `dbName`, a schema). */
  tables?: Partial<DeliveryTables>
  /** Where the API is mounted, as in the CMS's `routes.api`. @default '/api' */
  apiRoute?: string
  /** The collection slugs in the public paths, as the CMS plugin's `slugs` option. @default { articles: 'articles', participants: 'participants' } */
  slugs?: { articles?: string; participants?: string }
  /** `Cache-Control` of public answers, as the CMS plugin's `delivery.cacheControl`. @default the plugin's default */
  cacheControl?: string
  /**
   * The origin of the absolute URLs in JSON-LD (the CMS's `delivery.publicURL` or `serverURL`).
   * Without it, each request's origin (`http://<Host>`) is used, and the JSON-LD's `ETag` names it,
   * as the CMS does.
   */
  publicURL?: string
  /** Most bytes the in-memory cache may hold, bodies and their compressed forms counted. @default 256 MiB */
  cacheBytes?: number
  /**
   * How long a cached answer is served without asking the database whether it is still current.
   * Notifications drop changed answers at once; this bounds how stale an answer can be when a
   * notification is missed. `0` checks on every request. @default 5000
   */
  revalidateAfterMs?: number
  /** `Retry-After` of the `503` sent when the database is away and the answer is not cached. @default 5 */
  retryAfterSeconds?: number
  /** How long to wait for a connection before counting the database as away. @default 3000 */
  connectTimeoutMs?: number
  /** Where to log; `false` logs nothing. @default the console */
  logger?: DeliveryLogger | false
}

export interface ResolvedDeliveryOptions {
  pool: pg.Pool | undefined
  databaseUri: string | undefined
  notificationsUri: string | undefined
  tables: DeliveryTables
  apiRoute: string
  slugs: { articles: string; participants: string }
  cacheControl: string
  publicURL: string | undefined
  cacheBytes: number
  revalidateAfterMs: number
  retryAfterSeconds: number
  connectTimeoutMs: number
  logger: DeliveryLogger
}

/** The snapshot tables as the CMS plugin names them with its default slugs. */
export const DEFAULT_DELIVERY_TABLES: DeliveryTables = {
  snapshots: 'article_snapshots',
  snapshotRels: 'article_snapshots_rels',
  participantColumn: 'participants_id',
  participants: 'participant_snapshots',
}

export const DELIVERY_DEFAULTS = {
  apiRoute: '/api',
  slugs: { articles: 'articles', participants: 'participants' },
  cacheControl: DEFAULTS.delivery.cacheControl,
  cacheBytes: 256 * 1024 * 1024,
  revalidateAfterMs: 5_000,
  retryAfterSeconds: 5,
  connectTimeoutMs: 3_000,
} as const

const silent: DeliveryLogger = { info: () => {}, warn: () => {}, error: () => {} }

export const consoleLogger: DeliveryLogger = {
  info: (message) => console.log(`[delivery] ${message}`),
  warn: (message) => console.warn(`[delivery] ${message}`),
  error: (message, error) =>
    console.error(`[delivery] ${message}${error ? `: ${error instanceof Error ? error.message : String(error)}` : ''}`),
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`Delivery server: ${name} must be a number ≥ 0.`)
  return value
}

/** A path segment of the public URLs: one non-empty segment, no slash. */
function segment(name: string, value: string): string {
  if (!/^[^/?#\s]+$/.test(value)) throw new Error(`Delivery server: slugs.${name} must be one path segment.`)
  return value
}

export function resolveDeliveryOptions(options: DeliveryServerOptions): ResolvedDeliveryOptions {
  if (!options.pool === !options.databaseUri)
    throw new Error('Delivery server: give either `databaseUri` or `pool` (exactly one).')
  const apiRoute = `/${(options.apiRoute ?? DELIVERY_DEFAULTS.apiRoute).replace(/^\/+|\/+$/g, '')}`
  let publicURL: string | undefined
  if (options.publicURL) {
    const url = new URL(options.publicURL)
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error('Delivery server: publicURL must be an http(s) URL.')
    publicURL = url.origin
  }
  const cacheBytes = nonNegative('cacheBytes', options.cacheBytes ?? DELIVERY_DEFAULTS.cacheBytes)
  return {
    pool: options.pool,
    databaseUri: options.databaseUri,
    notificationsUri: options.notificationsUri,
    tables: { ...DEFAULT_DELIVERY_TABLES, ...options.tables },
    apiRoute: apiRoute === '/' ? '' : apiRoute,
    slugs: {
      articles: segment('articles', options.slugs?.articles ?? DELIVERY_DEFAULTS.slugs.articles),
      participants: segment('participants', options.slugs?.participants ?? DELIVERY_DEFAULTS.slugs.participants),
    },
    cacheControl: options.cacheControl ?? DELIVERY_DEFAULTS.cacheControl,
    publicURL,
    cacheBytes,
    revalidateAfterMs: nonNegative(
      'revalidateAfterMs',
      options.revalidateAfterMs ?? DELIVERY_DEFAULTS.revalidateAfterMs,
    ),
    retryAfterSeconds: Math.ceil(
      nonNegative('retryAfterSeconds', options.retryAfterSeconds ?? DELIVERY_DEFAULTS.retryAfterSeconds),
    ),
    connectTimeoutMs: nonNegative('connectTimeoutMs', options.connectTimeoutMs ?? DELIVERY_DEFAULTS.connectTimeoutMs),
    logger: options.logger === false ? silent : (options.logger ?? consoleLogger),
  }
}
