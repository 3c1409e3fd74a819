import type { AfterErrorHook, Payload } from 'payload'

import { type PostgresClient, postgresOf } from './postgres.ts'
import { isDatabaseUnavailable } from './unreachable.ts'

export { isDatabaseUnavailable }

/** The first PostgreSQL error code in an error's chain of causes. */
function databaseErrorOf(error: unknown): { code: string; detail?: string } | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { code, detail, cause } = current as { code?: unknown; detail?: unknown; cause?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
      return { code, detail: typeof detail === 'string' ? detail : undefined }
    current = cause
  }
  return undefined
}

/** Data errors PostgreSQL reports for a value the request sent: the client's mistake, not the server's. */
const CLIENT_DATA_ERRORS: Record<string, string> = {
  '23503': 'A reference points to a document that does not exist',
  '22P02': 'A value has the wrong type',
  '22003': 'A number is out of range',
  '22001': 'A value is too long',
  '22007': 'A date is not valid',
  '22021': 'A text holds a character that cannot be stored (such as NUL, U+0000)',
  '22P05': 'A text holds a character that cannot be stored (such as a lone surrogate)',
  '22008': 'A date is out of range',
}

/**
 * A request whose data the database refuses (a relationship to a document that does not exist,
 * a number out of range) is answered `400` with what was wrong, not `500`.
 */
export const answerInvalidData: AfterErrorHook = ({ error }) => {
  const failure = databaseErrorOf(error)
  const summary = failure && CLIENT_DATA_ERRORS[failure.code]
  if (!summary) return
  // The detail names the column and value, e.g. Key (hero_photo_id)=(7) is not present in table "photos".
  return {
    status: 400,
    response: { errors: [{ message: `${summary}${failure.detail ? `: ${failure.detail}` : '.'} Nothing was saved.` }] },
  }
}

export const RETRY_AFTER_SECONDS = 5

/**
 * While the database is away, API requests get `503 Service Unavailable` with `Retry-After` and a
 * message saying so, instead of a bare 500; clients and load balancers know to try again.
 */
export const answerDatabaseOutage: AfterErrorHook = ({ error, req }) => {
  if (!isDatabaseUnavailable(error)) return
  req.responseHeaders ??= new Headers()
  req.responseHeaders.set('Retry-After', String(RETRY_AFTER_SECONDS))
  req.responseHeaders.set('Cache-Control', 'no-store')
  return {
    status: 503,
    response: {
      errors: [
        { message: 'The database is unavailable at the moment; nothing was changed. Try again in a few seconds.' },
      ],
    },
  }
}

/**
 * node-postgres reports a connection the server closes (a restart, a failover) as an `error` event:
 * on the pool for an idle connection, on the connection itself for one that is checked out (in a
 * transaction) between two queries. An `error` event nobody listens to ends the whole process, so
 * both are logged instead; the pool opens new connections once the server is back, and the query
 * or transaction that was using the connection fails on its own with a clear error.
 */
export function surviveDatabaseRestarts(payload: Payload): void {
  const { pool } = postgresOf(payload)
  if (!pool || typeof pool.on !== 'function') return
  const log = (error: Error) =>
    payload.logger.warn(`Database connection lost (${error.message}); new connections will be opened when it is back.`)
  // Every connection gets a listener once: new ones when they open, older ones (opened while
  // Payload started, before this ran) when they are next checked out.
  const guarded = new WeakSet<PostgresClient>()
  const guard = (client: PostgresClient) => {
    if (guarded.has(client)) return
    guarded.add(client)
    client.on('error', log)
  }
  pool.on('error', log)
  pool.on('connect', guard)
  pool.on('acquire', guard)
}
