import type { Endpoint, PayloadRequest, Where } from 'payload'

import type { Id } from '../model/documents.ts'

import { canPublish } from '../access/index.ts'

/** A photo whose rights have expired, as the lists for editors show it. */
export interface ExpiredPhoto {
  id: Id
  filename?: string | null
  alt?: string | null
  creditLine?: string | null
  rightsExpireAt: string
}

/** The photos whose rights have expired by `now`, by id. */
export async function expiredPhotosAmong(
  req: PayloadRequest,
  photosSlug: string,
  now: Date,
  ids?: Id[],
): Promise<Map<string, ExpiredPhoto>> {
  const { docs } = await req.payload.find({
    collection: photosSlug as 'photos',
    where: {
      and: [{ 'credit.rightsExpireAt': { less_than_equal: now.toISOString() } }, ...(ids ? [{ id: { in: ids } }] : [])],
    },
    depth: 0,
    overrideAccess: true,
    pagination: false,
    sort: 'credit.rightsExpireAt',
    select: { filename: true, alt: true, credit: { line: true, rightsExpireAt: true } },
    req,
  })
  return new Map(
    docs.map((photo) => [
      String(photo.id),
      {
        id: photo.id,
        filename: photo.filename,
        alt: photo.alt,
        creditLine: photo.credit?.line,
        rightsExpireAt: photo.credit!.rightsExpireAt!,
      },
    ]),
  )
}

/** An open item of the "Needs attention" collection, as the endpoint lists it under its article. */
interface OpenItem {
  id: Id
  reason: string
  source: { collection: string; documentId: string; label?: string | null }
  findings: unknown
  acknowledgedBy?: Id | null
  acknowledgedAt?: string | null
  createdAt: string
}

/**
 * `GET /api/articles/needs-attention` (editors and admins): the published articles that need an
 * editor — those a confirmed change to a source left in breach of the publish rules (the open
 * items of the "Needs attention" collection: who confirmed what, when, and what the rules found)
 * and those that show a photo whose rights have expired (listed from the photos themselves, so
 * before the rights task has run too). Three queries, however many articles.
 */
export const needsAttentionEndpoint = (slugs: {
  photos: string
  articles: string
  needsAttention: string
}): Endpoint => ({
  path: '/needs-attention',
  method: 'get',
  handler: async (req) => {
    const headers = { 'Cache-Control': 'private, no-store' }
    if (!req.user)
      return Response.json({ errors: [{ message: 'Sign in to see what needs attention.' }] }, { status: 401, headers })
    if (!canPublish(req))
      return Response.json(
        { errors: [{ message: 'The list of articles that need attention is for editors.' }] },
        { status: 403, headers },
      )
    const expired = await expiredPhotosAmong(req, slugs.photos, new Date())
    const { docs: openItems } = await req.payload.find({
      collection: slugs.needsAttention as 'needs-attention',
      where: { status: { equals: 'open' } },
      depth: 0,
      overrideAccess: true,
      pagination: false,
      sort: '-createdAt',
      req,
    })
    const itemsByArticle = new Map<string, OpenItem[]>()
    for (const item of openItems) {
      if (item.article == null) continue
      const articleId = String(typeof item.article === 'object' ? item.article.id : item.article)
      const acknowledgedBy = item.acknowledgedBy
      itemsByArticle.set(articleId, [
        ...(itemsByArticle.get(articleId) ?? []),
        {
          id: item.id,
          reason: item.reason,
          source: item.source,
          findings: item.findings,
          acknowledgedBy: typeof acknowledgedBy === 'object' && acknowledgedBy ? acknowledgedBy.id : acknowledgedBy,
          acknowledgedAt: item.acknowledgedAt,
          createdAt: item.createdAt,
        },
      ])
    }
    const showing: Where[] = []
    if (expired.size) showing.push({ photosUsed: { in: [...expired.values()].map((photo) => photo.id) } })
    if (itemsByArticle.size) showing.push({ id: { in: [...itemsByArticle.keys()] } })
    const { docs: articles } = showing.length
      ? await req.payload.find({
          collection: slugs.articles as 'articles',
          where: { and: [{ _status: { equals: 'published' } }, { or: showing }] },
          depth: 0,
          draft: false,
          overrideAccess: true,
          pagination: false,
          sort: '-publishedAt',
          select: { title: true, slug: true, publishedAt: true, photosUsed: true },
          req,
        })
      : { docs: [] }
    return Response.json(
      {
        totalDocs: articles.length,
        docs: articles.map(({ id, title, slug, publishedAt, photosUsed }) => {
          const photos = (photosUsed ?? []).flatMap((used) => {
            const photo = expired.get(String(typeof used === 'object' ? used.id : used))
            return photo ? [photo] : []
          })
          const items = itemsByArticle.get(String(id)) ?? []
          const reasons = [
            ...new Set([...(photos.length ? ['photo-rights-expired'] : []), ...items.map((i) => i.reason)]),
          ]
          return { id, title, slug, publishedAt, reason: reasons[0], reasons, photos, items }
        }),
      },
      { headers },
    )
  },
})
