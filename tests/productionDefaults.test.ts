import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { typeScriptNodeArgs } from '../scripts/nodeConditions.ts'
import { DEVELOPMENT_SECRET, OFFLINE_DATABASE_URI, resolveSecret } from '../src/demo/serverSecret.ts'
import { createTestDatabase } from './helpers/database.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STRONG_SECRET = randomBytes(32).toString('hex')

/** An environment made of exactly these variables. */
const envOf = (variables: Record<string, string | undefined>) => variables as NodeJS.ProcessEnv

/**
 * Loads payload.config.ts in a process of its own whose environment is exactly `env`, as a
 * production server, a worker or a script gets it (no VITEST, no test helper); with `boot`, it also
 * starts Payload, which runs the config's onInit. Prints the sanitized `csrf` and `cors`.
 */
const CHILD = `
const config = await (await import('./payload.config.ts')).default
if (process.argv.includes('boot')) {
  const { getPayload } = await import('payload')
  await getPayload({ config })
}
console.log('CONFIG ' + JSON.stringify({ csrf: config.csrf, cors: config.cors }))
process.exit(0)
`

interface ChildRun {
  code: number | null
  output: string
  config?: { csrf: string[]; cors: unknown }
}

async function runConfig(what: 'load' | 'boot', env: Record<string, string>): Promise<ChildRun> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-defaults-media-'))
  try {
    const childEnv = envOf({ PATH: process.env.PATH, MEDIA_DIR: mediaDir, LOG_LEVEL: 'warn', ...env })
    const child = spawn(process.execPath, [...typeScriptNodeArgs(childEnv), '-e', CHILD, what], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 200_000)
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    clearTimeout(timer)
    const line = output.split('\n').find((l) => l.startsWith('CONFIG '))
    return { code, output, config: line ? JSON.parse(line.slice('CONFIG '.length)) : undefined }
  } finally {
    fs.rmSync(mediaDir, { recursive: true, force: true })
  }
}

/** Rows of the demo newsroom's collections, read straight from the database. */
async function demoRows(databaseUri: string) {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    const { rows } = await client.query<Record<string, number>>(
      `select (select count(*) from users)::int as users,
              (select count(*) from users where email like '%@newsroom.test')::int as "demoLogins",
              (select count(*) from participants)::int as participants,
              (select count(*) from joint_statements)::int as "jointStatements",
              (select count(*) from photos)::int as photos,
              (select count(*) from articles)::int as articles`,
    )
    return rows[0]
  } finally {
    await client.end()
  }
}

const EMPTY = { users: 0, demoLogins: 0, participants: 0, jointStatements: 0, photos: 0, articles: 0 }

describe('without NEWSROOM_DEMO, booting the config seeds nothing', () => {
  it('a production start (NODE_ENV=production) creates no demo content and no demo logins', async () => {
    const database = await createTestDatabase('defaults_production')
    const run = await runConfig('boot', {
      NODE_ENV: 'production',
      DATABASE_URI: database.uri,
      PAYLOAD_SECRET: STRONG_SECRET,
      SERVER_URL: 'https://cms.example',
    })
    expect(run.code, run.output).toBe(0)
    expect(await demoRows(database.uri)).toEqual(EMPTY)
  }, 240_000)

  it('a worker or script (no NODE_ENV) creates no demo content and no demo logins', async () => {
    const database = await createTestDatabase('defaults_worker')
    const run = await runConfig('boot', { DATABASE_URI: database.uri, PAYLOAD_SECRET: STRONG_SECRET })
    expect(run.code, run.output).toBe(0)
    expect(await demoRows(database.uri)).toEqual(EMPTY)
  }, 240_000)
})

describe('PAYLOAD_SECRET', () => {
  it('is refused when missing, whatever NODE_ENV says, with a message naming it (npm run dev and the test helpers pass one)', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
      const env = envOf({ NODE_ENV, DATABASE_URI: 'postgres://db.example/newsroom' })
      expect(() => resolveSecret(env), `NODE_ENV=${NODE_ENV}`).toThrow(/PAYLOAD_SECRET must be set/)
      expect(() => resolveSecret({ ...env, PAYLOAD_SECRET: '   ' }), `NODE_ENV=${NODE_ENV}`).toThrow(/PAYLOAD_SECRET/)
    }
  })

  it('is never the development secret unless someone passes it, not even for generating types', () => {
    const generating = envOf({ DATABASE_URI: OFFLINE_DATABASE_URI })
    const first = resolveSecret(generating)
    expect(first).not.toBe(DEVELOPMENT_SECRET)
    expect(first).toHaveLength(64)
    expect(resolveSecret(generating)).not.toBe(first)
  })

  it('stops a worker that loads the config without one, naming the variable', async () => {
    const run = await runConfig('load', { DATABASE_URI: 'postgres://nobody@127.0.0.1:1/none' })
    expect(run.code).not.toBe(0)
    expect(run.output).toMatch(/PAYLOAD_SECRET must be set/)
  }, 240_000)
})

describe('trusted origins (csrf and cors)', () => {
  const offline = { DATABASE_URI: 'postgres://nobody@127.0.0.1:1/none', PAYLOAD_SECRET: STRONG_SECRET }

  it('are the dev server’s own origins when SERVER_URL is not set', async () => {
    const run = await runConfig('load', { ...offline, NODE_ENV: 'development', PORT: '4123' })
    expect(run.code, run.output).toBe(0)
    const own = ['http://localhost:4123', 'http://127.0.0.1:4123']
    expect(run.config).toEqual({ csrf: own, cors: own })
  }, 240_000)

  it('are SERVER_URL’s origin and ALLOWED_ORIGINS, and no longer localhost, once SERVER_URL is set', async () => {
    const run = await runConfig('load', {
      ...offline,
      NODE_ENV: 'production',
      SERVER_URL: 'https://cms.example',
      ALLOWED_ORIGINS: 'https://desk.example,https://partner.example',
    })
    expect(run.code, run.output).toBe(0)
    const trusted = ['https://cms.example', 'https://desk.example', 'https://partner.example']
    expect(new Set(run.config?.csrf)).toEqual(new Set(trusted))
    expect(run.config?.cors).toEqual(trusted)
  }, 240_000)

  it('refuse an ALLOWED_ORIGINS entry that is not an origin, naming the variable', async () => {
    const run = await runConfig('load', { ...offline, ALLOWED_ORIGINS: 'https://desk.example, *' })
    expect(run.code).not.toBe(0)
    expect(run.output).toMatch(/ALLOWED_ORIGINS: "\*" is not an http\(s\) origin/)
  }, 240_000)
})

describe('cookie-authenticated writes (development defaults: no SERVER_URL)', () => {
  const PORT = '4321'
  const FRONTEND = 'https://desk.example'
  let app: TestApp
  let cookie: string
  let articleId: number

  beforeAll(async () => {
    delete process.env.SERVER_URL
    process.env.PORT = PORT
    // A trailing slash and spaces, as people write them: the browser's Origin has neither.
    process.env.ALLOWED_ORIGINS = ` ${FRONTEND}/ , https://partner.example`
    app = await startTestApp('production_defaults')
    await createUser(app.payload, 'desk@newsroom.test', ['editor'])
    const login = await app.rest.post(
      '/users/login',
      { email: 'desk@newsroom.test', password: 'desk@newsroom.test-password' },
      { token: null },
    )
    expect(login.status).toBe(200)
    const setCookie = login.headers.getSetCookie().find((value) => value.startsWith('payload-token='))
    expect(setCookie).toBeDefined()
    cookie = setCookie!.split(';')[0]!
    const article = await app.payload.create({
      collection: 'articles',
      data: { title: 'Written by the desk', _status: 'draft' } as never,
      draft: true,
      overrideAccess: true,
    })
    articleId = article.id as number
  })

  afterAll(async () => {
    await app?.close()
    delete process.env.PORT
    delete process.env.ALLOWED_ORIGINS
  })

  const asBrowser = (origin: string) => ({ token: null, headers: { Cookie: cookie, Origin: origin } })
  const title = async () =>
    (await app.payload.findByID({ collection: 'articles', id: articleId, draft: true, overrideAccess: true })).title

  it('are refused from another site’s page (POST and PATCH with Origin: https://evil.example)', async () => {
    const before = (await app.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs
    const created = await app.rest.request(
      'POST',
      '/articles?draft=true',
      { title: 'Planted by another site', _status: 'draft' },
      asBrowser('https://evil.example'),
    )
    expect(created.status, created.text).toBe(403)
    expect((await app.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(before)

    const updated = await app.rest.request(
      'PATCH',
      `/articles/${articleId}?draft=true`,
      { title: 'Rewritten by another site' },
      asBrowser('https://evil.example'),
    )
    expect(updated.status, updated.text).toBe(403)
    expect(await title()).toBe('Written by the desk')
    // Nor may that page read what the API answers.
    expect(updated.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('succeed from the dev server’s own origins and from each of ALLOWED_ORIGINS', async () => {
    for (const origin of [
      `http://localhost:${PORT}`,
      `http://127.0.0.1:${PORT}`,
      FRONTEND,
      'https://partner.example',
    ]) {
      const created = await app.rest.request(
        'POST',
        '/articles?draft=true',
        { title: `Drafted at ${origin}`, _status: 'draft' },
        asBrowser(origin),
      )
      expect(created.status, `${origin}: ${created.text}`).toBe(201)
      expect(created.headers.get('access-control-allow-origin')).toBe(origin)
      expect(created.headers.get('access-control-allow-credentials')).toBe('true')

      const updated = await app.rest.request(
        'PATCH',
        `/articles/${articleId}?draft=true`,
        { title: `Edited at ${origin}` },
        asBrowser(origin),
      )
      expect(updated.status, `${origin}: ${updated.text}`).toBe(200)
      expect(await title()).toBe(`Edited at ${origin}`)
    }
  })
})
