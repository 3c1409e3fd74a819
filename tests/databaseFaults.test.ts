import type { CollectionBeforeChangeHook, Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import fs from 'node:fs'
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
        overrides: {
          articles: { hooks: { beforeChange: [stopDatabaseWhenAsked] } },
          photos: { hooks: { beforeChange: [stopDatabaseWhenAsked] } },
        },
      }),
    ],
  })
  // The default instance: the REST route handlers, given the same config, use it.
  payload = await getPayload({ config })
  rest = new RestClient(config)
}, 120_000)

afterAll(async () => {
  await payload?.destroy().catch(() => {})
  await stopDatabase().catch(() => {})
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
