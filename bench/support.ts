/**
 * What the benchmarks share: a database to run on, the baseline collections (the plugin's fields
 * without the plugin), the demo-sized article, timing and output helpers, the production server.
 */
import type { CollectionConfig, Config, Field, Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'

import { articlesCollection } from '../src/collections/Articles.ts'
import { jointStatementsCollection } from '../src/collections/JointStatements.ts'
import { participantsCollection } from '../src/collections/Participants.ts'
import { photosCollection } from '../src/collections/Photos.ts'
import { startEmbeddedPostgres, temporaryDataDir } from '../src/db/embeddedPostgres.ts'
import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { newsroomPlugin, type NewsroomPluginOptions } from '../src/plugins/newsroom/index.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const smoke = process.argv.includes('--smoke')

export const BASELINE_SLUGS = {
  articles: 'bare-articles',
  photos: 'bare-photos',
  participants: 'bare-participants',
  jointStatements: 'bare-statements',
} as const

// ---------------------------------------------------------------------------------------------
// Database

export interface BenchDatabase {
  uri: string
  serverUri: string
  /** Whether the server is an embedded one this run started (and stopping it deletes it). */
  embedded: boolean
  /** Another database on the same server. */
  create: (name: string) => Promise<string>
  stop: () => Promise<void>
}

/** A fresh database on DATABASE_URI's server, or on an embedded PostgreSQL when it is unset. */
export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URI
  const server = external
    ? undefined
    : await startEmbeddedPostgres({ dataDir: temporaryDataDir(`newsroom-bench-${label}-`), persistent: false })
  const serverUri = external ?? server!.serverUri
  const created: string[] = []
  const create = async (name: string) => {
    const admin = new pg.Client({ connectionString: serverUri })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    await admin.end()
    created.push(name)
    const url = new URL(serverUri)
    url.pathname = `/${name}`
    return url.toString()
  }
  const uri = await create(`newsroom_bench_${label}_${Date.now()}`)
  return {
    uri,
    serverUri,
    embedded: !external,
    create,
    stop: async () => {
      if (server) return server.stop()
      // On a shared server the bench's databases are dropped; an embedded one goes away whole.
      const admin = new pg.Client({ connectionString: serverUri })
      await admin.connect()
      for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`)
      await admin.end()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Baseline collections: the same fields, no plugin

/** A field as data: no hooks, custom validation, access or admin components, which are the plugin's behaviour. */
function plainField(field: Field): Field | undefined {
  if (field.type === 'ui' || ('virtual' in field && field.virtual)) return undefined
  const plain = { ...field } as Record<string, unknown>
  delete plain.hooks
  delete plain.validate
  delete plain.access
  if (plain.admin && typeof plain.admin === 'object')
    plain.admin = { ...(plain.admin as object), components: undefined, condition: undefined }
  if (Array.isArray(plain.fields)) plain.fields = plainFields(plain.fields as Field[])
  if (Array.isArray(plain.tabs))
    plain.tabs = (plain.tabs as { fields: Field[] }[]).map((tab) => ({ ...tab, fields: plainFields(tab.fields) }))
  return plain as unknown as Field
}

const plainFields = (fields: Field[]): Field[] =>
  fields.map(plainField).filter((field): field is Field => Boolean(field))

/** A collection as Payload would run it without the plugin: its fields, drafts and uploads, default access, no hooks or endpoints. */
function bare(collection: CollectionConfig): CollectionConfig {
  const { slug, fields, versions, upload: uploadConfig, labels } = collection
  return {
    slug,
    labels,
    fields: plainFields(fields),
    versions,
    ...(uploadConfig ? { upload: { ...(uploadConfig as object), adminThumbnail: undefined } } : {}),
    admin: { group: 'Benchmark baseline' },
  }
}

export function baselineCollections(mediaDir: string): CollectionConfig[] {
  const options = resolveOptions({ slugs: BASELINE_SLUGS, photos: { staticDir: path.join(mediaDir, 'bare') } })
  return [
    participantsCollection(options),
    photosCollection(options),
    jointStatementsCollection(options),
    articlesCollection(options),
  ].map(bare)
}

/** Payload with the plugin and, beside it, the baseline collections, on one database. */
export async function startBenchPayload(
  databaseUri: string,
  pluginOptions: NewsroomPluginOptions = {},
): Promise<{ payload: Payload; config: Awaited<ReturnType<typeof buildConfig>>; mediaDir: string }> {
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-media-'))
  const configInput: Config = {
    secret: 'bench-secret-that-is-long-enough-for-payload',
    db: postgresAdapter({ pool: { connectionString: databaseUri, max: 10 } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'warn' } },
    collections: baselineCollections(mediaDir),
    plugins: [newsroomPlugin({ ...pluginOptions, photos: { staticDir: mediaDir } })],
    jobs: { autoRun: [] },
  }
  const config = await buildConfig(configInput)
  // The default instance: Payload's REST route handlers, given the same config, find it.
  const payload = await getPayload({ config })
  return { payload, config, mediaDir }
}

export async function stopPayload(payload: Payload) {
  await payload.destroy()
  // Stopping the database server ends the pool's sessions; that is expected here.
  ;(payload.db as unknown as { pool: { on: (event: 'error', listener: () => void) => void } }).pool.on(
    'error',
    () => {},
  )
}

// ---------------------------------------------------------------------------------------------
// The demo-sized article: 10 photos, 10 quotes, 6 participants, 1 statement

export const STATEMENT_LINES = [
  'The parties reaffirmed their strong commitment to the sovereignty, independence, unity and territorial integrity of the Syrian Arab Republic.',
  'They emphasized that these principles should be universally respected and complied with.',
  'They agreed to hold the next meeting in due course.',
]

const PARTICIPANTS = [
  { name: 'Republic of Kazakhstan', shortName: 'Kazakhstan', kind: 'state', country: 'KZ', wikidataId: 'Q232' },
  { name: 'Russian Federation', shortName: 'Russia', kind: 'state', country: 'RU', wikidataId: 'Q159' },
  { name: 'Islamic Republic of Iran', shortName: 'Iran', kind: 'state', country: 'IR', wikidataId: 'Q794' },
  { name: 'Republic of Türkiye', shortName: 'Türkiye', kind: 'state', country: 'TR', wikidataId: 'Q43' },
  { name: 'Syrian Arab Republic', shortName: 'Syria', kind: 'state', country: 'SY', wikidataId: 'Q858' },
  { name: 'United Nations', shortName: 'UN', kind: 'international-organization', wikidataId: 'Q1065' },
]
const MINISTRY = {
  name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
  shortName: 'Kazakh Foreign Ministry',
  aliases: ['Ministry of Foreign Affairs'],
  kind: 'ministry',
  country: 'KZ',
}

export type Slugs = { articles: string; photos: string; participants: string; jointStatements: string }

/** Creates a document (with a file for uploads) and returns it: through the Local API or over REST. */
export type Creator = (
  collection: string,
  data: Record<string, unknown>,
  file?: { data: Buffer; name: string },
) => Promise<{ id: number; slug?: string }>

export const localCreator =
  (payload: Payload, user?: Record<string, unknown>): Creator =>
  async (collection, data, file) =>
    (await payload.create({
      collection: collection as 'articles',
      data: data as never,
      overrideAccess: true,
      ...(user ? { user } : {}),
      ...(file ? { file: { data: file.data, mimetype: 'image/jpeg', name: file.name, size: file.data.length } } : {}),
    })) as unknown as { id: number; slug?: string }

export const restCreator =
  (apiUrl: string, token: string): Creator =>
  async (collection, data, file) => {
    const headers: Record<string, string> = { Authorization: `JWT ${token}` }
    let body: string | FormData
    if (file) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(file.data)], { type: 'image/jpeg' }), file.name)
      form.append('_payload', JSON.stringify(data))
      body = form
    } else {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(data)
    }
    const response = await fetch(`${apiUrl}/${collection}`, { method: 'POST', headers, body })
    const json = (await response.json()) as { doc?: { id: number; slug?: string } }
    if (!response.ok || !json.doc)
      throw new Error(`POST ${collection} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`)
    return json.doc
  }

/**
 * Creates an article with `photoCount` credited handout photos and as many quotations of the
 * statement, 6 participants with roles and 1 statement; published.
 */
export async function createArticle(create: Creator, slugs: Slugs, photoCount: number, label: string) {
  const participant = (data: Record<string, unknown>) => create(slugs.participants, { ...data, _status: 'published' })
  const participants = [] as { id: number }[]
  for (const data of PARTICIPANTS)
    participants.push(
      await participant({ ...data, slug: `${label}-${data.shortName}`.toLowerCase().replace(/[^a-z0-9]+/g, '-') }),
    )
  const ministry = await participant({ ...MINISTRY, parent: participants[0]!.id, slug: `${label}-mfa` })
  const statement = await create(slugs.jointStatements, {
    title: `Joint statement ${label}`,
    slug: `${label}-statement`,
    issuedOn: '2023-06-21T00:00:00.000Z',
    signatories: participants.slice(1, 4).map((p) => p.id),
    text: doc(...STATEMENT_LINES.map((line) => paragraph(line))),
    _status: 'published',
  })
  const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#335577' } })
    .jpeg()
    .toBuffer()
  const photos = [] as { id: number }[]
  for (let i = 0; i < photoCount; i += 1) {
    photos.push(
      await create(
        slugs.photos,
        {
          alt: `Delegations in Astana ${label} ${i}`,
          caption: `Talks in Astana, picture ${i + 1}.`,
          credit: { line: 'Ministry of Foreign Affairs', kind: 'handout', issuer: ministry.id, distributable: true },
        },
        { data: jpeg, name: `${label}-${i}.jpg` },
      ),
    )
  }
  const roles = ['host', 'guarantor', 'guarantor', 'guarantor', 'party', 'observer'] as const
  const article = await create(slugs.articles, articleData(slugs, label, photos, participants, statement, roles))
  return { article: article as { id: number; slug: string }, photos, participants, statement, ministry }
}

function articleData(
  slugs: Slugs,
  label: string,
  photos: { id: number }[],
  participants: { id: number }[],
  statement: { id: number },
  roles: readonly string[],
) {
  const body = doc(
    ...photos.flatMap((photo, i) => [
      paragraph(`Paragraph ${i + 1} of the report from Astana, between a photo and a quotation.`),
      upload(slugs.photos, photo.id),
      quote({
        text: 'should be universally respected and complied with',
        attributedTo: { relationTo: slugs.jointStatements, value: statement.id },
        manner: 'joint-statement',
      }),
    ]),
  )
  return {
    title: `Kazakhstan ends the Astana talks (${label})`,
    slug: `${label}-astana-talks-end`,
    dateline: 'ASTANA',
    byline: 'Diplomacy desk',
    summary: 'The talks on Syria end after their 20th round.',
    heroPhoto: photos[0]?.id,
    body,
    participants: participants.map((p, i) => ({ participant: p.id, role: roles[i]! })),
    statements: [statement.id],
    _status: 'published',
  }
}

// ---------------------------------------------------------------------------------------------
// Timing and output

export interface Summary {
  runs: number
  opsPerSecond: number
  p50: number
  p99: number
  mean: number
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length
  return {
    runs: sorted.length,
    opsPerSecond: +(1000 / mean).toFixed(1),
    p50: +at(0.5).toFixed(3),
    p99: +at(0.99).toFixed(3),
    mean: +mean.toFixed(3),
  }
}

/**
 * Runs every case once per round, in turn, so all see the same machine load; the first rounds
 * warm up and are not counted.
 */
export async function interleaved(
  cases: Record<string, () => Promise<unknown>>,
  rounds: number,
  warmup: number,
): Promise<Record<string, Summary>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
  for (let round = 0; round < rounds + warmup; round += 1) {
    for (const [name, run] of Object.entries(cases)) {
      const started = performance.now()
      await run()
      const elapsed = performance.now() - started
      if (round >= warmup) samples[name]!.push(elapsed)
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarize(values)]))
}

export const machine = () => ({
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  database: process.env.DATABASE_URI ? 'PostgreSQL from DATABASE_URI' : 'embedded PostgreSQL 17',
})

export function writeResult(name: string, result: unknown) {
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
  const out = path.join(root, 'bench/results', `${name}${smoke ? '-smoke' : ''}.json`)
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
  console.log(`written to ${path.relative(root, out)}`)
}

export interface CapturedSql {
  text: string
  values: unknown[]
}

/** Records every statement any client of this process sends to PostgreSQL while `work` runs. */
export async function captureStatements<T>(work: () => Promise<T>): Promise<{ statements: CapturedSql[]; result: T }> {
  const statements: CapturedSql[] = []
  const original = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string; values?: unknown[] }
    const text = typeof config === 'string' ? config : (config?.text ?? '')
    const values = (Array.isArray(args[1]) ? args[1] : typeof config === 'object' ? config?.values : undefined) ?? []
    statements.push({ text, values: [...values] })
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    return { statements, result: await work() }
  } finally {
    pg.Client.prototype.query = original
  }
}

/** How many statements `work` sends to PostgreSQL. */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ count: number; result: T }> {
  const { statements, result } = await captureStatements(work)
  return { count: statements.length, result }
}

// ---------------------------------------------------------------------------------------------
// The production server

export async function freePort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

/**
 * The CMS as it runs in production (`npm run build && npm start`, Next.js), in its own process on
 * `databaseUri`, which its migrations set up. Builds first unless `--no-build` is given and a
 * build exists.
 */
export async function startProductionServer(
  databaseUri: string,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const env = {
    ...process.env,
    DATABASE_URI: databaseUri,
    PORT: String(port),
    NEWSROOM_DEMO: '0',
    PAYLOAD_SECRET: 'bench-production-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    MEDIA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-server-media-')),
  }
  if (!process.argv.includes('--no-build') || !fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    console.error('building the production server (npm run build)…')
    await runNode(['--import', 'tsx', 'scripts/launch.ts', 'build'], env)
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group: stopping it stops Next.js under the launcher too.
    detached: true,
  })
  const origin = `http://127.0.0.1:${port}`
  for (let i = 0; ; i += 1) {
    try {
      const response = await fetch(`${origin}/api/articles?limit=1`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (i === 119) {
      process.kill(-child.pid!, 'SIGTERM')
      throw new Error('the production server did not answer within a minute')
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return {
    origin,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    },
  }
}
