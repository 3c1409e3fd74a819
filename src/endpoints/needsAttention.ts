import type { Endpoint, PayloadRequest } from 'payload'

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

/**
 * `GET /api/articles/needs-attention` (editors and admins): the published articles that show a
 * photo whose rights have expired, each with those photos and when their rights ended. The photos
 * are already withheld from readers; the article needs a new photo or renewed rights. Two queries.
 */
export const needsAttentionEndpoint = (slugs: { photos: string; articles: string }): Endpoint => ({
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
    const { docs: articles } = expired.size
      ? await req.payload.find({
          collection: slugs.articles as 'articles',
          where: {
            and: [
              { _status: { equals: 'published' } },
              { photosUsed: { in: [...expired.values()].map((photo) => photo.id) } },
            ],
          },
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
        docs: articles.map(({ id, title, slug, publishedAt, photosUsed }) => ({
          id,
          title,
          slug,
          publishedAt,
          reason: 'photo-rights-expired',
          photos: (photosUsed ?? []).flatMap((used) => {
            const photo = expired.get(String(typeof used === 'object' ? used.id : used))
            return photo ? [photo] : []
          }),
        })),
      },
      { headers },
    )
  },
})
