/**
 * Whether archive reads stay flat as the archive grows.
 *
 *   node --import tsx bench/archive.ts           # 1,000 then 100,000 articles (200,000 photos), 200 rounds
 *   node --import tsx bench/archive.ts --smoke   # 200 then 2,000 articles, 20 rounds: only checks the harness
 *
 * A handful of documents (participants, a joint statement, one uploaded photo) go through the Local
 * API; the archive itself is written with plain SQL in batches, in the shape Payload stores it. The
 * archive grows in two stages within one run; after each, the three reads a public frontend makes
 * are timed through the Local API as an anonymous reader (what a REST call runs): the latest
 * published articles, one article by slug, and the articles citing one participant.
 *
 * At the large size every SQL statement those reads send is run again under EXPLAIN (ANALYZE,
 * BUFFERS), and the indexes listed in INDEX_CANDIDATES are then created by hand, one after the
 * other, with the reads timed again after each, to show what each would change.
 */
import type { Payload, Where } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import sharp from 'sharp'

import { FEW_CITATIONS, participantArticlesQuery } from '../src/delivery/publicRead.ts'
import { DEFAULT_DELIVERY_TABLES } from '../src/deliveryServer/options.ts'
import { SNAPSHOT_RENDERER_VERSION } from '../src/delivery/snapshots.ts'
import { type BenchDatabase, benchDatabase, type CapturedSql, captureStatements } from './support.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const smoke = process.argv.includes('--smoke')
const sizes = smoke ? { small: 200, large: 2_000 } : { small: 1_000, large: 100_000 }
const rounds = smoke ? 20 : 200
const warmups = smoke ? 10 : 50
const batchSize = smoke ? 500 : 5_000
/** Leaves the bench database in place (and the embedded server running until Enter) to look at plans by hand. */
const keep = process.argv.includes('--keep')

const PHOTOS_PER_ARTICLE = 2
const PARTICIPANT_COUNT = 20
/** Share of the articles citing the participant the third query asks for. */
const X_SHARE = 0.05
/** Participant Y, cited rarely as most participants are: by article 1, 5,001, 10,001, … (1 at 1k, 20 at 100k). */
const Y_EVERY = 5_000
const PUBLISHED_SHARE = 0.9
const STATEMENT_SHARE = 0.1
const FIRST_PUBLICATION = Date.UTC(2017, 0, 1)
const LAST_PUBLICATION = Date.UTC(2025, 11, 31)
/** Tables that hold one row or more per article or photo; a sequential scan on one of them grows with the archive. */
const LARGE_TABLES = new Set([
  'articles',
  'articles_rels',
  'articles_participants',
  'articles_texts',
  'photos',
  'article_snapshots',
  'article_snapshots_rels',
])

/**
 * Indexes tried by hand at the large size, in this order and on top of each other. Each names the
 * Payload configuration that would create it, so that a result can be turned into a change of the
 * collection (or, where no field option reaches the table, of the database adapter). The two this
 * benchmark showed were missing — `articles (_status, published_at)` and `articles_texts
 * (parent_id)` — are now part of the plugin's schema; what is left here was tried and not adopted.
 */
const INDEX_CANDIDATES: {
  name: string
  sql: string
  /** Left in place for the candidates after it; otherwise measured on top of the others, then dropped again. */
  keep: boolean
  payloadConfig: string
  reason: string
}[] = [
  {
    name: 'articles_rels (parent_id, path, participants_id)',
    sql: 'create index articles_rels_parent_path_participants_idx on articles_rels (parent_id, path, participants_id)',
    keep: false,
    payloadConfig: 'The adapter’s afterSchemaInit hook (as the plugin does for articles_texts), or a migration.',
    reason:
      'The participant listing checks, article by article from the newest, whether a rels row links it to the participant; with the three columns in one index that check reads the index alone, not the rels rows.',
  },
  {
    name: 'articles_rels (path, participants_id)',
    sql: 'create index articles_rels_path_participants_idx on articles_rels (path, participants_id)',
    // tried and dropped: neither PostgreSQL 15 nor 17 used it, participants_id alone is more selective and `path like` stays a filter
    keep: false,
    payloadConfig:
      'No field option makes a compound index on a `_rels` table (`index: true` on participantsCited gives the single-column participants_id index that exists already); ' +
      'only the adapter’s afterSchemaInit hook or a migration can add it.',
    reason:
      'The participant filter joins articles_rels on parent_id with `path like ’participantsCited’ and participants_id in (X)`.',
  },
]

const ROLES = ['host', 'guarantor', 'party', 'observer', 'mediator', 'other'] as const
const TAGS = [
  'Syria',
  'Astana format',
  'Kazakhstan',
  'Caspian',
  'OSCE',
  'Central Asia',
  'Energy',
  'Trade',
  'Security',
  'Climate',
  'Water',
  'Transport',
]
const DATELINES = ['ASTANA', 'ALMATY', 'GENEVA', 'VIENNA', 'NEW YORK', 'ANKARA', 'TEHRAN', 'MOSCOW', 'BAKU', 'TASHKENT']

// ---------------------------------------------------------------------------------------------
// small helpers

const count = (n: number) => n.toLocaleString('en-US')
const sizeLabel = (n: number) => (n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n))
const round = (n: number, digits = 2) => +n.toFixed(digits)

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** A deterministic generator of numbers in [0, 1) for one article, independent of the batch it lands in. */
function randomFor(seed: number): () => number {
  let state = seed >>> 0
  state = Math.imul(state ^ (state >>> 16), 0x7feb352d) >>> 0
  state = Math.imul(state ^ (state >>> 15), 0x846ca68b) >>> 0
  state = (state ^ (state >>> 16)) >>> 0 || 0x6d2b79f5
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 2 ** 32
  }
}

function progress(done: number, total: number, what: string) {
  const width = 30
  const filled = Math.round((width * done) / Math.max(total, 1))
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count(done)} / ${count(total)} ${what}`,
  )
  if (done >= total) process.stderr.write('\n')
}

const lexical = (text: string) => ({
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [{ type: 'text', text, version: 1 }],
        direction: null,
        format: '',
        indent: 0,
        version: 1,
      },
    ],
    direction: null,
    format: '',
    indent: 0,
    version: 1,
  },
})

// ---------------------------------------------------------------------------------------------
// the archive, as rows

interface Seeds {
  participantIds: number[]
  /** The participant the third query asks for. */
  participantX: number
  /** The participant cited by one article in `Y_EVERY`. */
  participantY: number
  statementId: number
  templatePhotoId: number
  templateStem: string
  /** Highest ids before the bulk load; bulk rows take the ids that follow. */
  articleBase: number
  photoBase: number
}

interface Batch {
  articles: {
    id: number[]
    title: string[]
    dateline: string[]
    byline: string[]
    summary: string[]
    hero: number[]
    body: string[]
    slug: string[]
    publishedAt: (string | null)[]
    createdAt: string[]
    status: string[]
  }
  photos: { id: number[]; stem: string[]; alt: string[]; caption: string[]; createdAt: string[] }
  participants: { order: number[]; parent: number[]; id: string[]; participant: number[]; role: string[] }
  rels: {
    order: number[]
    parent: number[]
    path: string[]
    statement: (number | null)[]
    photo: (number | null)[]
    participant: (number | null)[]
  }
  texts: { order: number[]; parent: number[]; path: string[]; text: string[] }
}

function emptyBatch(): Batch {
  return {
    articles: {
      id: [],
      title: [],
      dateline: [],
      byline: [],
      summary: [],
      hero: [],
      body: [],
      slug: [],
      publishedAt: [],
      createdAt: [],
      status: [],
    },
    photos: { id: [], stem: [], alt: [], caption: [], createdAt: [] },
    participants: { order: [], parent: [], id: [], participant: [], role: [] },
    rels: { order: [], parent: [], path: [], statement: [], photo: [], participant: [] },
    texts: { order: [], parent: [], path: [], text: [] },
  }
}

/** Adds article number `n` (1-based, in load order) with its photos, participants, references and tags. */
function addArticle(batch: Batch, n: number, seeds: Seeds) {
  const random = randomFor(n * 7919 + 17)
  const id = seeds.articleBase + n
  const published = random() < PUBLISHED_SHARE
  // Spread over the whole window at every size: the small archive is a sparse version of the large one.
  const date = new Date(FIRST_PUBLICATION + Math.floor(random() * (LAST_PUBLICATION - FIRST_PUBLICATION))).toISOString()
  const dateline = DATELINES[Math.floor(random() * DATELINES.length)]!
  const a = batch.articles
  a.id.push(id)
  a.title.push(`Archive story ${n}: talks resume in ${dateline.toLowerCase()}`)
  a.dateline.push(dateline)
  a.byline.push('Diplomacy desk')
  a.summary.push(`Summary of archive story ${n}.`)
  a.body.push(JSON.stringify(lexical(`Body of archive story ${n}, filed from ${dateline}.`)))
  a.slug.push(`archive-story-${n}`)
  // A draft that was never published has no publication date (setPublishedAt stamps it on first publish).
  a.publishedAt.push(published ? date : null)
  a.createdAt.push(date)
  a.status.push(published ? 'published' : 'draft')

  const photoIds: number[] = []
  for (let k = 0; k < PHOTOS_PER_ARTICLE; k += 1) {
    const photoId = seeds.photoBase + (n - 1) * PHOTOS_PER_ARTICLE + k + 1
    photoIds.push(photoId)
    batch.photos.id.push(photoId)
    batch.photos.stem.push(`archive-photo-${photoId}`)
    batch.photos.alt.push(`Delegations at the talks, photo ${photoId}`)
    batch.photos.caption.push(`Archive photo ${photoId}.`)
    batch.photos.createdAt.push(date)
  }
  a.hero.push(photoIds[0]!)

  const others = seeds.participantIds.filter((p) => p !== seeds.participantX && p !== seeds.participantY)
  const cited: number[] = []
  if (random() < X_SHARE) cited.push(seeds.participantX)
  if (n % Y_EVERY === 1) cited.push(seeds.participantY)
  const wanted = random() < 0.5 ? 2 : 3
  while (cited.length < wanted) {
    const pick = others[Math.floor(random() * others.length)]!
    if (!cited.includes(pick)) cited.push(pick)
  }
  cited.forEach((participant, index) => {
    batch.participants.order.push(index + 1)
    batch.participants.parent.push(id)
    // array row ids are 24 hex characters, like the ones Payload makes
    batch.participants.id.push(id.toString(16).padStart(20, '0') + index.toString(16).padStart(4, '0'))
    batch.participants.participant.push(participant)
    batch.participants.role.push(ROLES[Math.floor(random() * ROLES.length)]!)
  })

  const rel = (path: string, order: number, ref: { statement?: number; photo?: number; participant?: number }) => {
    batch.rels.order.push(order)
    batch.rels.parent.push(id)
    batch.rels.path.push(path)
    batch.rels.statement.push(ref.statement ?? null)
    batch.rels.photo.push(ref.photo ?? null)
    batch.rels.participant.push(ref.participant ?? null)
  }
  photoIds.forEach((photo, index) => rel('photosUsed', index + 1, { photo }))
  cited.forEach((participant, index) => rel('participantsCited', index + 1, { participant }))
  if (random() < STATEMENT_SHARE) {
    rel('statements', 1, { statement: seeds.statementId })
    rel('statementsCited', 1, { statement: seeds.statementId })
  }

  const tags = Math.floor(random() * 4) // 0–3 tags
  const first = Math.floor(random() * TAGS.length)
  for (let k = 0; k < tags; k += 1) {
    batch.texts.order.push(k + 1)
    batch.texts.parent.push(id)
    batch.texts.path.push('tags')
    batch.texts.text.push(TAGS[(first + k) % TAGS.length]!)
  }
}

/** The columns a table must have for the inserts below; fails clearly if Payload's schema differs. */
async function requireColumns(client: pg.Client, table: string, columns: string[]): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    'select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position',
    [table],
  )
  const present = rows.map((row) => row.column_name)
  const missing = columns.filter((column) => !present.includes(column))
  if (missing.length)
    throw new Error(`Table ${table} lacks the column(s) ${missing.join(', ')}; the bench's inserts need updating.`)
  return present
}

/** Inserts one batch, photos first (articles point at them), in one transaction. Returns the number of rows. */
async function insertBatch(client: pg.Client, batch: Batch, seeds: Seeds, photoColumns: string[]): Promise<number> {
  const { articles: a, photos: p, participants: ap, rels: r, texts: t } = batch
  // File columns (filename, url, every size's filename and url) are the template photo's with its
  // name replaced; the rest of the file and credit columns are copied from it as they are.
  const given: Record<string, string> = {
    id: 'n.id',
    alt: 'n.alt',
    caption: 'n.caption',
    created_at: 'n.created_at',
    updated_at: 'n.created_at',
  }
  const fileColumn = /(^|_)(filename|url|u_r_l)$/
  const expressions = photoColumns.map(
    (column) => given[column] ?? (fileColumn.test(column) ? `replace(t."${column}", $6, n.stem)` : `t."${column}"`),
  )
  await client.query('begin')
  await client.query(
    `insert into photos (${photoColumns.map((c) => `"${c}"`).join(', ')})
     select ${expressions.join(', ')}
     from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as n(id, stem, alt, caption, created_at)
     cross join (select * from photos where id = $7) t`,
    [p.id, p.stem, p.alt, p.caption, p.createdAt, seeds.templateStem, seeds.templatePhotoId],
  )
  await client.query(
    `insert into articles (id, title, dateline, byline, summary, hero_photo_id, body, slug, published_at, updated_at, created_at, _status)
     select id, title, dateline, byline, summary, hero, body::jsonb, slug, published_at, created_at, created_at, status::enum_articles_status
     from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[])
       as n(id, title, dateline, byline, summary, hero, body, slug, published_at, created_at, status)`,
    [a.id, a.title, a.dateline, a.byline, a.summary, a.hero, a.body, a.slug, a.publishedAt, a.createdAt, a.status],
  )
  await client.query(
    `insert into articles_participants (_order, _parent_id, id, participant_id, role)
     select "order", parent, id, participant, role::enum_articles_participants_role
     from unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[]) as n("order", parent, id, participant, role)`,
    [ap.order, ap.parent, ap.id, ap.participant, ap.role],
  )
  await client.query(
    `insert into articles_rels ("order", parent_id, path, joint_statements_id, photos_id, participants_id)
     select * from unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[])`,
    [r.order, r.parent, r.path, r.statement, r.photo, r.participant],
  )
  await client.query(
    `insert into articles_texts ("order", parent_id, path, text)
     select * from unnest($1::int[], $2::int[], $3::text[], $4::text[])`,
    [t.order, t.parent, t.path, t.text],
  )
  // The published articles' snapshots, as the plugin keeps them for public lists: what lists show,
  // and the participants each cites. The stored forms are stand-ins; no read here serves them.
  await client.query(
    `insert into article_snapshots (article_id, slug, etag, published_at, renderer_version, document, json_ld, html, title, summary, dateline, surrogate_keys)
     select id, slug, md5(id::text), published_at, $2, '{}', '{}', '', title, summary, dateline, 'article-' || id
     from articles where id = any($1::int[]) and _status = 'published'`,
    [a.id, SNAPSHOT_RENDERER_VERSION],
  )
  await client.query(
    `insert into article_snapshots_rels ("order", parent_id, path, participants_id)
     select r."order", s.id, 'participants', r.participants_id
     from articles_rels r join article_snapshots s on s.article_id = r.parent_id
     where r.parent_id = any($1::int[]) and r.path = 'participantsCited'`,
    [a.id],
  )
  await client.query('commit')
  return a.id.length + p.id.length + ap.id.length + r.parent.length + t.parent.length
}

/** Grows the archive from `from` to `to` articles. */
async function loadArticles(client: pg.Client, seeds: Seeds, from: number, to: number) {
  const photoColumns = await requireColumns(client, 'photos', [
    'id',
    'filename',
    'alt',
    'caption',
    'created_at',
    'updated_at',
  ])
  await requireColumns(client, 'articles', [
    'id',
    'title',
    'dateline',
    'byline',
    'summary',
    'hero_photo_id',
    'body',
    'slug',
    'published_at',
    'updated_at',
    'created_at',
    '_status',
  ])
  await requireColumns(client, 'articles_participants', ['_order', '_parent_id', 'id', 'participant_id', 'role'])
  await requireColumns(client, 'articles_rels', [
    'order',
    'parent_id',
    'path',
    'joint_statements_id',
    'photos_id',
    'participants_id',
  ])
  await requireColumns(client, 'articles_texts', ['order', 'parent_id', 'path', 'text'])

  const started = performance.now()
  let rows = 0
  progress(from, to, 'articles')
  for (let start = from; start < to; start += batchSize) {
    const end = Math.min(to, start + batchSize)
    const batch = emptyBatch()
    for (let n = start + 1; n <= end; n += 1) addArticle(batch, n, seeds)
    rows += await insertBatch(client, batch, seeds, photoColumns)
    progress(end, to, 'articles')
  }
  // ids were given explicitly; move the sequences past them so later inserts do not collide
  await client.query(`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`)
  await client.query(`select setval(pg_get_serial_sequence('photos', 'id'), (select max(id) from photos))`)
  const seconds = (performance.now() - started) / 1000
  return { articles: to - from, photos: (to - from) * PHOTOS_PER_ARTICLE, rows, seconds: round(seconds, 1) }
}

/** Brings statistics and the visibility map up to date, as autovacuum would have on a settled archive. */
async function settle(client: pg.Client) {
  const started = performance.now()
  await client.query(
    'vacuum (analyze) articles, articles_rels, articles_participants, articles_texts, photos, participants, joint_statements',
  )
  return round((performance.now() - started) / 1000, 1)
}

// ---------------------------------------------------------------------------------------------
// the reads, their statements and their plans

type Statement = CapturedSql

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Scan Direction'?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  'Sort Method'?: string
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  Plans?: PlanNode[]
}

interface PlanSummary {
  executionMs: number
  planningMs: number
  sharedBlocks: number
  /** Every table access: how, with which index, how many rows over how many loops. */
  accesses: string[]
  sorts: string[]
  seqScansOnLargeTables: string[]
  /** Index accesses to large tables that still read many rows, or many blocks for few rows. */
  heavyIndexScans: string[]
  usesIndexOnLargeTable: boolean
  /** A few words for the table: the accesses to large tables. */
  short: string
  /** The plan as EXPLAIN prints it. */
  text: string[]
}

const ACCESS_SHORT: Record<string, string> = {
  'Index Scan': 'Idx',
  'Index Only Scan': 'IdxOnly',
  'Bitmap Index Scan': 'Bitmap',
  'Seq Scan': 'SEQ SCAN',
}

/** An access to a large table that does work in proportion to the table, not to the page. */
const HEAVY_ROWS = 5_000
const HEAVY_BLOCKS_PER_LOOP = 100

function summarisePlan(
  json: { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number },
  text: string[],
): PlanSummary {
  const accesses: string[] = []
  const shortParts: string[] = []
  const sorts: string[] = []
  const seqScans: string[] = []
  const heavy: string[] = []
  let indexOnLarge = false
  // a bitmap index scan names the index, its heap scan parent names the table
  const visit = (node: PlanNode, parentTable?: string) => {
    const type = node['Node Type']
    const table = node['Relation Name'] ?? parentTable
    const loops = node['Actual Loops'] ?? 1
    const perLoop = node['Actual Rows'] ?? 0
    const filtered = node['Rows Removed by Filter'] ?? 0
    const blocksPerLoop = Math.round(((node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0)) / loops)
    const rows = `${count(perLoop)} rows${loops > 1 ? ` × ${count(loops)} loops` : ''}`
    const removed = filtered ? `, ${count(filtered)} filtered out${loops > 1 ? ' per loop' : ''}` : ''
    if (type in ACCESS_SHORT) {
      const backward = node['Scan Direction'] === 'Backward' ? ' Backward' : ''
      const index = node['Index Name'] ? ` using ${node['Index Name']}` : ''
      accesses.push(
        `${type}${backward}${index} on ${table ?? '?'} (${rows}${removed}, ${count(blocksPerLoop)} blocks${loops > 1 ? ' per loop' : ''})`,
      )
      if (table && LARGE_TABLES.has(table)) {
        // what grows with the archive: many rows read or thrown away, or many blocks for few rows
        const notes: string[] = []
        if ((perLoop + filtered) * loops >= HEAVY_ROWS)
          notes.push(
            `${count((perLoop + filtered) * loops)} rows read${filtered ? `, ${count(filtered * loops)} thrown away` : ''}`,
          )
        if (blocksPerLoop >= HEAVY_BLOCKS_PER_LOOP && blocksPerLoop > 5 * perLoop)
          notes.push(`${count(blocksPerLoop)} blocks for ${count(perLoop)} rows`)
        const where =
          type === 'Seq Scan'
            ? `SEQ SCAN ${table}`
            : `${ACCESS_SHORT[type]}${backward ? 'Bwd' : ''} ${node['Index Name']}`
        const label = `${where}${loops > 1 ? ` ×${count(loops)}` : ''}${notes.length ? ` [${notes.join('; ')}]` : ''}`
        shortParts.push(label)
        if (type === 'Seq Scan') seqScans.push(`${table} (${rows}${removed})`)
        else indexOnLarge = true
        if (notes.length && type !== 'Seq Scan') heavy.push(label)
      }
    }
    if (type === 'Sort' || type === 'Incremental Sort') sorts.push(`${type} (${node['Sort Method'] ?? '?'}) of ${rows}`)
    const heapTable = type === 'Bitmap Heap Scan' ? node['Relation Name'] : undefined
    for (const child of node.Plans ?? []) visit(child, heapTable ?? table)
  }
  visit(json.Plan)
  return {
    executionMs: round(json['Execution Time'], 3),
    planningMs: round(json['Planning Time'], 3),
    sharedBlocks: (json.Plan['Shared Hit Blocks'] ?? 0) + (json.Plan['Shared Read Blocks'] ?? 0),
    accesses,
    sorts,
    seqScansOnLargeTables: seqScans,
    heavyIndexScans: heavy,
    usesIndexOnLargeTable: indexOnLarge,
    short: [...new Set(shortParts)].join(' + ') || 'small tables only',
    text,
  }
}

/** What a statement is for, from its shape: a count, the page's ids, the page's rows, or a lookup. */
function describeStatement(text: string): string {
  const table = /\bfrom "([a-z_]+)"/.exec(text)?.[1] ?? '?'
  if (/^select count\(\*\)/i.test(text) || /COUNT\(1\) OVER\(\)/.test(text)) return `count ${table}`
  if (/^select distinct/i.test(text)) return `page ids ${table}`
  if (/^select "id" from/i.test(text)) return `published check ${table}`
  if (table === 'articles') return `page rows ${table}`
  return `populate ${table}`
}

interface CapturedStatement {
  kind: string
  /** How many times one call sent it. */
  times: number
  text: string
  values: unknown[]
  plan?: PlanSummary
}

/** The distinct statements one call sends, in order, with how often each was sent. */
function distinctStatements(statements: Statement[]): CapturedStatement[] {
  const byText = new Map<string, CapturedStatement>()
  for (const { text, values } of statements) {
    if (/^(begin|commit|rollback|savepoint|release)/i.test(text.trim())) continue
    const known = byText.get(text)
    if (known) known.times += 1
    else byText.set(text, { kind: describeStatement(text), times: 1, text, values })
  }
  return [...byText.values()]
}

async function explain(client: pg.Client, statement: Statement): Promise<PlanSummary> {
  const json = await client.query<{
    'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }]
  }>(`explain (analyze, buffers, format json) ${statement.text}`, statement.values)
  const text = await client.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${statement.text}`,
    statement.values,
  )
  return summarisePlan(
    json.rows[0]!['QUERY PLAN'][0],
    text.rows.map((row) => row['QUERY PLAN']),
  )
}

type RestGet = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

interface Read {
  key: string
  label: string
  run: () => Promise<{ docs: unknown[]; totalDocs: number }>
}

function reads(
  payload: Payload,
  slug: string,
  participants: Pick<Seeds, 'participantX' | 'participantY'>,
  restGet: RestGet,
  client: pg.Client,
): Read[] {
  const { participantX, participantY } = participants
  /**
   * The list's statement alone, as the endpoints send it, choosing its way by the count
   * (`FEW_CITATIONS`), or made to take one way: 0 always walks, Infinity always reads every citation.
   */
  const listStatement = (participant: number, fewCitations: number) => async () => {
    // Named, as the endpoints send it: PostgreSQL then plans it as a prepared statement.
    const { rows } = await client.query(
      participantArticlesQuery(DEFAULT_DELIVERY_TABLES, participant, null, 21, fewCitations),
    )
    return { docs: rows.slice(0, 20), totalDocs: rows.length }
  }
  const ALL = 2 ** 31 - 2
  const participantList = async (participant: number) => {
    const response = await restGet(new Request(`http://localhost/api/participants/${participant}/articles?limit=20`), {
      params: Promise.resolve({ slug: ['participants', String(participant), 'articles'] }),
    })
    const json = (await response.json()) as { docs: unknown[] }
    if (response.status !== 200) throw new Error(`the participant's articles answered ${response.status}`)
    return { docs: json.docs, totalDocs: json.docs.length }
  }
  const published: Where = { _status: { equals: 'published' } }
  const citingX: Where = { and: [published, { participantsCited: { in: [participantX] } }] }
  // anonymous, as a REST call without a session: access control applies, no user
  const find = (args: { where: Where; sort?: string; limit: number; depth: number; pagination?: boolean }) => () =>
    payload.find({ collection: 'articles', overrideAccess: false, ...args })
  return [
    {
      key: 'latest',
      label: 'latest 20 published (depth 1)',
      run: find({ where: published, sort: '-publishedAt', limit: 20, depth: 1 }),
    },
    {
      key: 'latest-endpoint',
      label: '  same, the plugin’s GET /api/articles/latest (depth 0, from the snapshots)',
      run: async () => {
        const response = await restGet(new Request('http://localhost/api/articles/latest?limit=20'), {
          params: Promise.resolve({ slug: ['articles', 'latest'] }),
        })
        const json = (await response.json()) as { docs: unknown[] }
        if (response.status !== 200) throw new Error(`the latest articles answered ${response.status}`)
        return { docs: json.docs, totalDocs: json.docs.length }
      },
    },
    {
      key: 'latest-no-count',
      label: '  same, pagination: false',
      run: find({ where: published, sort: '-publishedAt', limit: 20, depth: 1, pagination: false }),
    },
    {
      key: 'slug',
      label: 'one article by slug (depth 1)',
      run: find({ where: { slug: { equals: slug } }, limit: 1, depth: 1 }),
    },
    {
      key: 'participant',
      label: 'latest 20 citing participant X (depth 0)',
      run: find({ where: citingX, sort: '-publishedAt', limit: 20, depth: 0 }),
    },
    {
      key: 'participant-no-count',
      label: '  same, pagination: false',
      run: find({ where: citingX, sort: '-publishedAt', limit: 20, depth: 0, pagination: false }),
    },
    {
      key: 'participant-endpoint',
      label: '  same, the plugin’s GET /api/participants/:id/articles (from the snapshots)',
      run: () => participantList(participantX),
    },
    {
      key: 'participant-rare-endpoint',
      label: `latest 20 citing participant Y (1 article in ${Y_EVERY.toLocaleString('en')}), the plugin’s endpoint`,
      run: () => participantList(participantY),
    },
    {
      key: 'x-sql',
      label: `the list's statement alone, X (by the count: reads all up to ${FEW_CITATIONS}, else walks)`,
      run: listStatement(participantX, FEW_CITATIONS),
    },
    { key: 'x-sql-walk', label: '  same, always the walk', run: listStatement(participantX, 0) },
    { key: 'x-sql-all', label: '  same, always reading every citation', run: listStatement(participantX, ALL) },
    {
      key: 'y-sql',
      label: "the list's statement alone, Y (by the count)",
      run: listStatement(participantY, FEW_CITATIONS),
    },
    { key: 'y-sql-walk', label: '  same, always the walk', run: listStatement(participantY, 0) },
  ]
}

interface Timing {
  medianMs: number
  p95Ms: number
  docs: number
  totalDocs: number
}

/** Times every read `rounds` times, one round of each in turn, so that a busy moment of the machine touches all of them alike. */
async function timeAll(list: Read[]): Promise<Record<string, Timing>> {
  const samples = new Map<string, number[]>(list.map((read) => [read.key, []]))
  const last = new Map<string, { docs: unknown[]; totalDocs: number }>()
  for (let i = 0; i < warmups; i += 1) for (const read of list) last.set(read.key, await read.run())
  for (let i = 0; i < rounds; i += 1) {
    for (const read of list) {
      const started = performance.now()
      last.set(read.key, await read.run())
      samples.get(read.key)!.push(performance.now() - started)
    }
  }
  const timings: Record<string, Timing> = {}
  for (const read of list) {
    const times = samples.get(read.key)!
    const result = last.get(read.key)!
    timings[read.key] = {
      medianMs: round(median(times), 3),
      p95Ms: round(percentile(times, 0.95), 3),
      docs: result.docs.length,
      totalDocs: result.totalDocs,
    }
  }
  return timings
}

/**
 * The statements one call of `run` sends. The app's job runner (scheduled publishing, rights
 * expiry) wakes every minute in this process; what it sends meanwhile is not the read's, and
 * re-running its writes under EXPLAIN ANALYZE would fail.
 */
async function statementsOf(run: Read['run']): Promise<CapturedSql[]> {
  const { statements } = await captureStatements(run)
  return statements.filter((statement) => !/\bpayload_jobs/.test(statement.text))
}

/** Captures the statements of one call of each read and explains every distinct one. */
async function planAll(client: pg.Client, list: Read[]): Promise<Record<string, CapturedStatement[]>> {
  const plans: Record<string, CapturedStatement[]> = {}
  for (const read of list) {
    const statements = await statementsOf(read.run)
    const distinct = distinctStatements(statements)
    for (const statement of distinct) statement.plan = await explain(client, statement)
    plans[read.key] = distinct
  }
  return plans
}

/** A published article half-way through the archive's publication dates. */
async function middleSlug(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ slug: string }>(
    `select slug from articles where _status = 'published' order by published_at, id
     offset (select count(*) / 2 from articles where _status = 'published') limit 1`,
  )
  return rows[0]!.slug
}

const lineSummary = (statements: CapturedStatement[]) =>
  statements
    .filter((s) => s.plan && (s.plan.seqScansOnLargeTables.length || s.plan.usesIndexOnLargeTable))
    .map(
      (s) =>
        `${s.kind.split(' ')[0] === 'page' ? s.kind.split(' ').slice(0, 2).join(' ') : s.kind.split(' ')[0]}: ${s.plan!.short}`,
    )
    .join('; ')

// ---------------------------------------------------------------------------------------------

/** What the run set up and must take down again, also when it fails half-way. */
const teardown: { client?: pg.Client; payload?: Payload; database?: BenchDatabase; mediaDir?: string } = {}

async function takeDown() {
  await teardown.client?.end()
  if (teardown.payload) {
    await teardown.payload.destroy()
    // dropping the database and stopping the server end the pool's sessions; that is expected here
    ;(teardown.payload.db as unknown as { pool: { on: (event: 'error', listener: () => void) => void } }).pool.on(
      'error',
      () => {},
    )
  }
  if (teardown.mediaDir) fs.rmSync(teardown.mediaDir, { recursive: true, force: true })
  // a large archive must not be left behind on a shared server: its database is dropped (or the embedded server stopped)
  await teardown.database?.stop()
}

async function main() {
  const benchDb = await benchDatabase('archive')
  teardown.database = benchDb
  const url = new URL(benchDb.uri)
  const database = url.pathname.slice(1)
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-media-'))
  teardown.mediaDir = mediaDir
  Object.assign(process.env, {
    DATABASE_URI: url.toString(),
    MEDIA_DIR: mediaDir,
    NEWSROOM_DEMO: '0',
    LOG_LEVEL: 'warn',
    PAYLOAD_SECRET: 'bench',
  })

  const { getPayload } = await import('payload')
  const config = await (await import(path.join(root, 'payload.config.ts'))).default
  const payload = await getPayload({ config })
  const { REST_GET } = await import('@payloadcms/next/routes')
  const restGet = REST_GET(config) as RestGet
  teardown.payload = payload
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  teardown.client = client
  const postgresVersion = (await client.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version

  // --- the few documents that go through the Local API
  const participantIds: number[] = []
  for (let k = 1; k <= PARTICIPANT_COUNT; k += 1) {
    const participant = await payload.create({
      collection: 'participants',
      data: { name: `Participant ${String(k).padStart(2, '0')}`, kind: 'state', _status: 'published' },
    })
    participantIds.push(participant.id as number)
  }
  const statement = await payload.create({
    collection: 'joint-statements',
    data: {
      title: 'Joint statement of the guarantors',
      signatories: participantIds.slice(1, 4),
      text: lexical('The guarantors reaffirmed their commitment to the process.') as never,
      _status: 'published',
    },
  })
  const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2f5d8a' } })
    .jpeg()
    .toBuffer()
  const template = await payload.create({
    collection: 'photos',
    data: { alt: 'Delegations at the talks', credit: { line: 'Reuters', kind: 'agency', distributable: true } },
    file: { data: jpeg, mimetype: 'image/jpeg', name: 'archive-template.jpg', size: jpeg.length },
  })
  const maxId = async (table: string) =>
    Number((await client.query<{ max: number | null }>(`select max(id) as max from ${table}`)).rows[0]!.max ?? 0)
  const seeds: Seeds = {
    participantIds,
    participantX: participantIds[0]!,
    participantY: participantIds[1]!,
    statementId: statement.id as number,
    templatePhotoId: template.id as number,
    templateStem: path.parse(String(template.filename)).name,
    articleBase: await maxId('articles'),
    photoBase: await maxId('photos'),
  }

  // --- stage 1: the small archive
  const loads = [await loadArticles(client, seeds, 0, sizes.small)]
  const settleSeconds = [await settle(client)]
  const smallSlug = await middleSlug(client)
  const smallReads = reads(payload, smallSlug, seeds, restGet, client)
  console.error(`timing ${smallReads.length} reads at ${count(sizes.small)} articles, ${rounds} rounds each…`)
  const small = await timeAll(smallReads)
  // one read at a time: the capture patches the client class for the whole process
  const smallStatementCounts: Record<string, number> = {}
  for (const read of smallReads) smallStatementCounts[read.key] = (await statementsOf(read.run)).length

  // --- stage 2: the large archive
  loads.push(await loadArticles(client, seeds, sizes.small, sizes.large))
  settleSeconds.push(await settle(client))
  const largeSlug = await middleSlug(client)
  const largeReads = reads(payload, largeSlug, seeds, restGet, client)
  console.error(`timing ${largeReads.length} reads at ${count(sizes.large)} articles, ${rounds} rounds each…`)
  const large = await timeAll(largeReads)
  const plans = await planAll(client, largeReads)

  // --- stage 3: candidate indexes, one on top of the other
  type Experiment = (typeof INDEX_CANDIDATES)[number] & {
    buildSeconds: number
    timings: Record<string, Timing>
    plans: Record<string, CapturedStatement[]>
  }
  const experiments: Experiment[] = []
  const analyzeAll = () => client.query('analyze articles, articles_rels, articles_participants, articles_texts')
  for (const candidate of INDEX_CANDIDATES) {
    console.error(`creating ${candidate.name} and timing again…`)
    const started = performance.now()
    await client.query(candidate.sql)
    const buildSeconds = round((performance.now() - started) / 1000, 2)
    await analyzeAll()
    experiments.push({
      ...candidate,
      buildSeconds,
      timings: await timeAll(largeReads),
      plans: await planAll(client, largeReads),
    })
    if (!candidate.keep) {
      await client.query(`drop index ${/^create index ("?[\w]+"?)/.exec(candidate.sql)![1]}`)
      await analyzeAll()
    }
  }
  /** The timings with every kept index in place. */
  const withKept = experiments.filter((experiment) => experiment.keep).at(-1)

  // --- report
  const [smallLabel, largeLabel] = [sizeLabel(sizes.small), sizeLabel(sizes.large)]
  const rows = largeReads.map((read) => ({
    query: read.label,
    [`${smallLabel} median ms`]: small[read.key]!.medianMs,
    [`${smallLabel} p95 ms`]: small[read.key]!.p95Ms,
    [`${largeLabel} median ms`]: large[read.key]!.medianMs,
    [`${largeLabel} p95 ms`]: large[read.key]!.p95Ms,
    ratio: round(large[read.key]!.medianMs / small[read.key]!.medianMs),
    [`plan at ${largeLabel} (index used?)`]: lineSummary(plans[read.key]!),
  }))
  console.table(rows)

  const loadSeconds = loads.reduce((sum, load) => sum + load.seconds, 0)
  const loadRows = loads.reduce((sum, load) => sum + load.rows, 0)
  console.log(
    `load: ${count(sizes.large)} articles, ${count(sizes.large * PHOTOS_PER_ARTICLE)} photos, ${count(loadRows)} rows in ${loadSeconds.toFixed(1)} s ` +
      `(${count(Math.round(loadRows / loadSeconds))} rows/s, ${count(Math.round(sizes.large / loadSeconds))} articles/s); ` +
      `vacuum + analyze ${settleSeconds.join(' s, ')} s`,
  )
  console.log(
    `participant X is cited by ${count(small.participant!.totalDocs)} published articles at ${smallLabel} and ${count(large.participant!.totalDocs)} at ${largeLabel}, ` +
      `participant Y by ${count(small['participant-rare-endpoint']!.docs)} and ${count(large['participant-rare-endpoint']!.docs)} (at most 20 counted); ` +
      `${count(large.latest!.totalDocs)} of ${count(sizes.large)} articles are published`,
  )

  for (const read of largeReads) {
    console.log(
      `\n${read.label.trim()} — statements at ${largeLabel} (${smallStatementCounts[read.key]} sent per call at ${smallLabel}):`,
    )
    for (const statement of plans[read.key]!) {
      const plan = statement.plan!
      const verdict = plan.seqScansOnLargeTables.length
        ? `SEQ SCAN on ${plan.seqScansOnLargeTables.join(', ')}`
        : plan.heavyIndexScans.length
          ? `index, but heavy: ${plan.heavyIndexScans.join(', ')}`
          : plan.usesIndexOnLargeTable
            ? 'index'
            : 'small tables only'
      console.log(
        `  [${statement.kind}${statement.times > 1 ? ` ×${statement.times}` : ''}] ${plan.executionMs} ms — ${verdict}`,
      )
      for (const line of plan.text.slice(0, 4)) console.log(`      ${line}`)
    }
  }

  if (experiments.length) {
    const keptNumbers = experiments.flatMap((experiment, i) => (experiment.keep ? [`+${i + 1}`] : [])).join(' ')
    const table = largeReads.map((read) => {
      const row: Record<string, string | number> = {
        query: read.label,
        [`${largeLabel} median ms`]: large[read.key]!.medianMs,
      }
      for (const [i, experiment] of experiments.entries()) {
        row[`+${i + 1} ${experiment.name}${experiment.keep ? '' : ' (tried, dropped)'}`] =
          experiment.timings[read.key]!.medianMs
      }
      if (withKept)
        row[`ratio to ${smallLabel} with ${keptNumbers}`] = round(
          withKept.timings[read.key]!.medianMs / small[read.key]!.medianMs,
        )
      return row
    })
    console.log(`\nindexes created by hand at ${largeLabel}, each on top of the kept ones before it (median ms):`)
    for (const [i, experiment] of experiments.entries())
      console.log(`  +${i + 1} ${experiment.sql}  (built in ${experiment.buildSeconds} s)`)
    console.table(table)
    if (withKept) {
      for (const read of largeReads)
        console.log(`  ${read.label.trim()} with ${keptNumbers}: ${lineSummary(withKept.plans[read.key]!)}`)
    }
  }

  const cpus = os.cpus()
  const result = {
    benchmark: 'archive',
    date: new Date().toISOString(),
    smoke,
    machine: {
      cpus: cpus.length,
      model: cpus[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: postgresVersion,
      embedded: teardown.database?.embedded ?? true,
    },
    sizes,
    rounds,
    warmups,
    dataset: {
      photosPerArticle: PHOTOS_PER_ARTICLE,
      participants: PARTICIPANT_COUNT,
      publishedShare: PUBLISHED_SHARE,
      participantXShare: X_SHARE,
      statementShare: STATEMENT_SHARE,
      publicationWindow: [new Date(FIRST_PUBLICATION).toISOString(), new Date(LAST_PUBLICATION).toISOString()],
      participantX: seeds.participantX,
      participantY: seeds.participantY,
      participantYEvery: Y_EVERY,
      slugs: { [smallLabel]: smallSlug, [largeLabel]: largeSlug },
    },
    load: {
      seconds: round(loadSeconds, 1),
      rows: loadRows,
      rowsPerSecond: Math.round(loadRows / loadSeconds),
      articlesPerSecond: Math.round(sizes.large / loadSeconds),
      stages: loads,
      vacuumAnalyzeSeconds: settleSeconds,
    },
    queries: largeReads.map((read) => ({
      key: read.key,
      label: read.label.trim(),
      [smallLabel]: { ...small[read.key], statementsPerCall: smallStatementCounts[read.key] },
      [largeLabel]: large[read.key],
      ratio: round(large[read.key]!.medianMs / small[read.key]!.medianMs),
      ratioWithKeptIndexes: withKept
        ? round(withKept.timings[read.key]!.medianMs / small[read.key]!.medianMs)
        : undefined,
      statements: plans[read.key],
    })),
    indexes: experiments.map((experiment) => ({
      name: experiment.name,
      sql: experiment.sql,
      kept: experiment.keep,
      payloadConfig: experiment.payloadConfig,
      reason: experiment.reason,
      buildSeconds: experiment.buildSeconds,
      medianMs: Object.fromEntries(largeReads.map((read) => [read.key, experiment.timings[read.key]!.medianMs])),
      p95Ms: Object.fromEntries(largeReads.map((read) => [read.key, experiment.timings[read.key]!.p95Ms])),
      plans: Object.fromEntries(
        largeReads.map((read) => [
          read.key,
          experiment.plans[read.key]!.map(({ kind, times, plan }) => ({ kind, times, plan })),
        ]),
      ),
    })),
  }
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
  const out = path.join(root, 'bench/results', `archive${smoke ? '-smoke' : ''}.json`)
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
  console.log(`\nwritten to ${path.relative(root, out)}`)

  if (keep) {
    console.log(`kept: ${url.toString()} — drop it with: drop database "${database}" with (force)`)
    if (benchDb.embedded) {
      console.log('the embedded server stops when you press Enter')
      await new Promise((resolve) => process.stdin.once('data', resolve))
    } else teardown.database = undefined
  }
  await takeDown()
  process.exit(0)
}

main().catch(async (error) => {
  console.error(error)
  await takeDown().catch((cleanupError) => console.error(cleanupError))
  process.exit(1)
})
