import { spawnSync } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { typeScriptNodeArgs } from '../scripts/nodeConditions.ts'
import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { DEVELOPMENT_SECRET, resolveSecret } from '../src/demo/serverSecret.ts'
import { startHostApp } from './helpers/hostApp.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const WEBHOOK_SECRET = 'webhook-secret-that-must-never-be-logged'
const PASSWORD = 'correct-horse-battery-staple-42'

/** Everything the app logs, at every level, kept to be searched. */
const logged: string[] = []
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logged.push(String(chunk))
    done()
  },
})

let app: Awaited<ReturnType<typeof startHostApp>>
let receiver: http.Server

beforeAll(async () => {
  // A receiver that always fails, so failed deliveries are logged with their jobs.
  receiver = http.createServer((_request, response) => {
    response.statusCode = 500
    response.end()
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const { port } = receiver.address() as AddressInfo
  app = await startHostApp(
    'accounts',
    {
      webhooks: {
        endpoints: [`http://127.0.0.1:${port}/hook`],
        secret: WEBHOOK_SECRET,
        autoRun: false,
        maxAttempts: 1,
      },
    },
    [],
    { logLevel: 'info', logDestination: logSink },
  )
  await app.payload.create({
    collection: 'users',
    data: { email: 'editor@newsroom.test', password: PASSWORD, roles: ['editor'] } as never,
    overrideAccess: true,
  })
})

afterAll(async () => {
  await app?.close()
  await new Promise<void>((resolve) => receiver?.close(() => resolve()))
})

describe('accounts', () => {
  it('lock an account after repeated wrong passwords, even against the right one', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const wrong = await app.rest.post(
        '/users/login',
        { email: 'editor@newsroom.test', password: `guess-${attempt}` },
        { token: null },
      )
      expect(wrong.status).toBe(401)
    }
    const right = await app.rest.post(
      '/users/login',
      { email: 'editor@newsroom.test', password: PASSWORD },
      { token: null },
    )
    expect(right.status).toBe(401)
    expect(JSON.stringify(right.json)).toMatch(/locked/i)
    const { docs } = await app.payload.find({
      collection: 'users',
      where: { email: { equals: 'editor@newsroom.test' } },
      showHiddenFields: true,
      overrideAccess: true,
    })
    const lockUntil = new Date((docs[0] as { lockUntil?: string }).lockUntil ?? 0).getTime()
    // Locked for ten minutes from now.
    expect(lockUntil - Date.now()).toBeGreaterThan(9 * 60 * 1000)
    expect(lockUntil - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000)
  })

  it('never write the signing secrets, passwords or session tokens to the log', async () => {
    await app.payload.create({
      collection: 'users',
      data: { email: 'writer@newsroom.test', password: PASSWORD, roles: ['writer', 'editor'] } as never,
      overrideAccess: true,
    })
    const login = await app.rest.post(
      '/users/login',
      { email: 'writer@newsroom.test', password: PASSWORD },
      { token: null },
    )
    const token = login.json.token as string
    expect(token).toBeTruthy()
    // Work that logs: a publish that sends a webhook, a delivery that fails, a refused request, a failed login.
    await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Logged',
        dateline: 'ASTANA',
        byline: 'Desk',
        body: doc(paragraph('Text.')) as never,
        _status: 'published',
      } as never,
    })
    await app.payload.jobs.run({ queue: 'newsroom-webhooks' })
    await app.rest.post('/articles', { title: 42 }, { token })
    await app.rest.post('/users/login', { email: 'writer@newsroom.test', password: 'wrong-password' }, { token: null })

    const log = logged.join('')
    expect(log).toMatch(/newsroomDeliverWebhook|webhook/i)
    for (const secret of [WEBHOOK_SECRET, 'host-app-test', PASSWORD, 'wrong-password', token]) {
      expect(log.includes(secret), `the log contains ${secret.slice(0, 12)}…`).toBe(false)
    }
  })
})

describe('the server secret', () => {
  it('is required, and not the development default, in production', () => {
    const production = { NODE_ENV: 'production' } as NodeJS.ProcessEnv
    expect(() => resolveSecret(production)).toThrow(/PAYLOAD_SECRET/)
    expect(() => resolveSecret({ ...production, PAYLOAD_SECRET: DEVELOPMENT_SECRET })).toThrow(/PAYLOAD_SECRET/)
    expect(() => resolveSecret({ ...production, PAYLOAD_SECRET: 'short' })).toThrow(/at least 32/)
    expect(resolveSecret({ ...production, PAYLOAD_SECRET: 'f'.repeat(40) })).toBe('f'.repeat(40))
  })

  it('is required outside production too; the development secret comes only from the dev launcher', () => {
    expect(() => resolveSecret({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toThrow(/PAYLOAD_SECRET/)
    expect(resolveSecret({ NODE_ENV: 'development', PAYLOAD_SECRET: DEVELOPMENT_SECRET } as NodeJS.ProcessEnv)).toBe(
      DEVELOPMENT_SECRET,
    )
  })

  it('stops a production start of the app that lacks one, naming the variable', () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URI: 'postgres://nobody@127.0.0.1:1/none',
    }
    const start = spawnSync(
      process.execPath,
      [...typeScriptNodeArgs(env), '-e', "await import('./payload.config.ts')"],
      {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    )
    expect(start.status).not.toBe(0)
    expect(start.stderr).toMatch(/PAYLOAD_SECRET must be set/)
  }, 150_000)
})
