/** Payload's PostgreSQL adapter as far as the plugin's own SQL needs it. */
export interface PostgresAdapterTables {
  tableNameMap: Map<string, string>
  versionsSuffix?: string
  schemaName?: string
}

const snakeCase = (slug: string) => slug.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase()

/** The table of a collection (or of its versions), as the adapter named it, custom `dbName` included. */
export function tableNameOf(db: PostgresAdapterTables, slug: string, { versions = false } = {}): string {
  const base = snakeCase(slug)
  const key = versions ? `_${base}${db.versionsSuffix ?? '_v'}` : base
  return db.tableNameMap.get(key) ?? key
}

/** A double-quoted identifier, with the schema when it is not `public`. */
export function qualified(db: PostgresAdapterTables, table: string): string {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
  return db.schemaName && db.schemaName !== 'public' ? `${quote(db.schemaName)}.${quote(table)}` : quote(table)
}
