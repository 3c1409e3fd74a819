import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { isStorableId } from '../db/ids.ts'
import { deliveryTablesOf, runPublicQuery } from '../delivery/cmsReads.ts'
import { PRIVATE_NO_STORE } from '../delivery/httpCaching.ts'
import {
  articleNotFoundBody,
  ifNoneMatchHits,
  JSON_TYPE,
  LATEST_ARTICLES_PATH,
  latestArticlesPage,
  latestArticlesQuery,
  type ListedArticleRow,
  ORIGIN_PLACEHOLDER,
  publicHeaders,
  readListQuery,
  type Representation,
  REPRESENTATIONS,
  snapshotQuery,
  type SnapshotReadRow,
  storedKeys,
  strongEtag,
} from '../delivery/publicRead.ts'
import { publicOrigin, renderPublishedArticle } from '../delivery/snapshots.ts'

/** Marks the plugin's own endpoints, so a request they pass on goes to the next one (Payload's). */
const DELIVERY_MARK = 'newsroomDelivery'

const notFound = (idOrSlug: string, cacheControl: string) =>
  new Response(articleNotFoundBody(idOrSlug), {
    status: 404,
    headers: publicHeaders({ contentType: JSON_TYPE, cacheControl, keys: [] }),
  })

function idOrSlugOf(req: PayloadRequest): string | undefined {
  const value = req.routeParams?.idOrSlug
  if (typeof value !== 'string' || !/^[\p{L}\p{N}-]{1,200}$/u.test(value)) return undefined
  // All digits: an id, and one that can exist.
  if (/^\d+$/.test(value) && !isStorableId(req.payload, String(req.routeParams?.collection ?? 'articles'), value))
    return undefined
  return value
}

/** Payload's own endpoint for this path (the next one after the plugin's), if any. */
function payloadsEndpoint(req: PayloadRequest, path: string): PayloadHandler | undefined {
  const slug = req.routeParams?.collection
  const endpoints = typeof slug === 'string' ? req.payload.collections[slug as 'articles']?.config.endpoints : undefined
  if (!Array.isArray(endpoints)) return undefined
  return endpoints.find(
    (endpoint) => endpoint.method === 'get' && endpoint.path === path && !endpoint.custom?.[DELIVERY_MARK],
  )?.handler
}

/**
 * Reads that are not the plain public one (a signed-in user, or query parameters that shape the
 * result: depth, select, draft, locale…) go to Payload's own find-by-id, a slug first being turned
 * into the id the reader may see.
 */
async function payloadsOwnRead(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  idOrSlug: string,
): Promise<Response> {
  const findByID = payloadsEndpoint(req, '/:id')
  if (!findByID) return notFound(idOrSlug, PRIVATE_NO_STORE)
  if (!/^\d+$/.test(idOrSlug)) {
    const { docs } = await req.payload.find({
      collection: options.slugs.articles as 'articles',
      where: { slug: { equals: idOrSlug } },
      depth: 0,
      draft: req.query?.draft === 'true',
      limit: 1,
      pagination: false,
      overrideAccess: false,
      select: {},
      req,
    })
    // The find set its own header; this endpoint's answer decides it.
    req.responseHeaders?.delete('Cache-Control')
    if (!docs[0]) return notFound(idOrSlug, req.user ? PRIVATE_NO_STORE : options.delivery.cacheControl)
    req.routeParams = { ...req.routeParams, id: String(docs[0].id) }
  } else {
    req.routeParams = { ...req.routeParams, id: idOrSlug }
  }
  return findByID(req)
}

const hasQuery = (req: PayloadRequest) => new URL(req.url ?? 'http://localhost').search.length > 1

/**
 * A public representation of a published article from its snapshot: one indexed query, a strong
 * ETag, `304` when the reader already has it. Without a snapshot (an article published before
 * snapshots existed) the same bytes are rendered from the live data.
 */
const serveFromSnapshot =
  (options: ResolvedNewsroomOptions, representation: Representation): PayloadHandler =>
  async (req) => {
    const idOrSlug = idOrSlugOf(req)
    const { column, tag, contentType } = REPRESENTATIONS[representation]
    // Looking up the signed-in user is itself a read; what this endpoint serves decides the header.
    req.responseHeaders?.delete('Cache-Control')
    const cacheControl = req.user ? PRIVATE_NO_STORE : options.delivery.cacheControl

    if (representation === 'document') {
      // `/versions`, `/count`, … are Payload's, not slugs.
      const literal = idOrSlug ? payloadsEndpoint(req, `/${idOrSlug}`) : undefined
      if (literal) return literal(req)
      if (!idOrSlug) return notFound(String(req.routeParams?.idOrSlug ?? ''), cacheControl)
      if (req.user || hasQuery(req)) return payloadsOwnRead(req, options, idOrSlug)
    }
    if (!idOrSlug) return notFound(String(req.routeParams?.idOrSlug ?? ''), cacheControl)

    // The JSON-LD holds absolute URLs: with no configured public URL they use the request's origin.
    const origin =
      representation === 'jsonLd' && !publicOrigin(options, req.payload)
        ? (req.origin ?? new URL(req.url ?? 'http://localhost').origin)
        : undefined
    const tables = deliveryTablesOf(req.payload, options.slugs)
    const headersFor = (etag: string, keys: string[]) => publicHeaders({ etag, cacheControl, keys })

    const ifNoneMatch = req.headers.get('if-none-match')
    if (ifNoneMatch) {
      const [current] = await runPublicQuery<SnapshotReadRow>(req.payload, snapshotQuery(tables, idOrSlug, null))
      const etag = current && strongEtag(current.etag, tag, origin)
      if (current && etag && ifNoneMatchHits(ifNoneMatch, etag))
        return new Response(null, { status: 304, headers: headersFor(etag, storedKeys(current.surrogate_keys)) })
    }

    const [stored] = await runPublicQuery<SnapshotReadRow>(req.payload, snapshotQuery(tables, idOrSlug, column))
    let row: { etag: string; body: string; keys: string[] }
    if (stored) {
      row = { etag: stored.etag, body: stored.body ?? '', keys: storedKeys(stored.surrogate_keys) }
    } else {
      const live = await renderPublishedArticle(req, options, idOrSlug)
      if (!live) return notFound(idOrSlug, cacheControl)
      row = { etag: live.etag, body: live[representation], keys: live.surrogateKeys }
    }
    const etag = strongEtag(row.etag, tag, origin)
    const body = origin ? row.body.replaceAll(ORIGIN_PLACEHOLDER, origin) : row.body
    return new Response(body, {
      status: 200,
      headers: publicHeaders({ contentType, etag, cacheControl, keys: row.keys }),
    })
  }

/**
 * `GET /api/articles/latest?limit=20&cursor=<nextCursor>`: the newest published articles, a keyset
 * page at a time, from the snapshots (what the delivery server answers, byte for byte).
 */
const latestArticles =
  (options: ResolvedNewsroomOptions): PayloadHandler =>
  async (req) => {
    req.responseHeaders?.delete('Cache-Control')
    const cacheControl = req.user ? PRIVATE_NO_STORE : options.delivery.cacheControl
    const query = readListQuery(new URL(req.url ?? 'http://localhost').searchParams)
    if ('error' in query) return new Response(query.error, { status: 400, headers: { 'Content-Type': JSON_TYPE } })
    const rows = await runPublicQuery<ListedArticleRow>(
      req.payload,
      latestArticlesQuery(deliveryTablesOf(req.payload, options.slugs), query.cursor, query.limit + 1),
    )
    const page = latestArticlesPage(rows, query.limit)
    const headers = publicHeaders({ contentType: JSON_TYPE, etag: page.etag, cacheControl, keys: page.keys })
    if (ifNoneMatchHits(req.headers.get('if-none-match'), page.etag))
      return new Response(null, { status: 304, headers })
    return new Response(page.body, { status: 200, headers })
  }

/**
 * `GET /api/articles/:idOrSlug` (the article as REST returns it at depth 2), `/:idOrSlug/jsonld`
 * and `/:idOrSlug/html`, served from published snapshots. They come before Payload's own
 * endpoints and hand over to them for everything that is not a plain public read.
 */
export const deliveryEndpoints = (options: ResolvedNewsroomOptions): Endpoint[] => [
  {
    path: `/${LATEST_ARTICLES_PATH}`,
    method: 'get',
    handler: latestArticles(options),
    custom: { [DELIVERY_MARK]: true },
  },
  {
    path: '/:idOrSlug/jsonld',
    method: 'get',
    handler: serveFromSnapshot(options, 'jsonLd'),
    custom: { [DELIVERY_MARK]: true },
  },
  {
    path: '/:idOrSlug/html',
    method: 'get',
    handler: serveFromSnapshot(options, 'html'),
    custom: { [DELIVERY_MARK]: true },
  },
  {
    path: '/:idOrSlug',
    method: 'get',
    handler: serveFromSnapshot(options, 'document'),
    custom: { [DELIVERY_MARK]: true },
  },
]
