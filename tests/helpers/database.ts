import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

function withDatabase(serverUri: string, database: string): string {
  const url = new URL(serverUri)
  url.pathname = `/${database}`
  return url.toString()
}

/** The PostgreSQL server of this test run (embedded, or the one DATABASE_URI names). */
export async function testServerUri(): Promise<string> {
  return inject('databaseServerUri')
}

/**
 * Creates an empty database for one test file. Test databases are not dropped while Payload's pool
 * still holds sessions on them: an embedded server is deleted with its data after the run, and on
 * a separate server the next run's setup drops what the previous run left (`newsroom_test_*`).
 */
export async function createTestDatabase(label: string): Promise<{ uri: string }> {
  const serverUri = inject('databaseServerUri')
  const name = `newsroom_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUri })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  return {
    uri: withDatabase(serverUri, name),
  }
}

/** Drops the test databases a previous run left on a shared server. */
export async function dropLeftoverTestDatabases(serverUri: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUri })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'newsroom\\_test\\_%'",
    )
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`)
    return rows.length
  } finally {
    await client.end()
  }
}
