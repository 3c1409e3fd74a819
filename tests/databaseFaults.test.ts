import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  Config,
  Payload,
  PayloadRequest,
  Plugin,
} from 'payload'

import { postgresAdapter, sql } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type EmbeddedDatabase,
  findFreePort,
  startEmbeddedPostgres,
  temporaryDataDir,
} from '../src/db/embeddedPostgres.ts'
import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { JOURNAL_FOLDER } from '../src/photos/uploadJournal.ts'
import { newsroomPlugin, removeOrphanedPhotoFiles } from '../src/plugins/newsroom/index.ts'
import { makeJpeg } from './helpers/images.ts'
import { RestClient } from './helpers/rest.ts'

/**
 * A PostgreSQL server of this file's own, which the tests stop and start again while the app
 * keeps running, the way a database restart or failover looks to a CMS in production.
 */
let server: EmbeddedDatabase | undefined
let dataDir: string
let port: number
let databaseUri: string
let mediaDir: string
let payload: Payload
let rest: RestClient
let receiver: http.Server
let receiverUrl: string
/** What the webhook receiver got: one entry per POST. */
const received: { delivery: string; event: string; articleId: string }[] = []

const stopDatabase = async () => {
  await server?.stop()
  server = undefined
}
const startDatabase = async () => {
  server = await startEmbeddedPostgres({ dataDir, persistent: true, port })
}

/** Stops the database in the middle of a save when the caller asks for it through the context. */
const stopDatabaseWhenAsked: CollectionBeforeChangeHook = async ({ context, data }) => {
  if (context.stopDatabaseMidSave) await stopDatabase()
  return data
}

/**
 * Where a publish writes, in order: Payload writes the article's row and its version row, then the
 * plugin's afterChange hook writes the snapshot, records the webhook delivery and queues its job.
 * The two points below are the gaps between those writes.
 */
type FaultPoint = 'between the version row and the snapshot' | 'between the snapshot and the job row'

/** What a fault hook saw of the save in flight, just before it stopped the database. */
interface SeenAtFault {
  point: FaultPoint
  /** Inside the save's own transaction. */
  publishedVersions: number
  snapshotTitles: string[]
  delivery?: { id: number; jobs: number }
  /** Over a separate connection: what others could see at that moment. */
  publishedVersionsOutside: number
}
let seenAtFault: SeenAtFault | undefined

/** A query in the request's own transaction, so it sees what the save has written so far. */
async function inSaveTransaction<T>(req: PayloadRequest, query: ReturnType<typeof sql>): Promise<T[]> {
  const { sessions } = req.payload.db as unknown as {
    sessions: Record<string, { db: { execute: (query: unknown) => Promise<{ rows: T[] }> } }>
  }
  const session = req.transactionID ? sessions[String(await req.transactionID)] : undefined
  if (!session) throw new Error('The save runs outside a transaction')
  return (await session.db.execute(query)).rows
}

async function lookInsideTheSave(req: PayloadRequest, point: FaultPoint, articleId: number) {
  const [versions] = await inSaveTransaction<{ count: number }>(
    req,
    sql`select count(*)::int as count from _articles_v where parent_id = ${articleId} and version__status = 'published'`,
  )
  const snapshots = await inSaveTransaction<{ document: string }>(
    req,
    sql`select document from article_snapshots where article_id = ${articleId}`,
  )
  const [outside] = await stored<{ count: number }>(
    `select count(*)::int as count from _articles_v where parent_id = $1 and version__status = 'published'`,
    [articleId],
  )
  return {
    point,
    publishedVersions: versions!.count,
    snapshotTitles: snapshots.map((snapshot) => String(JSON.parse(snapshot.document).title)),
    publishedVersionsOutside: outside!.count,
  }
}

/**
 * Runs before every other afterChange hook of articles: Payload has written the row and its
 * version, the plugin has not yet written the snapshot.
 */
const stopDatabaseAfterVersionRow: CollectionAfterChangeHook = async ({ doc, req }) => {
  if (req.context.faultPoint !== 'between the version row and the snapshot') return doc
  seenAtFault = await lookInsideTheSave(req, 'between the version row and the snapshot', doc.id)
  await stopDatabase()
  return doc
}

/**
 * Runs once the publish has recorded its webhook delivery (after the snapshot) and before it
 * queues the delivery's job: the plugin records the delivery and queues its job in that order.
 */
const stopDatabaseBeforeJobRow: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || req.context.faultPoint !== 'between the snapshot and the job row') return doc
  const articleId = Number((doc.payload as { source: { id: number } }).source.id)
  const [jobs] = await inSaveTransaction<{ count: number }>(
    req,
    sql`select count(*)::int as count from payload_jobs where input->>'deliveryId' = ${String(doc.id)}`,
  )
  seenAtFault = {
    ...(await lookInsideTheSave(req, 'between the snapshot and the job row', articleId)),
    delivery: { id: doc.id, jobs: jobs!.count },
  }
  await stopDatabase()
  return doc
}

/** Puts the two fault hooks into the built config, around the plugin's own hooks. */
const faultPoints: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => {
    const hooks = collection.hooks ?? {}
    if (collection.slug === 'articles')
      return {
        ...collection,
        hooks: { ...hooks, afterChange: [stopDatabaseAfterVersionRow, ...(hooks.afterChange ?? [])] },
      }
    if (collection.slug === 'webhook-deliveries')
      return {
        ...collection,
        hooks: { ...hooks, afterChange: [...(hooks.afterChange ?? []), stopDatabaseBeforeJobRow] },
      }
    return collection
  }),
})

/** A direct connection, outside the app, to see what is really stored. */
async function stored<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** Retries `work` until it succeeds: the app must come back on its own, without a restart. */
async function eventually<T>(work: () => Promise<T>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    try {
      return await work()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { source: { id: unknown } }
      received.push({
        delivery: String(request.headers['x-newsroom-delivery']),
        event: String(request.headers['x-newsroom-event']),
        articleId: String(body.source.id),
      })
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`

  dataDir = temporaryDataDir('newsroom-faults-')
  port = await findFreePort()
  await startDatabase()
  const admin = new pg.Client({ connectionString: server!.serverUri })
  await admin.connect()
  await admin.query('create database faults')
  await admin.end()
  databaseUri = server!.uriFor('faults')
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-faults-media-'))
  const config = await buildConfig({
    secret: 'database-faults-test-secret',
    db: postgresAdapter({ pool: { connectionString: databaseUri, connectionTimeoutMillis: 2000 } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'fatal' } },
    plugins: [
      newsroomPlugin({
        photos: { staticDir: mediaDir },
        // The tests run the queues themselves, and never while the database is away.
        webhooks: { endpoints: [receiverUrl], secret: 'database-faults-webhook-secret', autoRun: false },
        rightsExpiry: { autoRun: false },
        overrides: {
          articles: { hooks: { beforeChange: [stopDatabaseWhenAsked] } },
          photos: { hooks: { beforeChange: [stopDatabaseWhenAsked] } },
        },
      }),
      faultPoints,
    ],
  })
  // The default instance: the REST route handlers, given the same config, use it.
  payload = await getPayload({ config })
  rest = new RestClient(config)
}, 120_000)

afterAll(async () => {
  await payload?.destroy().catch(() => {})
  await stopDatabase().catch(() => {})
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()))
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(mediaDir, { recursive: true, force: true })
})

const publishArticle = (title: string) =>
  payload.create({
    collection: 'articles',
    data: { title, dateline: 'ASTANA', byline: 'Desk', body: doc(paragraph('Text.')) as never, _status: 'published' },
    depth: 0,
  })

interface ArticleState {
  title: string
  status: string
  versions: number
  snapshotTitle: string | undefined
}

async function articleState(id: number): Promise<ArticleState> {
  const [row] = await stored<{ title: string; _status: string }>('select title, _status from articles where id = $1', [
    id,
  ])
  const [versions] = await stored<{ count: string }>('select count(*) from _articles_v where parent_id = $1', [id])
  const [snapshot] = await stored<{ document: string }>(
    'select document from article_snapshots where article_id = $1',
    [id],
  )
  return {
    title: row!.title,
    status: row!._status,
    versions: Number(versions!.count),
    snapshotTitle: snapshot ? JSON.parse(snapshot.document).title : undefined,
  }
}

describe('when the database goes away', () => {
  it('a publish interrupted by the database stopping leaves nothing half-written, and the app recovers on its own', async () => {
    const article = await publishArticle('Talks end in Astana')
    const before = await articleState(article.id)
    expect(before).toMatchObject({
      title: 'Talks end in Astana',
      status: 'published',
      snapshotTitle: 'Talks end in Astana',
    })

    await expect(
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Talks end in Astana, ministry says' },
        context: { stopDatabaseMidSave: true },
      }),
    ).rejects.toThrow()
    await startDatabase()

    // The row, its versions and its snapshot are exactly as before the interrupted save.
    expect(await articleState(article.id)).toEqual(before)
    // The same app, not restarted, works again.
    const read = await eventually(() => payload.findByID({ collection: 'articles', id: article.id, depth: 0 }))
    expect(read.title).toBe('Talks end in Astana')
    const saved = await eventually(() =>
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: 'Talks end in Astana, ministry says' },
        depth: 0,
      }),
    )
    expect(saved.title).toBe('Talks end in Astana, ministry says')
    expect(await articleState(article.id)).toMatchObject({
      title: 'Talks end in Astana, ministry says',
      versions: before.versions + 1,
      snapshotTitle: 'Talks end in Astana, ministry says',
    })
  }, 120_000)

  it('an upload interrupted by the database stopping leaves no row without its file and no file without its row', async () => {
    // The plugin's journal of uploads in flight lives in the photos folder too; only files count here.
    const storedFiles = () =>
      fs
        .readdirSync(mediaDir, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
    const filesBefore = storedFiles().sort()
    const [rowsBefore] = await stored<{ count: string }>('select count(*) from photos')
    const data = await makeJpeg(1200, 800)
    await expect(
      payload.create({
        collection: 'photos',
        data: { alt: 'Delegations', credit: { line: 'Ministry of Foreign Affairs', kind: 'handout' } } as never,
        file: { data, mimetype: 'image/jpeg', name: 'interrupted.jpg', size: data.length },
        context: { stopDatabaseMidSave: true },
      }),
    ).rejects.toThrow()
    // Payload wrote the files before the insert that failed.
    const left = storedFiles().filter((file) => !filesBefore.includes(file))
    expect(left.length).toBeGreaterThan(0)
    await startDatabase()

    const [rowsAfter] = await stored<{ count: string }>('select count(*) from photos')
    expect(rowsAfter!.count).toBe(rowsBefore!.count)
    // The plugin recorded the upload's files before they were written. The record could not be
    // settled when the save ended, the database being away; the sweep settles it (on start, and
    // on demand as here) and removes exactly those files.
    const removed = await eventually(() => removeOrphanedPhotoFiles(payload, 'photos', { olderThanMs: 0 }))
    for (const name of removed) expect(left).toContain(name)
    await eventually(async () => expect(storedFiles().sort()).toEqual(filesBefore))
    await eventually(async () => expect(fs.existsSync(path.join(mediaDir, JOURNAL_FOLDER))).toBe(false))

    // Every stored row has its files, and every file belongs to a row.
    const photo = await eventually(() =>
      payload.create({
        collection: 'photos',
        data: { alt: 'After the restart' } as never,
        file: { data, mimetype: 'image/jpeg', name: 'after.jpg', size: data.length },
      }),
    )
    const rows = await stored<{ filename: string }>('select filename from photos')
    const expected = new Set(rows.map((row) => row.filename))
    for (const file of storedFiles())
      expect([...expected].some((name) => file === name || file.startsWith(name.replace(/\.jpg$/, '-')))).toBe(true)
    expect(fs.existsSync(path.join(mediaDir, String(photo.filename)))).toBe(true)
  }, 120_000)

  it('the API answers 503 with Retry-After while the database is away, and 200 once it is back', async () => {
    const article = await publishArticle('Read while the database restarts')
    await stopDatabase()
    try {
      for (const route of [
        '/articles',
        `/articles/${article.slug}`,
        `/articles/${article.slug}/jsonld`,
        '/participants',
      ] as const) {
        const response = await rest.get(route as `/${string}`, { token: null })
        expect(response.status, route).toBe(503)
        expect(response.headers.get('retry-after'), route).toBe('5')
        expect(JSON.stringify(response.json), route).toMatch(/database is unavailable/)
      }
      const login = await rest.post(
        '/users/login',
        { email: 'nobody@newsroom.test', password: 'whatever-password' },
        { token: null },
      )
      expect(login.status).toBe(503)
    } finally {
      await startDatabase()
    }
    const back = await eventually(async () => {
      const response = await rest.get(`/articles/${article.slug}`, { token: null })
      if (response.status !== 200) throw new Error(`still ${response.status}`)
      return response
    })
    expect(back.json.title).toBe('Read while the database restarts')
  }, 120_000)
})

/** Everything a publish of one article writes, as stored, read over a connection of its own. */
interface PublishState {
  title: string
  status: string
  latestVersion: { id: number; status: string }
  publishedVersions: number
  snapshotTitles: string[]
  deliveries: { id: number; event: string; status: string }[]
  /** Delivery jobs waiting in the queue for this article's deliveries. */
  queuedJobs: number
}

async function publishState(id: number): Promise<PublishState> {
  const [row] = await stored<{ title: string; _status: string }>('select title, _status from articles where id = $1', [
    id,
  ])
  const [latest] = await stored<{ id: number; status: string }>(
    'select id, version__status as status from _articles_v where parent_id = $1 order by id desc limit 1',
    [id],
  )
  const [published] = await stored<{ count: number }>(
    `select count(*)::int as count from _articles_v where parent_id = $1 and version__status = 'published'`,
    [id],
  )
  const snapshots = await stored<{ document: string }>('select document from article_snapshots where article_id = $1', [
    id,
  ])
  const deliveries = await stored<{ id: number; event: string; status: string }>(
    `select id, event, status from webhook_deliveries where payload->'source'->>'id' = $1 order by id`,
    [String(id)],
  )
  const [jobs] = await stored<{ count: number }>(
    `select count(*)::int as count from payload_jobs where task_slug = 'newsroomDeliverWebhook'
     and input->>'deliveryId' = any($1::text[])`,
    [deliveries.map((delivery) => String(delivery.id))],
  )
  return {
    title: row!.title,
    status: row!._status,
    latestVersion: latest!,
    publishedVersions: published!.count,
    snapshotTitles: snapshots.map((snapshot) => String(JSON.parse(snapshot.document).title)),
    deliveries,
    queuedJobs: jobs!.count,
  }
}

/** Across the whole database: no delivery waiting without its job, no job without its delivery. */
async function deliveriesAndJobsAgree(): Promise<void> {
  const [orphans] = await stored<{ deliveries: number; jobs: number }>(
    `select
       (select count(*)::int from webhook_deliveries d where d.status in ('pending', 'retrying') and not exists
          (select 1 from payload_jobs j where j.task_slug = 'newsroomDeliverWebhook' and j.input->>'deliveryId' = d.id::text)) as deliveries,
       (select count(*)::int from payload_jobs j where j.task_slug = 'newsroomDeliverWebhook' and not exists
          (select 1 from webhook_deliveries d where d.id::text = j.input->>'deliveryId')) as jobs`,
  )
  expect(orphans).toEqual({ deliveries: 0, jobs: 0 })
}

/** Sends what is queued and returns what the receiver got for the article meanwhile. */
async function deliverQueued(articleId: number) {
  const before = received.length
  await payload.jobs.run({ queue: 'newsroom-webhooks' })
  return received.slice(before).filter((post) => post.articleId === String(articleId))
}

describe('point 8: a publish interrupted by the database stopping mid-write', () => {
  it('a publish interrupted between its version row and its snapshot: after recovery the live row, its versions, snapshot and webhook delivery are all as before, and a retry publishes once', async () => {
    const title = 'Guarantors meet again in Astana'
    const draft = await payload.create({
      collection: 'articles',
      data: { title, dateline: 'ASTANA', byline: 'Desk', body: doc(paragraph('Text.')) as never, _status: 'draft' },
      draft: true,
      depth: 0,
    })
    const before = await publishState(draft.id)
    expect(before).toMatchObject({ status: 'draft', publishedVersions: 0, snapshotTitles: [], deliveries: [] })

    seenAtFault = undefined
    await expect(
      payload.update({
        collection: 'articles',
        id: draft.id,
        data: { _status: 'published' },
        context: { faultPoint: 'between the version row and the snapshot' },
      }),
      // The next statement after the stop was the snapshot's.
    ).rejects.toThrow(/article_snapshots/)
    // The database stopped when the publish had written its version row, inside its transaction,
    // and not yet its snapshot.
    expect(seenAtFault).toEqual({
      point: 'between the version row and the snapshot',
      publishedVersions: 1,
      snapshotTitles: [],
      publishedVersionsOutside: 0,
    })
    await startDatabase()

    // All as before: still a draft, no published version, no snapshot, no delivery, no job.
    expect(await publishState(draft.id)).toEqual(before)
    await deliveriesAndJobsAgree()

    // A retry (the app not restarted) publishes once: one version, one snapshot, one delivery.
    await eventually(() =>
      payload.update({ collection: 'articles', id: draft.id, data: { _status: 'published' }, depth: 0 }),
    )
    const after = await publishState(draft.id)
    expect(after).toMatchObject({
      title,
      status: 'published',
      latestVersion: { status: 'published' },
      publishedVersions: 1,
      snapshotTitles: [title],
      deliveries: [{ event: 'article.published', status: 'pending' }],
      queuedJobs: 1,
    })
    await deliveriesAndJobsAgree()
    const posts = await deliverQueued(draft.id)
    expect(posts).toEqual([
      { delivery: String(after.deliveries[0]!.id), event: 'article.published', articleId: String(draft.id) },
    ])
    expect(await publishState(draft.id)).toMatchObject({
      deliveries: [{ event: 'article.published', status: 'delivered' }],
      queuedJobs: 0,
    })
  }, 120_000)

  it('a publish interrupted between its snapshot and its job row: after recovery the live row, its versions, snapshot and webhook delivery are all as before, and a retry publishes once', async () => {
    const article = await publishArticle('Astana talks: the joint statement')
    expect(await deliverQueued(article.id)).toHaveLength(1)
    const before = await publishState(article.id)
    expect(before).toMatchObject({
      title: 'Astana talks: the joint statement',
      status: 'published',
      publishedVersions: 1,
      snapshotTitles: ['Astana talks: the joint statement'],
      deliveries: [{ event: 'article.published', status: 'delivered' }],
      queuedJobs: 0,
    })

    const newTitle = 'Astana talks: the joint statement in full'
    seenAtFault = undefined
    await expect(
      payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: newTitle },
        context: { faultPoint: 'between the snapshot and the job row' },
      }),
      // The next statement after the stop was the job's insert.
    ).rejects.toThrow(/insert into "payload_jobs"/)
    // The database stopped when the publish had written its version, its new snapshot and its
    // delivery record, inside its transaction, and not yet the delivery's job.
    expect(seenAtFault).toMatchObject({
      point: 'between the snapshot and the job row',
      publishedVersions: 2,
      snapshotTitles: [newTitle],
      delivery: { jobs: 0 },
      publishedVersionsOutside: 1,
    })
    await startDatabase()

    // All as before: the old title, version and snapshot, and no delivery without its job.
    expect(await publishState(article.id)).toEqual(before)
    const [lost] = await stored<{ count: number }>(
      'select count(*)::int as count from webhook_deliveries where id = $1',
      [seenAtFault!.delivery!.id],
    )
    expect(lost!.count).toBe(0)
    await deliveriesAndJobsAgree()

    await eventually(() =>
      payload.update({ collection: 'articles', id: article.id, data: { title: newTitle }, depth: 0 }),
    )
    const after = await publishState(article.id)
    expect(after).toMatchObject({
      title: newTitle,
      status: 'published',
      latestVersion: { status: 'published' },
      publishedVersions: 2,
      snapshotTitles: [newTitle],
      deliveries: [
        { event: 'article.published', status: 'delivered' },
        { event: 'article.published', status: 'pending' },
      ],
      queuedJobs: 1,
    })
    await deliveriesAndJobsAgree()
    const posts = await deliverQueued(article.id)
    expect(posts).toEqual([
      { delivery: String(after.deliveries[1]!.id), event: 'article.published', articleId: String(article.id) },
    ])
  }, 120_000)
})
