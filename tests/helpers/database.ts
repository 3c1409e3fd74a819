import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

function withDatabase(serverUri: string, database: string): string {
  const url = new URL(serverUri)
  url.pathname = `/${database}`
  return url.toString()
}

/** Creates an empty database for one test file and returns its URI and a function that drops it. */
export async function createTestDatabase(label: string): Promise<{ uri: string; drop: () => Promise<void> }> {
  const serverUri = inject('databaseServerUri')
  const name = `newsroom_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUri })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  return {
    uri: withDatabase(serverUri, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUri })
      await client.connect()
      await client.query(`drop database if exists "${name}" with (force)`)
      await client.end()
    },
  }
}
