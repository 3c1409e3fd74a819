/**
 * Runs the delivery server against the CMS's database: the one `npm run dev` uses unless
 * DATABASE_URI names another.
 *
 *   npm run delivery                              # http://localhost:3001/api/articles/<slug>
 *   DELIVERY_PORT=4001 npm run delivery
 *   npm run delivery -- --role-sql [--role name] [--password secret]
 *
 * Environment: DATABASE_URI, DELIVERY_PORT (3001; 0 picks a free port), DELIVERY_HOST (every
 * interface), DELIVERY_PUBLIC_URL (else SERVER_URL, else each request's origin),
 * DELIVERY_REVALIDATE_MS, DELIVERY_CACHE_BYTES, DELIVERY_CACHE_CONTROL, DELIVERY_NOTIFICATIONS_URI
 * (the primary, when DATABASE_URI names a read replica).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embeddedPostgres.ts'
import { createDeliveryServer, DEFAULT_DELIVERY_TABLES, deliveryRoleSql } from '../src/deliveryServer/index.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const embeddedDataDir = path.join(root, '.data', 'postgres')
/** The database `npm run dev` (or, in production mode, `npm start`) keeps on the embedded server. */
const embeddedDatabase = process.env.NODE_ENV === 'production' ? 'newsroom' : 'newsroom_dev'

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(name)
function option(name: string): string | undefined {
  const index = args.indexOf(name)
  return index === -1 ? undefined : args[index + 1]
}

function describe(uri: string): string {
  const url = new URL(uri)
  return `${url.hostname}:${url.port || 5432}${url.pathname}`
}

function numberFrom(name: string): number | undefined {
  const text = process.env[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not "${text}".`)
  return value
}

/**
 * The port of the embedded server `npm run dev` started, read from its `postmaster.pid` (the
 * fourth line), if that server is running. It uses the same data folder, which one server at a
 * time may hold.
 */
function runningEmbeddedPort(): number | undefined {
  let lines: string[]
  try {
    lines = fs.readFileSync(path.join(embeddedDataDir, 'postmaster.pid'), 'utf8').split('\n')
  } catch {
    return undefined
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it runs, as another user (PostgreSQL refuses root, so the package runs it as its own user).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined
  }
  return port
}

/** The database to serve from, and the embedded server this script started, if it had to. */
async function database(): Promise<{ uri: string; embedded?: EmbeddedDatabase }> {
  if (process.env.DATABASE_URI) {
    console.log(`[delivery] Database: PostgreSQL at ${describe(process.env.DATABASE_URI)} (from DATABASE_URI)`)
    return { uri: process.env.DATABASE_URI }
  }
  const running = runningEmbeddedPort()
  if (running) {
    // The embedded server's fixed login (src/db/embeddedPostgres.ts).
    const uri = `postgres://postgres:postgres@127.0.0.1:${running}/${embeddedDatabase}`
    console.log(`[delivery] Database: the embedded PostgreSQL of npm run dev at ${describe(uri)}`)
    return { uri }
  }
  const embedded = await startEmbeddedPostgres({ dataDir: embeddedDataDir, persistent: true })
  const uri = embedded.uriFor(embeddedDatabase)
  console.log(
    `[delivery] Database: embedded PostgreSQL at ${describe(uri)} (data in .data/postgres, started here; stop this server before npm run dev)`,
  )
  return { uri, embedded }
}

/**
 * Says what is missing when the database is not ready to serve from, without stopping: the server
 * answers 503 until the database is reachable and serves as soon as the CMS has created its tables.
 */
async function checkDatabase(uri: string) {
  const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: 3_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    const { rows } = await client.query<{ present: boolean }>('select to_regclass($1) is not null as present', [
      DEFAULT_DELIVERY_TABLES.snapshots,
    ])
    if (!rows[0]?.present)
      console.warn(
        `[delivery] This database has no ${DEFAULT_DELIVERY_TABLES.snapshots} table yet: start the CMS on it once (npm run dev) to create its tables.`,
      )
  } catch (error) {
    console.warn(`[delivery] The database cannot be reached yet (${error instanceof Error ? error.message : error}).`)
  } finally {
    await client.end().catch(() => {})
  }
}

function printRoleSql() {
  const role = option('--role') ?? 'newsroom_delivery'
  let password = option('--password') ?? process.env.DELIVERY_ROLE_PASSWORD
  if (!password) {
    password = randomBytes(18).toString('base64url')
    console.error(`-- A password was generated for ${role}; it is in the SQL below, and nowhere else.`)
  }
  const databaseUri = process.env.DATABASE_URI
  const databaseName = databaseUri ? decodeURIComponent(new URL(databaseUri).pathname.slice(1)) : embeddedDatabase
  process.stdout.write(deliveryRoleSql({ role, password, database: databaseName || undefined }))
}

async function main() {
  if (flag('--role-sql')) return printRoleSql()

  const { uri, embedded } = await database()
  await checkDatabase(uri)
  const delivery = createDeliveryServer({
    databaseUri: uri,
    notificationsUri: process.env.DELIVERY_NOTIFICATIONS_URI || undefined,
    publicURL: process.env.DELIVERY_PUBLIC_URL || process.env.SERVER_URL || undefined,
    revalidateAfterMs: numberFrom('DELIVERY_REVALIDATE_MS'),
    cacheBytes: numberFrom('DELIVERY_CACHE_BYTES'),
    cacheControl: process.env.DELIVERY_CACHE_CONTROL || undefined,
  })
  const port = numberFrom('DELIVERY_PORT') ?? 3001
  let url: string
  try {
    ;({ url } = await delivery.listen(port, process.env.DELIVERY_HOST || undefined))
  } catch (error) {
    await delivery.close()
    await embedded?.stop()
    throw error
  }
  console.log(`[delivery] Listening on ${url} (e.g. ${url}/api/articles/latest)`)

  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`[delivery] ${signal}: stopping`)
    await delivery.close()
    await embedded?.stop()
    process.exit(0)
  }
  process.on('SIGINT', (signal) => void stop(signal))
  process.on('SIGTERM', (signal) => void stop(signal))
}

main().catch((error) => {
  console.error(`[delivery] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
