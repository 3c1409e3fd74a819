import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DRAFT_ARTICLE_SLUG, PUBLISHED_ARTICLE_SLUG } from '../src/demo/demoContent.ts'
import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { createDeliveryServer, type DeliveryServer } from '../src/deliveryServer/index.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/**
 * The delivery server against the real plugin on the seeded demo newsroom: it answers every public
 * read with the CMS's bytes and headers, follows what the CMS changes through its notifications,
 * runs as `npm run delivery`, and works with a role that may read the snapshots and nothing else.
 */
let app: TestApp
let delivery: DeliveryServer
const root = path.resolve(import.meta.dirname, '..')

/** The headers both servers must agree on. */
const COMPARED_HEADERS = ['etag', 'cache-control', 'content-type', 'surrogate-key', 'cache-tag'] as const

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** A request to a delivery server, as the CMS's tests reach it: at http://localhost. */
function request(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port, path, headers: { Host: 'localhost', ...headers }, agent: false },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}
const portOf = (server: DeliveryServer) => (server.server.address() as { port: number }).port

/** Asks the CMS (its REST handler, anonymously) and the delivery server the same thing; they must answer alike. */
async function compare(apiPath: `/${string}`, server = delivery) {
  const cms = await app.rest.get(apiPath, { token: null })
  const answer = await request(portOf(server), `/api${apiPath}`)
  expect({ path: apiPath, status: answer.status }).toEqual({ path: apiPath, status: cms.status })
  expect(answer.text, apiPath).toBe(cms.text)
  for (const name of COMPARED_HEADERS)
    expect({ path: apiPath, [name]: answer.headers[name] ?? null }).toEqual({
      path: apiPath,
      [name]: cms.headers.get(name),
    })
  return { cms, answer }
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const publishedArticle = (title: string, participants: number[]) => ({
  title,
  dateline: 'ASTANA',
  byline: 'Diplomacy desk',
  body: doc(paragraph(`${title}: the text as published.`)) as never,
  participants: participants.map((participant) => ({ participant, role: 'party' as const })),
  _status: 'published' as const,
})

async function participants() {
  const { docs } = await app.payload.find({
    collection: 'participants',
    depth: 0,
    limit: 0,
    draft: true,
    overrideAccess: true,
  })
  return docs as { id: number; slug?: string | null }[]
}

beforeAll(async () => {
  app = await startTestApp('delivery_server', { seed: true })
  // The demo newsroom publishes one article; two more give the lists a second page.
  const cited = (await participants()).slice(0, 2).map((participant) => participant.id)
  for (const title of ['Delegations leave Astana', 'Guarantors to meet in autumn'])
    await app.payload.create({ collection: 'articles', data: publishedArticle(title, cited), depth: 0 })
  delivery = createDeliveryServer({ databaseUri: app.databaseUri, logger: false, revalidateAfterMs: 60_000 })
  await delivery.listen(0, '127.0.0.1')
  await waitFor(() => delivery.stats().listening, 'the delivery server to listen for notices')
})

afterAll(async () => {
  await delivery?.close()
  await app?.close()
})

describe('the delivery server answers as the CMS', () => {
  it('for every published article, by id and slug, as document, JSON-LD and HTML, cold and cached', async () => {
    const { docs } = await app.payload.find({
      collection: 'articles',
      where: { _status: { equals: 'published' } },
      depth: 0,
      limit: 0,
      overrideAccess: true,
    })
    expect(docs.length).toBeGreaterThanOrEqual(3)
    expect(docs.map((article) => article.slug)).toContain(PUBLISHED_ARTICLE_SLUG)
    for (const article of docs) {
      for (const idOrSlug of [article.slug!, String(article.id)]) {
        for (const suffix of ['', '/jsonld', '/html']) {
          const cold = delivery.stats().queries
          const { answer } = await compare(`/articles/${idOrSlug}${suffix}`)
          expect(answer.status).toBe(200)
          // One indexed query the first time; by id after the slug, the same cached answer.
          expect(delivery.stats().queries - cold).toBe(idOrSlug === article.slug ? 1 : 0)
          // Again, from the cache.
          const before = delivery.stats().queries
          await compare(`/articles/${idOrSlug}${suffix}`)
          expect(delivery.stats().queries).toBe(before)
          const notModified = await request(portOf(delivery), `/api/articles/${idOrSlug}${suffix}`, {
            'If-None-Match': answer.headers.etag!,
          })
          expect(notModified.status).toBe(304)
          expect(delivery.stats().queries).toBe(before)
        }
      }
    }
  })

  it('for the JSON-LD and HTML of what is not published', async () => {
    for (const path of [
      `/articles/${DRAFT_ARTICLE_SLUG}/jsonld`,
      `/articles/${DRAFT_ARTICLE_SLUG}/html`,
      '/articles/no-such-article/jsonld',
      '/articles/987654/html',
    ] as const) {
      const { answer } = await compare(path)
      expect(answer.status).toBe(404)
    }
  })

  it('for a document that is not published, by id or slug', async () => {
    for (const path of ['/articles/987654', `/articles/${DRAFT_ARTICLE_SLUG}`, '/articles/no-such-article'] as const) {
      const { answer } = await compare(path)
      expect(answer.status).toBe(404)
    }
  })

  it('for the latest articles, page by page', async () => {
    let path: `/${string}` = '/articles/latest?limit=1'
    const seen: number[] = []
    for (let page = 0; page < 3; page += 1) {
      const { answer } = await compare(path)
      const body = JSON.parse(answer.text) as { docs: { id: number }[]; nextCursor: string | null }
      seen.push(...body.docs.map((row) => row.id))
      if (!body.nextCursor) break
      path = `/articles/latest?limit=1&cursor=${body.nextCursor}`
    }
    expect(seen).toHaveLength(3)
    await compare('/articles/latest')
    await compare('/articles/latest?limit=2')
  })

  it("for every participant's articles, by slug and id, to the last page", async () => {
    const all = await participants()
    expect(all.length).toBeGreaterThan(3)
    for (const participant of all) {
      for (const idOrSlug of [participant.slug ?? String(participant.id), String(participant.id)]) {
        let path: `/${string}` = `/participants/${idOrSlug}/articles?limit=2`
        for (;;) {
          const { answer } = await compare(path)
          if (answer.status !== 200) break
          const { nextCursor } = JSON.parse(answer.text) as { nextCursor: string | null }
          if (!nextCursor) break
          path = `/participants/${idOrSlug}/articles?limit=2&cursor=${nextCursor}`
        }
      }
    }
    await compare('/participants/nobody-by-this-name/articles')
  })
})

describe('coherence with the CMS', () => {
  it('serves a correction, a new slug and an unpublish as soon as the CMS commits them', async () => {
    const cited = (await participants()).slice(0, 1).map((participant) => participant.id)
    const article = await app.payload.create({
      collection: 'articles',
      data: publishedArticle('Talks to resume', cited),
      depth: 0,
    })
    const listPath = `/participants/${cited[0]}/articles?limit=1` as const
    await compare(`/articles/${article.slug}`)
    await compare('/articles/latest?limit=1')
    await compare(listPath)

    const noticed = delivery.stats().notices
    await app.payload.update({
      collection: 'articles',
      id: article.id,
      data: { title: 'Talks to resume in September', slug: 'talks-to-resume-in-september' },
      depth: 0,
    })
    await waitFor(() => delivery.stats().notices > noticed, 'the notice of the correction')
    const corrected = await compare('/articles/talks-to-resume-in-september')
    expect(JSON.parse(corrected.answer.text).title).toBe('Talks to resume in September')
    expect(JSON.parse((await compare(`/articles/${article.id}/jsonld`)).answer.text).headline).toBe(
      'Talks to resume in September',
    )
    expect((await compare(`/articles/${article.slug}/html`)).answer.status).toBe(404)
    expect((await compare('/articles/latest?limit=1')).answer.text).toContain('Talks to resume in September')
    await compare(listPath)

    const beforeUnpublish = delivery.stats().notices
    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' }, depth: 0 })
    await waitFor(() => delivery.stats().notices > beforeUnpublish, 'the notice of the unpublish')
    expect((await compare('/articles/talks-to-resume-in-september/html')).answer.status).toBe(404)
    expect((await compare(`/articles/${article.id}/jsonld`)).answer.status).toBe(404)
    expect((await compare('/articles/latest?limit=1')).answer.text).not.toContain('Talks to resume')
    await compare(listPath)
  })

  it("follows a participant's new name in the list of its articles", async () => {
    const [participant] = await participants()
    const path = `/participants/${participant!.id}/articles` as const
    await compare(path)
    const noticed = delivery.stats().notices
    const renamed = await app.payload.update({
      collection: 'participants',
      id: participant!.id,
      data: { name: 'A name given for this test' },
      depth: 0,
    })
    expect(renamed.name).toBe('A name given for this test')
    await waitFor(() => delivery.stats().notices > noticed, 'the notice of the rename')
    const { answer } = await compare(path)
    expect(JSON.parse(answer.text).participant.name).toBe('A name given for this test')
  })
})

/** Runs `npm run delivery`'s script as a child process; resolves once it listens. */
function runScript(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/delivery.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

describe('npm run delivery', () => {
  it('serves the CMS database on DELIVERY_PORT and stops cleanly on SIGTERM', async () => {
    const script = runScript([], { DATABASE_URI: app.databaseUri, DELIVERY_PORT: '0', DELIVERY_REVALIDATE_MS: '100' })
    try {
      await waitFor(() => /Listening on http:\/\/localhost:\d+/.test(script.output()), 'the script to listen', 60_000)
      const port = Number(/Listening on http:\/\/localhost:(\d+)/.exec(script.output())![1])
      const cms = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, { token: null })
      const answer = await request(port, `/api/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`)
      expect(answer.text).toBe(cms.text)
      expect(answer.headers.etag).toBe(cms.headers.get('etag'))
      expect(JSON.parse((await request(port, '/health')).text)).toMatchObject({ database: 'up', listening: true })
    } finally {
      script.child.kill('SIGTERM')
    }
    expect(await script.exited).toBe(0)
    expect(script.output()).toMatch(/SIGTERM: stopping/)
  })
})

describe('a read-only role', () => {
  const role = `delivery_reader_${randomBytes(4).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  let admin: pg.Client

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: app.databaseUri })
    await admin.connect()
  })

  afterAll(async () => {
    await admin?.query(`drop owned by "${role}"`).catch(() => {})
    await admin?.query(`drop role if exists "${role}"`).catch(() => {})
    await admin?.end()
  })

  it('made with the SQL `npm run delivery -- --role-sql` prints, serves published articles and reads nothing else', async () => {
    const script = runScript(['--role-sql', '--role', role, '--password', password], { DATABASE_URI: app.databaseUri })
    expect(await script.exited).toBe(0)
    await admin.query(script.output())

    const url = new URL(app.databaseUri)
    url.username = role
    url.password = password
    const asRole = createDeliveryServer({ databaseUri: url.toString(), logger: false })
    await asRole.listen(0, '127.0.0.1')
    try {
      await waitFor(() => asRole.stats().listening, 'the role to listen for notices')
      for (const path of [
        `/articles/${PUBLISHED_ARTICLE_SLUG}`,
        `/articles/${PUBLISHED_ARTICLE_SLUG}/html`,
        '/articles/latest?limit=2',
      ] as const)
        expect((await compare(path, asRole)).answer.status).toBe(200)
      const [participant] = await participants()
      await compare(`/participants/${participant!.id}/articles`, asRole)
    } finally {
      await asRole.close()
    }

    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try {
      for (const statement of [
        'select * from articles',
        'select * from users',
        'select * from _articles_v',
        'select * from participants',
      ])
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied/)
      await expect(client.query('delete from article_snapshots')).rejects.toThrow(
        /permission denied|read-only transaction/,
      )
      const { rows } = await client.query('select count(*)::int as count from article_snapshots')
      expect(rows[0].count).toBeGreaterThan(0)
    } finally {
      await client.end()
    }
  })
})
