/**
 * Every SQL statement the plugin writes itself, each a named function. Everything else goes through
 * Payload's database API; these are the reads that must be one indexed statement (public reads,
 * keyset pages, start-up checks) and the locks Payload has no API for. Each names the index it
 * relies on.
 */
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import type { Id } from '../model/documents.ts'

import { postgresOf, qualified, quoteIdentifier, tableNameOf } from './postgres.ts'

/**
 * Published articles without a snapshot, as one anti-join: a start-up with nothing missing (the
 * usual case) costs one cheap query. Relies on the articles' `_status` index and the unique index
 * on the snapshot table's `article_id`.
 */
export async function publishedArticlesWithoutSnapshot(
  payload: Payload,
  slugs: { articles: string; articleSnapshots: string },
): Promise<Id[]> {
  const db = postgresOf(payload)
  const articles = qualified(db, tableNameOf(db, slugs.articles))
  const snapshots = qualified(db, tableNameOf(db, slugs.articleSnapshots))
  const { rows } = await db.pool!.query<{ id: Id }>({
    text: `select a.id from ${articles} a where a._status = 'published' and not exists (select 1 from ${snapshots} s where s.article_id = a.id) order by a.id`,
  })
  return rows.map((row) => row.id)
}

/**
 * Articles whose snapshot was written by a renderer version other than `version`, or before the
 * version was stored (null). Relies on the index on the snapshot table's `renderer_version`: the
 * test is spelled as two ranges and `is null`, each of which a btree index answers, where `<>` or
 * `is distinct from` would read the whole table; a start-up with every snapshot current finds
 * nothing in the index and reads no rows.
 */
export async function articlesWithStaleSnapshot(
  payload: Payload,
  snapshotsSlug: string,
  version: number,
): Promise<Id[]> {
  const db = postgresOf(payload)
  const snapshots = qualified(db, tableNameOf(db, snapshotsSlug))
  const { rows } = await db.pool!.query<{ id: Id }>({
    text:
      `select s.article_id as id from ${snapshots} s ` +
      `where s.renderer_version < $1 or s.renderer_version > $1 or s.renderer_version is null order by s.article_id`,
    values: [version],
  })
  return rows.map((row) => row.id)
}

interface Session {
  execute: <Row>(query: ReturnType<typeof sql>) => Promise<{ rows: Row[] }>
}

/**
 * The connection of the request's transaction, so a statement sees (and is part of) what the
 * operation has written so far; the adapter's own connection when there is no transaction.
 */
async function transactionSession(req: PayloadRequest): Promise<Session> {
  const { sessions, drizzle } = req.payload.db as unknown as {
    sessions: Record<string | number, { db: Session } | undefined>
    drizzle: Session
  }
  return (req.transactionID ? sessions[await req.transactionID]?.db : undefined) ?? drizzle
}

/**
 * Sends each payload on a PostgreSQL notification channel, in the request's transaction: the
 * notifications go out when it commits, and never if it rolls back. One statement for any number.
 */
export async function notifyInTransaction(req: PayloadRequest, channel: string, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return
  const session = await transactionSession(req)
  await session.execute(
    sql`select pg_notify(${channel}, payload) from json_array_elements_text(${JSON.stringify(payloads)}::json) as payload`,
  )
}

/**
 * Locks a document's live row for the rest of the request's transaction and returns when it was
 * last saved (the row's `updated_at`, or its newest version's when the collection has drafts).
 * Relies on the primary key and on the versions table's `parent_id` index.
 */
export async function lockRowAndReadLastSave(
  req: PayloadRequest,
  collection: { slug: string; versions?: unknown },
  id: Id,
): Promise<Date | undefined> {
  const db = postgresOf(req.payload)
  const session = await transactionSession(req)
  const table = tableNameOf(db, collection.slug)
  const versions = collection.versions ? tableNameOf(db, collection.slug, { versions: true }) : undefined
  const { rows } = await session.execute<{ updated_at: Date | string | null }>(
    versions
      ? sql`select greatest(t.updated_at, (select max(v.version_updated_at) from ${sql.identifier(versions)} v where v.parent_id = t.id)) as updated_at from ${sql.identifier(table)} t where t.id = ${id} for update of t`
      : sql`select t.updated_at from ${sql.identifier(table)} t where t.id = ${id} for update of t`,
  )
  return rows[0]?.updated_at ? new Date(rows[0].updated_at) : undefined
}

/**
 * Runs `work` while holding the session-level advisory lock `name`, taken without waiting; when
 * another connection holds it, returns `whenLocked` at once. No table or index is involved.
 */
export async function withAdvisoryLock<T>(
  payload: Payload,
  name: string,
  work: () => Promise<T>,
  whenLocked: () => T,
): Promise<T> {
  const { pool } = postgresOf(payload)
  const client = await pool!.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [
      name,
    ])
    if (!rows[0]?.locked) return whenLocked()
    try {
      return await work()
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name])
    }
  } finally {
    client.release()
  }
}

/**
 * "A published article shows photo `p`": a probe of the relationship table's index on its photos
 * column, joined to the articles' primary key.
 */
function shownByPublishedArticle(
  db: ReturnType<typeof postgresOf>,
  slugs: { articles: string; photos: string },
): string {
  const photos = tableNameOf(db, slugs.photos)
  const articles = tableNameOf(db, slugs.articles)
  return (
    `exists (select 1 from ${qualified(db, `${articles}_rels`)} r join ${qualified(db, articles)} a on a.id = r.parent_id ` +
    `where r.path = 'photosUsed' and r.${quoteIdentifier(`${photos}_id`)} = p.id and a._status = 'published')`
  )
}

/**
 * Sets each photo's `shown_publicly` to whether a published article shows it now, in the request's
 * transaction (so it sees the article being saved). One statement for any number of photos.
 */
export async function refreshPhotoVisibility(
  req: PayloadRequest,
  slugs: { articles: string; photos: string },
  photoIds: Id[],
): Promise<void> {
  const ids = photoIds.map(Number).filter((id) => Number.isInteger(id))
  if (ids.length === 0) return
  const db = postgresOf(req.payload)
  const session = await transactionSession(req)
  await session.execute(
    sql`update ${sql.raw(qualified(db, tableNameOf(db, slugs.photos)))} p set shown_publicly = ${sql.raw(shownByPublishedArticle(db, slugs))} where p.id in ${ids}`,
  )
}

/**
 * Sets every photo's `shown_publicly` that disagrees with what is published, as one statement: for a
 * database whose column was added without its values (a schema push) or changed behind the plugin.
 * Returns how many photos changed.
 */
export async function reconcilePhotoVisibility(
  payload: Payload,
  slugs: { articles: string; photos: string },
): Promise<number> {
  const db = postgresOf(payload)
  const shown = shownByPublishedArticle(db, slugs)
  const result = (await db.pool!.query({
    text: `update ${qualified(db, tableNameOf(db, slugs.photos))} p set shown_publicly = ${shown} where p.shown_publicly is distinct from ${shown}`,
  })) as { rowCount?: number | null }
  return result.rowCount ?? 0
}

/** A photo whose rights expired, claimed for handling. */
export interface ExpiredPhotoRow {
  id: Id
  rightsExpireAt: Date
  alt: string | null
  filename: string | null
}

/**
 * Marks as handled, in the request's transaction, every photo whose rights expired at or before
 * `now` and whose expiry was not handled yet (never, or before a later expiry date was set), and
 * returns them. One statement: a second server running it at the same moment waits on the row
 * locks, then finds the rows already handled, so each expiry is claimed once. Reads the photos
 * table as a whole; expiry dates are few enough that no index is needed.
 */
export async function claimExpiredPhotos(
  req: PayloadRequest,
  photosSlug: string,
  now: Date,
): Promise<ExpiredPhotoRow[]> {
  const db = postgresOf(req.payload)
  const session = await transactionSession(req)
  const photos = tableNameOf(db, photosSlug)
  const at = now.toISOString()
  const { rows } = await session.execute<{
    id: Id
    credit_rights_expire_at: Date | string
    alt: string | null
    filename: string | null
  }>(sql`
    update ${sql.identifier(photos)} set rights_expiry_handled_at = ${at}
    where credit_rights_expire_at <= ${at}
      and (rights_expiry_handled_at is null or rights_expiry_handled_at < credit_rights_expire_at)
    returning id, credit_rights_expire_at, alt, filename`)
  return rows
    .map((row) => ({
      id: row.id,
      rightsExpireAt: new Date(row.credit_rights_expire_at),
      alt: row.alt,
      filename: row.filename,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id))
}
