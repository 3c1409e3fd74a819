import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { findFreePort } from '../../src/db/embeddedPostgres.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface RunningServer {
  url: string
  log: () => string
  stop: () => Promise<void>
}

/**
 * Runs the app the way a developer does (`npm run dev`, through the launcher) on a free port,
 * against the given database, and waits until the API answers (which also runs the demo seed).
 */
export async function startAppServer(databaseUri: string, { timeoutMs = 240_000 } = {}): Promise<RunningServer> {
  const port = await findFreePort()
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-media-'))
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', 'dev'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URI: databaseUri,
      MEDIA_DIR: mediaDir,
      // The browser tests sign in with the demo logins, whatever the developer's shell says.
      NEWSROOM_DEMO: '1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      NEXT_DIST_DIR: '.next-test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))

  const url = `http://localhost:${port}`
  const stop = async () => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      return
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
    fs.rmSync(mediaDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app server exited with ${child.exitCode}:\n${output}`)
    try {
      const response = await fetch(`${url}/api/articles?limit=1`, { signal: AbortSignal.timeout(60_000) })
      if (response.status === 200) return { url, log: () => output, stop }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  await stop()
  throw new Error(`The app server did not answer within ${timeoutMs / 1000}s:\n${output.slice(-4000)}`)
}
