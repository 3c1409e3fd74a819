import type { TestProject } from 'vitest/node'

import { startEmbeddedPostgres, temporaryDataDir } from '../../src/db/embeddedPostgres.ts'
import { dropLeftoverTestDatabases } from '../helpers/database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to a PostgreSQL server on which test files create their own databases. */
    databaseServerUri: string
  }
}

/**
 * Uses the server named by DATABASE_URI when set; otherwise starts an embedded PostgreSQL for
 * this run and deletes it afterwards.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URI) {
    const url = new URL(process.env.DATABASE_URI)
    const dropped = await dropLeftoverTestDatabases(process.env.DATABASE_URI)
    console.log(
      `[tests] PostgreSQL from DATABASE_URI: ${url.hostname}:${url.port || 5432} (dropped ${dropped} old test databases)`,
    )
    project.provide('databaseServerUri', process.env.DATABASE_URI)
    return
  }
  const server = await startEmbeddedPostgres({ dataDir: temporaryDataDir(), persistent: false })
  console.log(`[tests] Embedded PostgreSQL started: ${new URL(server.serverUri).host}`)
  project.provide('databaseServerUri', server.serverUri)
  return async () => {
    await server.stop()
  }
}
