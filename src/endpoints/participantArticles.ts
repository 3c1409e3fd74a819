import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { storableIds } from '../db/ids.ts'
import { deliveryTablesOf, runPublicQuery } from '../delivery/cmsReads.ts'
import { PRIVATE_NO_STORE } from '../delivery/httpCaching.ts'
import {
  ifNoneMatchHits,
  JSON_TYPE,
  type ListedArticleRow,
  participantArticlesPage,
  participantArticlesQuery,
  participantNotFoundBody,
  publicHeaders,
  readListQuery,
} from '../delivery/publicRead.ts'

/**
 * `GET /api/participants/:idOrSlug/articles?limit=20&cursor=<nextCursor>`: the published articles
 * citing a participant, newest first, a keyset page at a time, read from the snapshots (what the
 * delivery server answers, byte for byte). Public; the participant is looked up as the caller may
 * see it, so the desk also gets the list of a participant not yet published.
 */
export const participantArticlesEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  path: '/:idOrSlug/articles',
  method: 'get',
  handler: async (req) => {
    const cacheControl = req.user ? PRIVATE_NO_STORE : options.delivery.cacheControl
    req.responseHeaders?.delete('Cache-Control')
    const idOrSlug = String(req.routeParams?.idOrSlug ?? '')
    const query = readListQuery(new URL(req.url ?? 'http://localhost').searchParams)
    if ('error' in query) return new Response(query.error, { status: 400, headers: { 'Content-Type': JSON_TYPE } })
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
    const participant = docs[0] as { id: number; name: string; slug?: string | null } | undefined
    if (!participant)
      return new Response(participantNotFoundBody(idOrSlug), {
        status: 404,
        headers: publicHeaders({ contentType: JSON_TYPE, cacheControl, keys: [] }),
      })

    // One more than asked tells whether there is a next page without counting them all.
    const rows = await runPublicQuery<ListedArticleRow>(
      req.payload,
      participantArticlesQuery(
        deliveryTablesOf(req.payload, options.slugs),
        participant.id,
        query.cursor,
        query.limit + 1,
      ),
    )
    const page = participantArticlesPage(
      { id: participant.id, name: participant.name, slug: participant.slug || String(participant.id) },
      rows,
      query.limit,
    )
    const headers = publicHeaders({ contentType: JSON_TYPE, etag: page.etag, cacheControl, keys: page.keys })
    if (ifNoneMatchHits(req.headers.get('if-none-match'), page.etag))
      return new Response(null, { status: 304, headers })
    return new Response(page.body, { status: 200, headers })
  },
})
