import type { Endpoint, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../plugins/newsroom/options.ts'

import { storableIds } from '../db/ids.ts'
import { postgresOf, qualified, quoteIdentifier, tableNameOf } from '../db/postgres.ts'
import { PRIVATE_NO_STORE } from '../delivery/httpCaching.ts'

interface ArticleRow {
  id: number | string
  slug: string
  title: string
  summary: string | null
  dateline: string | null
  published_at: Date | null
}


/** Where the next page starts: the last article's publication time and id (ties are broken by id). */
interface Cursor {
  publishedAt: Date
  id: number
}

const encodeCursor = (row: ArticleRow) => (row.published_at ? Buffer.from(`${row.published_at.toISOString()}~${row.id}`).toString('base64url') : null)

function decodeCursor(text: string): Cursor | undefined {
  const [date, id] = Buffer.from(text, 'base64url').toString('utf8').split('~')
  const publishedAt = new Date(date ?? '')
  return Number.isNaN(publishedAt.getTime()) || !/^\d+$/.test(id ?? '') ? undefined : { publishedAt, id: Number(id) }
}
const MAX_LIMIT = 100

/**
 * The newest published articles citing one participant, newest first, a page at a time. Payload's own `where[participantsCited][in]` read counts every
 * match and joins the relationship table for the whole archive; this walks the
 * `(_status, published_at)` index backwards and stops at the page's end, so its cost follows the
 * page, not the archive (see BENCHMARKS.md).
 */
async function newestCiting(req: PayloadRequest, options: ResolvedNewsroomOptions, participantId: number | string, after: Cursor | null, limit: number): Promise<ArticleRow[]> {
  const db = postgresOf(req.payload)
  const articles = tableNameOf(db, options.slugs.articles)
  const participants = tableNameOf(db, options.slugs.participants)
  const { rows } = await db.pool!.query<ArticleRow>({
    name: `newsroom:${articles}:citing:${participants}`,
    text:
      `select a.id, a.slug, a.title, a.summary, a.dateline, a.published_at from ${qualified(db, articles)} a ` +
      `where a._status = 'published' and ($2::timestamptz is null or a.published_at < $2 or (a.published_at = $2 and a.id < $4)) ` +
      `and exists (select 1 from ${qualified(db, `${articles}_rels`)} r where r.parent_id = a.id and r.path = 'participantsCited' and r.${quoteIdentifier(`${participants}_id`)} = $1) ` +
      `order by a.published_at desc, a.id desc limit $3`,
    values: [participantId, after?.publishedAt ?? null, limit, after?.id ?? null],
  })
  return rows
}

/** `GET /api/participants/:idOrSlug/articles?limit=20&cursor=<nextCursor>`: public, published only. */
export const participantArticlesEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  path: '/:idOrSlug/articles',
  method: 'get',
  handler: async (req) => {
    const cacheControl = req.user ? PRIVATE_NO_STORE : options.delivery.cacheControl
    req.responseHeaders?.delete('Cache-Control')
    const idOrSlug = String(req.routeParams?.idOrSlug ?? '')
    const query = new URL(req.url ?? 'http://localhost').searchParams
    const limit = Number(query.get('limit') ?? 20)
    const cursorText = query.get('cursor')
    const cursor = cursorText ? decodeCursor(cursorText) : null
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return Response.json({ errors: [{ message: `limit must be a whole number from 1 to ${MAX_LIMIT}.` }] }, { status: 400 })
    }
    if (cursor === undefined) {
      return Response.json({ errors: [{ message: '`cursor` is not one this endpoint gave out; use the `nextCursor` of the previous page.' }] }, { status: 400 })
    }
    // The participant as this reader may see it: a draft participant is not found by the public.
    const { docs } = await req.payload.find({
      collection: options.slugs.participants as 'participants',
      where: /^\d+$/.test(idOrSlug) ? { id: { in: storableIds(req.payload, options.slugs.participants, [idOrSlug]) } } : { slug: { equals: idOrSlug } },
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: false,
      select: { name: true, slug: true },
      req,
    })
    req.responseHeaders?.delete('Cache-Control')
    const participant = docs[0] as { id: number; name: string; slug: string } | undefined
    if (!participant) return Response.json({ errors: [{ message: `No participant “${idOrSlug}”.` }] }, { status: 404, headers: { 'Cache-Control': cacheControl } })

    // One more than asked tells whether there is a next page without counting them all.
    const rows = await newestCiting(req, options, participant.id, cursor, limit + 1)
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return Response.json(
      {
        participant: { id: participant.id, name: participant.name, slug: participant.slug },
        docs: page.map((row) => ({ id: row.id, slug: row.slug, title: row.title, summary: row.summary, dateline: row.dateline, publishedAt: row.published_at?.toISOString() ?? null })),
        limit,
        hasNextPage: rows.length > limit,
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      },
      { headers: { 'Cache-Control': cacheControl } },
    )
  },
})
