import type { Payload } from 'payload'

/** A pooled connection, checked out for statements that must share one session. */
export interface PostgresClient {
  query: <Row = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<{ rows: Row[] }>
  on: (event: 'error', listener: (error: Error) => void) => void
  release: () => void
}

/** Payload's PostgreSQL adapter, as far as the plugin's own SQL needs it. */
export interface PostgresAdapter {
  pool?: {
    query: <Row = Record<string, unknown>>(query: {
      name?: string
      text: string
      values?: unknown[]
    }) => Promise<{ rows: Row[] }>
    connect: () => Promise<PostgresClient>
    on: (event: 'error' | 'connect' | 'acquire', listener: (value: never) => void) => void
  }
  tableNameMap: Map<string, string>
  versionsSuffix?: string
  schemaName?: string
}

/** The PostgreSQL adapter behind Payload (the plugin runs on PostgreSQL only). */
export const postgresOf = (payload: Payload): PostgresAdapter => payload.db as unknown as PostgresAdapter

/** A slug as the adapter turns it into a table name (before any `dbName`). */
export const snakeCase = (slug: string) =>
  slug
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()

/** The table of a collection (or of its versions), as the adapter named it, custom `dbName` included. */
export function tableNameOf(db: PostgresAdapter, slug: string, { versions = false } = {}): string {
  const base = snakeCase(slug)
  const key = versions ? `_${base}${db.versionsSuffix ?? '_v'}` : base
  return db.tableNameMap.get(key) ?? key
}

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`

/** A double-quoted table name, with the schema when it is not `public`. */
export function qualified(db: PostgresAdapter, table: string): string {
  return db.schemaName && db.schemaName !== 'public'
    ? `${quoteIdentifier(db.schemaName)}.${quoteIdentifier(table)}`
    : quoteIdentifier(table)
}
