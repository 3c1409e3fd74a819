/**
 * Starts what the CMS needs, then the CMS: an embedded PostgreSQL when DATABASE_URI is not set,
 * then Next.js (dev, build, start) or the Payload CLI. The database is started here, once, rather
 * than inside payload.config.ts, which Next.js may load several times.
 *
 *   node --import tsx scripts/launch.ts dev|build|start
 *   node --import tsx scripts/launch.ts payload <payload cli arguments>
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embeddedPostgres.ts'
import { DEMO_VARIABLE } from '../src/demo/demoMode.ts'
import { DEVELOPMENT_SECRET, OFFLINE_DATABASE_URI } from '../src/demo/serverSecret.ts'
import { withConditionOption } from './nodeConditions.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataRoot = path.join(root, '.data')
const [mode = 'dev', ...rest] = process.argv.slice(2)

/** Commands that read the config but never open a connection. */
const OFFLINE_PAYLOAD_COMMANDS = new Set(['generate:importmap', 'generate:types', 'generate:db-schema'])

function describe(uri: string): string {
  const url = new URL(uri)
  return `${url.hostname}:${url.port || 5432}${url.pathname}`
}

async function ensureDatabase(serverUri: string, name: string) {
  const client = new pg.Client({ connectionString: serverUri })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}

/**
 * A locally kept random secret for `npm start` and `npm run payload` against the embedded database,
 * where nothing is deployed.
 */
function localSecret(): string {
  const file = path.join(dataRoot, 'payload-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataRoot, { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return fs.readFileSync(file, 'utf8').trim()
}

async function main() {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--no-deprecation'].filter(Boolean).join(' '),
  }
  const production = mode === 'start' || mode === 'build'
  if (production) env.NODE_ENV = 'production'
  if (mode === 'dev') {
    // Only the development server asks for the demo newsroom and its logins; `NEWSROOM_DEMO=0 npm run dev`
    // starts without them.
    env[DEMO_VARIABLE] ??= '1'
    env.PAYLOAD_SECRET ||= DEVELOPMENT_SECRET
  }

  let embedded: EmbeddedDatabase | undefined
  const offline = mode === 'payload' && OFFLINE_PAYLOAD_COMMANDS.has(rest[0] ?? '')

  if (env.DATABASE_URI) {
    console.log(`[newsroom] Database: PostgreSQL at ${describe(env.DATABASE_URI)} (from DATABASE_URI)`)
  } else if (offline) {
    env.DATABASE_URI = OFFLINE_DATABASE_URI
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'postgres'), persistent: true })
    // Development pushes its schema, production applies migrations: they get separate databases.
    const database = production ? 'newsroom' : 'newsroom_dev'
    await ensureDatabase(embedded.serverUri, database)
    env.DATABASE_URI = embedded.uriFor(database)
    if (!env.PAYLOAD_SECRET) env.PAYLOAD_SECRET = localSecret()
    console.log(`[newsroom] Database: embedded PostgreSQL at ${describe(env.DATABASE_URI)} (data in .data/postgres)`)
  }

  const port = env.PORT || '3000'
  // The demo frontend reads the API of the same server.
  env.PORT = port
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
  const command: [string, string[]] =
    mode === 'dev'
      ? [bin('next'), ['dev', '--port', port]]
      : mode === 'build'
        ? [bin('next'), ['build']]
        : mode === 'start'
          ? [bin('next'), ['start', '--port', port]]
          : mode === 'payload'
            ? [bin('payload'), rest]
            : (() => {
                throw new Error(`Unknown mode "${mode}". Use dev, build, start or payload.`)
              })()

  // The Payload CLI loads Lexical in Node itself (Next.js bundles it): see nodeConditions.ts.
  if (mode === 'payload') env.NODE_OPTIONS = withConditionOption(env.NODE_OPTIONS, env)
  if (mode === 'dev' || mode === 'start') console.log(`[newsroom] Admin: http://localhost:${port}/admin`)

  const child = spawn(command[0], command[1], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: 'inherit' })
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    child.kill(signal)
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  const code = await new Promise<number>((resolve) =>
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
  )
  if (embedded) await embedded.stop()
  process.exit(code)
}

main().catch((error) => {
  console.error(`[newsroom] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
