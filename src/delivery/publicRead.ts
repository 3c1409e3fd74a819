/**
 * What a public read answers, in one place for both servers that answer it: the CMS's endpoints
 * (`endpoints/articleDelivery.ts`, `endpoints/latestArticles.ts`, `endpoints/participantArticles.ts`)
 * and the delivery server (`deliveryServer/`). Both build their bodies and headers with these
 * functions from the same rows, read by the same SQL, so they answer byte for byte alike. Nothing
 * here imports Payload: the delivery server runs without it.
 */
import { createHash } from 'node:crypto'

import { MAX_SERIAL_ID } from '../db/ids.ts'
import { ifNoneMatchHits, strongEtag } from './httpCaching.ts'

export { ifNoneMatchHits, strongEtag }

/**
 * Stands for the request's origin in a stored JSON-LD when no public URL is configured; the
 * server puts the origin in its place when serving.
 */
export const ORIGIN_PLACEHOLDER = 'https://origin.newsroom.invalid'

/** The three public forms of an article a snapshot stores. */
export type Representation = 'document' | 'jsonLd' | 'html'

/** The stored representations of a snapshot, by column. */
export type SnapshotColumn = 'document' | 'json_ld' | 'html'

export const REPRESENTATIONS: Record<Representation, { column: SnapshotColumn; tag: string; contentType: string }> = {
  document: { column: 'document', tag: 'd', contentType: 'application/json; charset=utf-8' },
  jsonLd: { column: 'json_ld', tag: 'ld', contentType: 'application/ld+json; charset=utf-8' },
  html: { column: 'html', tag: 'h', contentType: 'text/html; charset=utf-8' },
}

/** The PostgreSQL channel on which the CMS tells delivery servers that public content changed. */
export const DELIVERY_CHANNEL = 'newsroom_delivery'

/**
 * The JSON payload of a notification on `DELIVERY_CHANNEL`, sent in the transaction that made the
 * change (so it arrives only if the change commits). `article`: an article's snapshot was written
 * or removed; `slugs` holds its slug before and after. `participant`: a participant became public,
 * changed, or stopped being public. A receiver drops what it holds for these ids and slugs, and
 * every list page (any of them may hold the article).
 */
export type DeliveryNotice =
  | { kind: 'article'; id: number; slugs: string[]; etag: string | null }
  | { kind: 'participant'; id: number; slugs: string[] }

/** The tables a public read touches: the plugin's snapshots and nothing else. */
export interface DeliveryTables {
  /** Published article snapshots (slug `article-snapshots`). */
  snapshots: string
  /** Their relationship rows: the participants each snapshot cites (`path = 'participants'`). */
  snapshotRels: string
  /** The column of `snapshotRels` that holds a participant's id (`<participants table>_id`). */
  participantColumn: string
  /** The public identity of each published participant (slug `participant-snapshots`). */
  participants: string
  /** The PostgreSQL schema, when not `public`. */
  schema?: string
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
const table = (tables: DeliveryTables, name: string) =>
  tables.schema && tables.schema !== 'public' ? `${quote(tables.schema)}.${quote(name)}` : quote(name)

/** A prepared statement: a name (unique per text), its SQL and its values. */
export interface PublicQuery {
  name: string
  text: string
  values: unknown[]
}

const isId = (idOrSlug: string) => /^\d+$/.test(idOrSlug)

/** A snapshot row: its hash, its surrogate keys and, when asked for, one representation. */
export interface SnapshotReadRow {
  id: number
  slug: string
  etag: string
  surrogate_keys: string | null
  body?: string | null
}

/**
 * One snapshot by article id or slug: the hash and keys alone (`column` null, to revalidate or to
 * answer `If-None-Match`) or with one representation. Uses the unique indexes on `article_id` and
 * `slug`.
 */
export function snapshotQuery(tables: DeliveryTables, idOrSlug: string, column: SnapshotColumn | null): PublicQuery {
  const byId = isId(idOrSlug)
  return {
    name: `newsroom:${tables.snapshots}:${column ?? 'etag'}:${byId ? 'id' : 'slug'}`,
    text:
      `select article_id as id, slug, etag, surrogate_keys${column ? `, ${quote(column)} as body` : ''} ` +
      `from ${table(tables, tables.snapshots)} where ${byId ? 'article_id' : 'slug'} = $1 limit 1`,
    values: [byId ? Number(idOrSlug) : idOrSlug],
  }
}

/** A published article as lists show it. */
export interface ListedArticleRow {
  id: number
  slug: string
  title: string | null
  summary: string | null
  dateline: string | null
  published_at: Date | null
}

/** Where a keyset page starts: after this publication time and, among equal times, this id. */
export interface PublishedCursor {
  publishedAt: Date
  id: number
}

const LISTED_COLUMNS = 's.article_id as id, s.slug, s.title, s.summary, s.dateline, s.published_at'
/** "After the cursor", with the cursor's time and id in parameters `$at` and `$id`. */
const afterCursor = (at: number, id: number) =>
  `($${at}::timestamptz is null or s.published_at < $${at} or (s.published_at = $${at} and s.article_id < $${id}))`

/**
 * The newest published articles, a page at a time (`limit` is one more than the page, to tell
 * whether another follows). Walks the snapshots' `(published_at, article_id)` index backwards.
 */
export function latestArticlesQuery(tables: DeliveryTables, after: PublishedCursor | null, limit: number): PublicQuery {
  return {
    name: `newsroom:${tables.snapshots}:latest`,
    text:
      `select ${LISTED_COLUMNS} from ${table(tables, tables.snapshots)} s ` +
      `where ${afterCursor(1, 3)} order by s.published_at desc, s.article_id desc limit $2`,
    values: [after?.publishedAt ?? null, limit, after?.id ?? null],
  }
}

/**
 * Up to this many citations, a participant's list reads all the articles citing it and sorts them;
 * beyond, it walks the newest snapshots (see `participantArticlesQuery`).
 */
export const FEW_CITATIONS = 1000

/**
 * The newest published articles citing one participant, a page at a time, in one statement that
 * takes whichever of two ways costs less for this participant. It first reads up to
 * `fewCitations + 1` of the participant's citations from the relationship table's
 * `(participants_id, path, parent_id)` index. When that is all of them (a participant cited rarely,
 * as most are), it reads those snapshots by key and sorts them: a cost that follows the
 * participant's citations, at most `fewCitations`. Otherwise it walks the snapshots'
 * `(published_at, article_id)` index from the newest with one index-only probe each, stopping when
 * the page is full: a cost that follows how far back the page lies, short for a participant cited
 * often. Only one way runs: the count is a one-time filter of each. Both ways are spelled so that
 * the plan cannot change under them, as a prepared statement's generic plan knows nothing of the
 * participant: the citations are looked up one by one (a lateral subquery that cannot be merged:
 * as a plain join, the generic plan hashed the whole snapshot table, 27 ms at 100,000 articles for
 * 17 citations), and the walk's probe is a scalar subquery (as `exists`, PostgreSQL turns it into a
 * join that reads every citation and sorts them, which is the first way without its bound).
 */
export function participantArticlesQuery(
  tables: DeliveryTables,
  participantId: number,
  after: PublishedCursor | null,
  limit: number,
  fewCitations = FEW_CITATIONS,
): PublicQuery {
  const snapshots = table(tables, tables.snapshots)
  const rels = table(tables, tables.snapshotRels)
  const column = quote(tables.participantColumn)
  const order = 'order by published_at desc, id desc'
  return {
    name: `newsroom:${tables.snapshots}:citing`,
    text:
      `with citing as materialized (select distinct r.parent_id from ${rels} r where r.${column} = $1 and r.path = 'participants' limit $5::int + 1) ` +
      `select * from (` +
      `(select listed.* from citing c cross join lateral (select ${LISTED_COLUMNS} from ${snapshots} s ` +
      `where s.id = c.parent_id and ${afterCursor(2, 4)} offset 0) listed ` +
      `where (select count(*) from citing) <= $5 ${order} limit $3) ` +
      `union all ` +
      `(select ${LISTED_COLUMNS} from ${snapshots} s ` +
      `where (select count(*) from citing) > $5 and ${afterCursor(2, 4)} ` +
      `and (select 1 from ${rels} r where r.${column} = $1 and r.path = 'participants' and r.parent_id = s.id limit 1) = 1 ` +
      `order by s.published_at desc, s.article_id desc limit $3)` +
      `) page ${order} limit $3`,
    values: [participantId, after?.publishedAt ?? null, limit, after?.id ?? null, fewCitations],
  }
}

/** A published participant's public identity. */
export interface ParticipantRow {
  id: number
  name: string
  slug: string
}

/** One published participant by id or slug (unique indexes on `participant_id` and `slug`). */
export function participantQuery(tables: DeliveryTables, idOrSlug: string): PublicQuery {
  const byId = isId(idOrSlug)
  return {
    name: `newsroom:${tables.participants}:${byId ? 'id' : 'slug'}`,
    text: `select participant_id as id, name, slug from ${table(tables, tables.participants)} where ${byId ? 'participant_id' : 'slug'} = $1 limit 1`,
    values: [byId ? Number(idOrSlug) : idOrSlug],
  }
}

/** Ids beyond PostgreSQL's `integer` cannot exist: answered as not found without a query. */
export const isStorableIdText = (idOrSlug: string) => !isId(idOrSlug) || Number(idOrSlug) <= MAX_SERIAL_ID

/** What an id or slug in a public path may look like; anything else is not found. */
export const isIdOrSlug = (value: string) => /^[\p{L}\p{N}-]{1,200}$/u.test(value) && isStorableIdText(value)

// --- Surrogate keys: what a CDN purges by. ---

/** The surrogate key of one document, by kind: `article-12`, `photo-3`, `participant-4`, … */
export const surrogateKey = (
  kind: 'article' | 'photo' | 'participant' | 'statement' | 'joint-statement',
  id: number | string,
) => `${kind}-${id}`

/** The path, under the articles' route, of the latest published articles (a word article slugs may not take). */
export const LATEST_ARTICLES_PATH = 'latest'

/** The key every page of the latest-articles list carries. */
export const LATEST_LIST_KEY = 'articles'

/** The key every page of one participant's article list carries. */
export const participantListKey = (participantId: number | string) => `participant-${participantId}-articles`

/** The headers of every public answer: type, validator, caching and the keys to purge it by. */
export function publicHeaders({
  contentType,
  etag,
  cacheControl,
  keys,
}: {
  contentType?: string
  etag?: string
  cacheControl: string
  keys: string[]
}): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ...(etag ? { ETag: etag } : {}),
    'Cache-Control': cacheControl,
    ...(keys.length > 0 ? { 'Surrogate-Key': keys.join(' '), 'Cache-Tag': keys.join(',') } : {}),
  }
}

/** The keys stored with a snapshot (space-separated, as `Surrogate-Key` sends them). */
export const storedKeys = (text: string | null | undefined): string[] => (text ? text.split(' ').filter(Boolean) : [])

// --- Bodies. ---

export const JSON_TYPE = 'application/json; charset=utf-8'

/** The body of a 404 for an article. */
export const articleNotFoundBody = (idOrSlug: string) =>
  JSON.stringify({ errors: [{ message: `No published article “${idOrSlug}”.` }] })

/** The body of a 404 for a participant. */
export const participantNotFoundBody = (idOrSlug: string) =>
  JSON.stringify({ errors: [{ message: `No participant “${idOrSlug}”.` }] })

export const MAX_LIST_LIMIT = 100
export const DEFAULT_LIST_LIMIT = 20

/** A list's `limit` and `cursor` query parameters, read, or the 400 body that says what is wrong. */
export function readListQuery(
  search: URLSearchParams,
): { limit: number; cursor: PublishedCursor | null } | { error: string } {
  const limit = Number(search.get('limit') ?? DEFAULT_LIST_LIMIT)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT)
    return {
      error: JSON.stringify({ errors: [{ message: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.` }] }),
    }
  const cursorText = search.get('cursor')
  const cursor = cursorText ? decodeCursor(cursorText) : null
  if (cursor === undefined)
    return {
      error: JSON.stringify({
        errors: [{ message: '`cursor` is not one this endpoint gave out; use the `nextCursor` of the previous page.' }],
      }),
    }
  return { limit, cursor }
}

export const encodeCursor = (row: ListedArticleRow) =>
  row.published_at ? Buffer.from(`${row.published_at.toISOString()}~${row.id}`).toString('base64url') : null

export function decodeCursor(text: string): PublishedCursor | undefined {
  const [date, id] = Buffer.from(text, 'base64url').toString('utf8').split('~')
  const publishedAt = new Date(date ?? '')
  return Number.isNaN(publishedAt.getTime()) || !/^\d+$/.test(id ?? '') ? undefined : { publishedAt, id: Number(id) }
}

/** A rendered list page: its body, validator and surrogate keys. */
export interface ListPage {
  body: string
  etag: string
  keys: string[]
}

function listPage(head: Record<string, unknown>, rows: ListedArticleRow[], limit: number, keys: string[]): ListPage {
  // `rows` holds one more than the page when another page follows.
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const body = JSON.stringify({
    ...head,
    docs: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      dateline: row.dateline,
      publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    })),
    limit,
    hasNextPage: rows.length > limit,
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  })
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27)
  return { body, etag: strongEtag(hash, 'l'), keys: [...keys, ...page.map((row) => surrogateKey('article', row.id))] }
}

/** A page of the latest published articles. */
export const latestArticlesPage = (rows: ListedArticleRow[], limit: number): ListPage =>
  listPage({}, rows, limit, [LATEST_LIST_KEY])

/** A page of the published articles citing one participant. */
export const participantArticlesPage = (
  participant: ParticipantRow,
  rows: ListedArticleRow[],
  limit: number,
): ListPage =>
  listPage({ participant: { id: participant.id, name: participant.name, slug: participant.slug } }, rows, limit, [
    participantListKey(participant.id),
    surrogateKey('participant', participant.id),
  ])
