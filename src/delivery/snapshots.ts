import type { Payload, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'
import { createLocalReq } from 'payload'

import type { ArticleSlugs } from '../article/inventory.ts'
import type { Article, Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { readArticle, referencesOf } from '../article/inventory.ts'
import { articlesWithStaleSnapshot, publishedArticlesWithoutSnapshot } from '../db/statements.ts'
import { idOf } from '../model/documents.ts'
import { articleBodyToHtml } from './html.ts'
import { articleToJsonLd } from './jsonLd.ts'
import { loadPublishedArticle } from './loadPublishedArticle.ts'
import { notifyDeliveryServers } from './notify.ts'
import { LATEST_LIST_KEY, ORIGIN_PLACEHOLDER, participantListKey, storedKeys, surrogateKey } from './publicRead.ts'

/**
 * The version of `renderSnapshot` (and of the HTML and JSON-LD code under it), stored with every
 * snapshot. A snapshot keeps the bytes of the code that wrote it, and a stored etag only says
 * whether the article changed, not whether the renderer did: bump this integer whenever the same
 * article would render differently (markup, JSON-LD shape, serialization), and the next start
 * re-renders every snapshot written by another version.
 */
export const SNAPSHOT_RENDERER_VERSION = 5

/** The origin of absolute URLs in JSON-LD: the configured public URL, else the config's serverURL; undefined means each request's. */
export function publicOrigin(options: ResolvedNewsroomOptions, payload: Payload): string | undefined {
  return options.delivery.publicURL ?? (payload.config.serverURL || undefined)
}

/**
 * What a snapshot stores besides its article: the three public representations and their hash,
 * what lists show of it, the participants whose lists it is on, and the surrogate keys of
 * everything it shows.
 */
export interface RenderedSnapshot {
  slug: string
  etag: string
  publishedAt: string | null
  title: string
  summary: string | null
  dateline: string | null
  document: string
  jsonLd: string
  html: string
  /** Participants the article lists or quotes: the lists of `/api/participants/:id/articles` it is on. */
  participants: number[]
  surrogateKeys: string[]
}

/**
 * What happened to one article's public form. `removed`: it is no longer public. `purgeKeys`: the
 * surrogate keys a CDN must purge for it (what it showed before and after, and the lists it is on).
 */
export interface SnapshotChange {
  id: Id
  slug: string
  change: 'published' | 'updated' | 'removed'
  purgeKeys?: string[]
}

/**
 * The surrogate keys of everything a published article shows, at the depth of a public read: its
 * photos and their issuers, the participants it lists or quotes, its statements and their issuers,
 * its joint statements and their signatories. A change to any of them re-renders the article, so
 * a CDN can purge by any of these keys.
 */
function surrogateKeysOf(article: Article, slugs: ArticleSlugs): { keys: string[]; participants: number[] } {
  const inventory = readArticle(article as unknown as Record<string, unknown>, slugs)
  const references = referencesOf(inventory)
  const participants = new Set<Id>(references.participants)
  for (const use of inventory.photoUses) {
    const issuer = idOf((use.value as { credit?: { issuer?: unknown } } | undefined)?.credit?.issuer)
    if (issuer !== undefined) participants.add(issuer)
  }
  for (const attribution of inventory.cited) {
    const issuer = idOf((attribution.value as { issuer?: unknown } | undefined)?.issuer)
    if (issuer !== undefined) participants.add(issuer)
  }
  for (const statement of article.statements ?? []) {
    const signatories = (statement as { signatories?: unknown } | null)?.signatories
    for (const signatory of Array.isArray(signatories) ? signatories : []) {
      const id = idOf(signatory)
      if (id !== undefined) participants.add(id)
    }
  }
  const keys = [
    surrogateKey('article', article.id),
    ...references.photos.map((id) => surrogateKey('photo', id)),
    ...[...participants].map((id) => surrogateKey('participant', id)),
    ...references.issuedStatements.map((id) => surrogateKey('statement', id)),
    ...references.statements.map((id) => surrogateKey('joint-statement', id)),
  ]
  return { keys: [...new Set(keys)], participants: references.participants.map(Number) }
}

/** What a CDN purges when an article's public form changes: its keys before and after, and the lists it was or is on. */
export const purgeKeysOf = (before: StoredSnapshot | undefined, after: RenderedSnapshot | undefined): string[] => {
  const participants = [...(before?.participants ?? []), ...(after?.participants ?? [])].map((value) => idOf(value))
  return [
    ...new Set([
      ...storedKeys(before?.surrogateKeys),
      ...(after?.surrogateKeys ?? []),
      LATEST_LIST_KEY,
      ...participants.flatMap((id) => (id === undefined ? [] : [participantListKey(id)])),
    ]),
  ]
}

/**
 * The public forms of a published article, from the document exactly as an anonymous REST
 * reader gets it (depth 2). Pure: the same article gives the same bytes and the same hash. A
 * change here or below that alters those bytes needs a new `SNAPSHOT_RENDERER_VERSION`.
 */
export function renderSnapshot(
  article: Article,
  authors: string[],
  publicURL: string | undefined,
  slugs: ArticleSlugs,
): RenderedSnapshot {
  const origin = publicURL ?? ORIGIN_PLACEHOLDER
  const slug = article.slug || String(article.id)
  const document = JSON.stringify(article)
  const jsonLd = JSON.stringify(articleToJsonLd(article, { origin, url: `${origin}/articles/${slug}`, authors, slugs }))
  const html = articleBodyToHtml(article, slugs)
  const { keys, participants } = surrogateKeysOf(article, slugs)
  const etag = createHash('sha256')
    .update(document)
    .update('\0')
    .update(jsonLd)
    .update('\0')
    .update(html)
    .update('\0')
    .update(keys.join(' '))
    .digest('base64url')
    .slice(0, 27)
  return {
    slug,
    etag,
    publishedAt: article.publishedAt ?? null,
    title: article.title,
    summary: article.summary ?? null,
    dateline: article.dateline ?? null,
    document,
    jsonLd,
    html,
    participants,
    surrogateKeys: keys,
  }
}

/**
 * A request that reads as an anonymous reader but inside the caller's transaction, so a snapshot
 * written in a hook sees the change being saved.
 */
export async function publicReadInTransaction(req: PayloadRequest): Promise<PayloadRequest> {
  return createLocalReq(
    { req: { transactionID: req.transactionID, context: { ...req.context, newsroomSnapshotRead: true } } },
    req.payload,
  )
}

/** Author names are public as bylines, though user accounts are not. One query for all articles. */
async function authorNamesById(
  req: PayloadRequest,
  usersSlug: string,
  articles: Article[],
): Promise<Map<string, string>> {
  const ids = new Set<Id>()
  for (const article of articles) {
    for (const author of article.authors ?? []) {
      const id = author && typeof author === 'object' ? (author as { id?: Id }).id : (author as Id)
      if (id != null) ids.add(id)
    }
  }
  if (ids.size === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: usersSlug as 'users',
    where: { id: { in: [...ids] } },
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { name: true },
    req,
  })
  return new Map(
    docs.flatMap((user) =>
      (user as { name?: string | null }).name ? [[String(user.id), (user as { name: string }).name]] : [],
    ),
  )
}

const namesOf = (article: Article, authors: Map<string, string>): string[] =>
  (article.authors ?? []).flatMap(
    (author) => authors.get(String(author && typeof author === 'object' ? (author as { id?: Id }).id : author)) ?? [],
  )

export interface StoredSnapshot {
  id: Id
  article: Id | { id: Id }
  slug: string
  etag: string
  rendererVersion?: number | null
  surrogateKeys?: string | null
  participants?: (Id | { id: Id })[] | null
}

/** What one pass over a set of articles did: the public changes, and how many snapshots it wrote. */
interface SnapshotWrites {
  changes: SnapshotChange[]
  written: number
}

/**
 * Brings the snapshots of the given articles in line with what the public may read now: writes
 * the published ones whose content changed, removes those no longer published. Three reads for
 * any number of articles (the articles at depth 2 as the public sees them, their authors, the
 * stored snapshots); writes only where the hash changed or another renderer version wrote the
 * snapshot. Returns what changed for readers: a rewrite that serves the same bytes is not a change.
 */
export async function refreshArticleSnapshots(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  articleIds: Id[],
): Promise<SnapshotChange[]> {
  return (await writeArticleSnapshots(req, options, articleIds)).changes
}

async function writeArticleSnapshots(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  articleIds: Id[],
): Promise<SnapshotWrites> {
  if (articleIds.length === 0) return { changes: [], written: 0 }
  const { payload } = req
  const ids = [...new Map(articleIds.map((id) => [String(id), id])).values()]
  const publicURL = publicOrigin(options, payload)

  const [publicReq, stored] = await Promise.all([
    publicReadInTransaction(req),
    payload.find({
      collection: options.slugs.articleSnapshots as 'article-snapshots',
      where: { article: { in: ids } },
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { article: true, slug: true, etag: true, rendererVersion: true, surrogateKeys: true, participants: true },
      req,
    }),
  ])
  const { docs } = await payload.find({
    collection: options.slugs.articles as 'articles',
    where: { id: { in: ids } },
    depth: 2,
    draft: false,
    overrideAccess: false,
    pagination: false,
    req: publicReq,
  })
  const published = docs as unknown as Article[]
  const authors = await authorNamesById(req, options.usersSlug, published)

  const storedByArticle = new Map<string, StoredSnapshot>()
  for (const snapshot of stored.docs as unknown as StoredSnapshot[]) {
    const articleId = typeof snapshot.article === 'object' ? snapshot.article.id : snapshot.article
    storedByArticle.set(String(articleId), snapshot)
  }

  const changes: SnapshotChange[] = []
  const notices: { id: Id; slugs: string[]; etag: string | null }[] = []
  let written = 0
  for (const article of published) {
    const rendered = renderSnapshot(article, namesOf(article, authors), publicURL, options.slugs)
    const existing = storedByArticle.get(String(article.id))
    storedByArticle.delete(String(article.id))
    const sameBytes = existing !== undefined && existing.etag === rendered.etag && existing.slug === rendered.slug
    // The etag hashes the stored bytes, so it cannot tell that older code produced them.
    if (sameBytes && existing.rendererVersion === SNAPSHOT_RENDERER_VERSION) continue
    const data = {
      ...rendered,
      surrogateKeys: rendered.surrogateKeys.join(' '),
      rendererVersion: SNAPSHOT_RENDERER_VERSION,
      article: article.id as number,
    }
    if (existing) {
      await payload.update({
        collection: options.slugs.articleSnapshots as 'article-snapshots',
        id: existing.id,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
    } else {
      await payload.create({
        collection: options.slugs.articleSnapshots as 'article-snapshots',
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
    }
    written += 1
    notices.push({ id: article.id, slugs: [rendered.slug, ...(existing ? [existing.slug] : [])], etag: rendered.etag })
    if (!sameBytes)
      changes.push({
        id: article.id,
        slug: rendered.slug,
        change: existing ? 'updated' : 'published',
        purgeKeys: purgeKeysOf(existing, rendered),
      })
  }

  // Asked for, stored, but no longer readable by the public: unpublished or deleted.
  const gone = [...storedByArticle.values()]
  if (gone.length > 0) {
    await payload.delete({
      collection: options.slugs.articleSnapshots as 'article-snapshots',
      where: { id: { in: gone.map((snapshot) => snapshot.id) } },
      overrideAccess: true,
      req,
    })
    for (const [articleId, snapshot] of storedByArticle) {
      const id = /^\d+$/.test(articleId) ? Number(articleId) : articleId
      changes.push({ id, slug: snapshot.slug, change: 'removed', purgeKeys: purgeKeysOf(snapshot, undefined) })
      notices.push({ id, slugs: [snapshot.slug], etag: null })
    }
  }
  // Delivered when the transaction commits, so a delivery server never drops what is still to come.
  await notifyDeliveryServers(
    req,
    notices.map((notice) => ({ kind: 'article', ...notice, id: Number(notice.id) })),
  )
  return { changes, written }
}

/**
 * Removes an article's snapshot (before the article's row goes: the snapshot points at it) and
 * tells delivery servers when the transaction commits. Returns what readers lose.
 */
export async function removeArticleSnapshot(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  articleId: Id,
): Promise<SnapshotChange[]> {
  const { docs } = await req.payload.delete({
    collection: options.slugs.articleSnapshots as 'article-snapshots',
    where: { article: { equals: articleId } },
    depth: 0,
    overrideAccess: true,
    req,
  })
  const removed = (docs as unknown as StoredSnapshot[]).map((snapshot): SnapshotChange => ({
    id: articleId,
    slug: snapshot.slug,
    change: 'removed',
    purgeKeys: purgeKeysOf(snapshot, undefined),
  }))
  await notifyDeliveryServers(
    req,
    removed.map((change) => ({ kind: 'article', id: Number(articleId), slugs: [change.slug], etag: null })),
  )
  return removed
}

/**
 * Published articles that have no snapshot yet (published before snapshots existed, or while
 * the plugin was disabled), refreshed in batches. Returns how many were written.
 */
export async function backfillArticleSnapshots(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  batchSize = 50,
): Promise<number> {
  const missing = await publishedArticlesWithoutSnapshot(req.payload, options.slugs)
  let written = 0
  for (let start = 0; start < missing.length; start += batchSize) {
    written += (await refreshArticleSnapshots(req, options, missing.slice(start, start + batchSize))).length
  }
  return written
}

/** What `refreshStaleSnapshots` found and did. */
export interface StaleSnapshotsRefresh {
  /** Snapshots written by another renderer version, or before versions were stored. */
  stale: number
  /** Stale snapshots rewritten by the current renderer. */
  rerendered: number
  /** Of those, how many now serve different bytes (a new etag). */
  changed: number
  /** Stale snapshots of articles no longer public, deleted rather than rewritten. */
  removed: number
}

/**
 * Re-renders, in batches, every snapshot that another renderer version wrote (or that predates
 * the version column), so a renderer change reaches the articles nobody edits. The start-up runs
 * it without waiting for it. Logs the counts when there was anything to do.
 */
export async function refreshStaleSnapshots(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  { batchSize = 50 }: { batchSize?: number } = {},
): Promise<StaleSnapshotsRefresh> {
  const articleIds = await articlesWithStaleSnapshot(
    req.payload,
    options.slugs.articleSnapshots,
    SNAPSHOT_RENDERER_VERSION,
  )
  const result: StaleSnapshotsRefresh = { stale: articleIds.length, rerendered: 0, changed: 0, removed: 0 }
  for (let start = 0; start < articleIds.length; start += batchSize) {
    const { changes, written } = await writeArticleSnapshots(req, options, articleIds.slice(start, start + batchSize))
    result.rerendered += written
    for (const { change } of changes) {
      if (change === 'removed') result.removed += 1
      else result.changed += 1
    }
  }
  if (result.stale > 0) {
    req.payload.logger.info(
      `newsroomPlugin: ${result.stale} snapshot(s) stale for renderer version ${SNAPSHOT_RENDERER_VERSION}: ` +
        `re-rendered ${result.rerendered}, ${result.changed} of them with new content; removed ${result.removed} no longer published.`,
    )
  }
  return result
}

/**
 * A published article's public forms rendered from the live data, for an article that has no
 * snapshot yet; the same bytes and hash the snapshot will hold.
 */
export async function renderPublishedArticle(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  idOrSlug: string,
): Promise<RenderedSnapshot | undefined> {
  const article = await loadPublishedArticle(req, options.slugs.articles, idOrSlug)
  if (!article) return undefined
  const authors = await authorNamesById(req, options.usersSlug, [article])
  return renderSnapshot(article, namesOf(article, authors), publicOrigin(options, req.payload), options.slugs)
}
