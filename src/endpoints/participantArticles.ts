import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { storableIds } from '../db/ids.ts'
import { type CitingArticleRow, newestPublishedCiting, type PublishedCursor } from '../db/statements.ts'
import { PRIVATE_NO_STORE } from '../delivery/httpCaching.ts'

const encodeCursor = (row: CitingArticleRow) =>
  row.published_at ? Buffer.from(`${row.published_at.toISOString()}~${row.id}`).toString('base64url') : null

function decodeCursor(text: string): PublishedCursor | undefined {
  const [date, id] = Buffer.from(text, 'base64url').toString('utf8').split('~')
  const publishedAt = new Date(date ?? '')
  return Number.isNaN(publishedAt.getTime()) || !/^\d+$/.test(id ?? '') ? undefined : { publishedAt, id: Number(id) }
}
const MAX_LIMIT = 100

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
      return Response.json(
        { errors: [{ message: `limit must be a whole number from 1 to ${MAX_LIMIT}.` }] },
        { status: 400 },
      )
    }
    if (cursor === undefined) {
      return Response.json(
        {
          errors: [
            { message: '`cursor` is not one this endpoint gave out; use the `nextCursor` of the previous page.' },
          ],
        },
        { status: 400 },
      )
    }
    // The participant as this reader may see it: a draft participant is not found by the public.
    const { docs } = await req.payload.find({
      collection: options.slugs.participants as 'participants',
      where: /^\d+$/.test(idOrSlug)
        ? { id: { in: storableIds(req.payload, options.slugs.participants, [idOrSlug]) } }
        : { slug: { equals: idOrSlug } },
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: false,
      select: { name: true, slug: true },
      req,
    })
    req.responseHeaders?.delete('Cache-Control')
    const participant = docs[0] as { id: number; name: string; slug: string } | undefined
    if (!participant)
      return Response.json(
        { errors: [{ message: `No participant “${idOrSlug}”.` }] },
        { status: 404, headers: { 'Cache-Control': cacheControl } },
      )

    // One more than asked tells whether there is a next page without counting them all.
    const rows = await newestPublishedCiting(req.payload, options.slugs, participant.id, cursor, limit + 1)
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return Response.json(
      {
        participant: { id: participant.id, name: participant.name, slug: participant.slug },
        docs: page.map((row) => ({
          id: row.id,
          slug: row.slug,
          title: row.title,
          summary: row.summary,
          dateline: row.dateline,
          publishedAt: row.published_at?.toISOString() ?? null,
        })),
        limit,
        hasNextPage: rows.length > limit,
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      },
      { headers: { 'Cache-Control': cacheControl } },
    )
  },
})
