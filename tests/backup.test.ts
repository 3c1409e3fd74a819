import type { Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { backup, restore } from '../scripts/backup.ts'
import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import { PUBLISHED_ARTICLE_SLUG } from '../src/demo/demoContent.ts'
import { createTestDatabase, testServerUri } from './helpers/database.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/** pg_dump refuses a server newer than itself; the test runs where the tools can back the server up. */
async function toolsFitServer(): Promise<{ ok: boolean; why: string }> {
  let tools: number
  try {
    tools = Number(/(\d+)/.exec(execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }))![1])
  } catch {
    return { ok: false, why: 'pg_dump is not installed (Debian package postgresql-client)' }
  }
  const client = new pg.Client({ connectionString: await testServerUri() })
  await client.connect()
  const server = Math.floor(
    Number(
      (await client.query<{ server_version_num: string }>('show server_version_num')).rows[0]!.server_version_num,
    ) / 10000,
  )
  await client.end()
  return tools >= server
    ? { ok: true, why: '' }
    : {
        ok: false,
        why: `pg_dump ${tools} cannot back up a PostgreSQL ${server} server; this test runs against a server of version ${tools} or older (CI runs it against the machine's PostgreSQL)`,
      }
}

const fit = await toolsFitServer()
if (!fit.ok) console.warn(`[backup] skipped: ${fit.why}`)

const TABLES = [
  'articles',
  '_articles_v',
  'articles_rels',
  'articles_participants',
  'photos',
  'participants',
  'joint_statements',
  '_joint_statements_v',
  'article_snapshots',
  'users',
]

async function counts(uri: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    const result: Record<string, number> = {}
    for (const table of TABLES)
      result[table] = Number((await client.query<{ count: string }>(`select count(*) from "${table}"`)).rows[0]!.count)
    return result
  } finally {
    await client.end()
  }
}

describe.skipIf(!fit.ok)('backup and restore', () => {
  let app: TestApp
  let folder: string
  let restoredMedia: string
  let restored: Payload | undefined

  beforeAll(async () => {
    app = await startTestApp('backup_source', { seed: true })
    // Some history: a second version of the published article.
    const { docs } = await app.payload.find({
      collection: 'articles',
      where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
      depth: 0,
    })
    await app.payload.update({
      collection: 'articles',
      id: docs[0]!.id,
      data: { summary: 'Updated before the backup.' },
      draft: true,
    })
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-backup-'))
    restoredMedia = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-restored-media-'))
  }, 120_000)

  afterAll(async () => {
    await restored?.destroy().catch(() => {})
    await app?.close()
    fs.rmSync(folder, { recursive: true, force: true })
    fs.rmSync(restoredMedia, { recursive: true, force: true })
  })

  it('restores into a fresh database with every article, version and photo intact', async () => {
    const before = await counts(app.databaseUri)
    expect(before.articles).toBeGreaterThan(0)
    expect(before.photos).toBeGreaterThan(0)
    const written = backup(folder, { DATABASE_URI: app.databaseUri, MEDIA_DIR: app.mediaDir })
    expect(written.files).toBe(fs.readdirSync(app.mediaDir).length)

    const target = await createTestDatabase('backup_restored')
    restore(folder, { DATABASE_URI: target.uri, MEDIA_DIR: restoredMedia })
    expect(await counts(target.uri)).toEqual(before)

    // The restored database and files, opened by the app.
    const config = await buildConfig({
      secret: 'restored-app-secret',
      db: postgresAdapter({ pool: { connectionString: target.uri } }),
      editor: lexicalEditor(),
      sharp,
      logger: { options: { level: 'warn' } },
      plugins: [newsroomPlugin({ photos: { staticDir: restoredMedia } })],
    })
    restored = await getPayload({ config, key: 'restored' } as Parameters<typeof getPayload>[0])
    const { docs: articles } = await restored.find({
      collection: 'articles',
      where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
      draft: true,
      depth: 2,
    })
    expect(articles[0]!.summary).toBe('Updated before the backup.')
    const versions = await restored.findVersions({
      collection: 'articles',
      where: { parent: { equals: articles[0]!.id } },
      pagination: false,
    })
    expect(versions.docs.length).toBeGreaterThan(1)
    const photos = await restored.find({ collection: 'photos', pagination: false, depth: 0 })
    expect(photos.docs.length).toBe(before.photos)
    for (const photo of photos.docs) {
      expect(fs.existsSync(path.join(restoredMedia, String(photo.filename))), String(photo.filename)).toBe(true)
      for (const size of Object.values(photo.sizes ?? {}))
        if (size?.filename) expect(fs.existsSync(path.join(restoredMedia, size.filename))).toBe(true)
    }
    const snapshot = await restored.find({
      collection: 'article-snapshots',
      where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
      overrideAccess: true,
    })
    expect(JSON.parse(String(snapshot.docs[0]!.document)).heroPhoto.credit.line).toBeTruthy()
  }, 180_000)
})
