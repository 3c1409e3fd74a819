import type { Endpoint } from 'payload'

import { hasRole } from '../access/index.ts'

/**
 * `GET /api/photos/credits?issuer=<participant id>` (editors and admins): every photo credited
 * to that issuer, with its credit and rights expiry (`rightsExpired` once it has passed), the
 * published articles that use it, and the articles still showing a photo whose rights expired.
 * Two queries whatever the number of photos.
 */
export const creditsReportEndpoint = (slugs: { photos: string; articles: string }): Endpoint => ({
  path: '/credits',
  method: 'get',
  handler: async (req) => {
    if (!req.user)
      return Response.json({ errors: [{ message: 'Sign in to see the credits report.' }] }, { status: 401 })
    if (!hasRole(req.user, 'editor') && !hasRole(req.user, 'admin')) {
      return Response.json({ errors: [{ message: 'The credits report is for editors.' }] }, { status: 403 })
    }
    const issuer = req.searchParams.get('issuer')
    if (!issuer || !/^\w+$/.test(issuer)) {
      return Response.json(
        { errors: [{ message: 'Say whose photos to list: ?issuer=<participant id>.' }] },
        { status: 400 },
      )
    }
    const issuerId = /^\d+$/.test(issuer) ? Number(issuer) : issuer

    const { docs: photos } = await req.payload.find({
      collection: slugs.photos as 'photos',
      where: { 'credit.issuer': { equals: issuerId } },
      depth: 0,
      limit: 0,
      pagination: false,
      sort: 'createdAt',
      req,
    })
    const photoIds = photos.map((photo) => photo.id)
    const { docs: articles } = photoIds.length
      ? await req.payload.find({
          collection: slugs.articles as 'articles',
          where: { and: [{ photosUsed: { in: photoIds } }, { _status: { equals: 'published' } }] },
          depth: 0,
          limit: 0,
          pagination: false,
          select: { title: true, slug: true, publishedAt: true, photosUsed: true },
          req,
        })
      : { docs: [] }

    const now = Date.now()
    const listed = photos.map((photo) => {
      const expiresAt = photo.credit?.rightsExpireAt
      return {
        id: photo.id,
        filename: photo.filename,
        alt: photo.alt,
        caption: photo.caption,
        url: photo.url,
        credit: photo.credit,
        rightsExpireAt: expiresAt ?? null,
        // Readers no longer see it; the articles below still carry it and need another photo.
        rightsExpired: Boolean(expiresAt) && Date.parse(expiresAt!) <= now,
        usedIn: articles
          .filter((article) =>
            (article.photosUsed ?? []).some(
              (used) => String(typeof used === 'object' ? used.id : used) === String(photo.id),
            ),
          )
          .map(({ id, title, slug, publishedAt }) => ({ id, title, slug, publishedAt })),
      }
    })
    const expired = listed.filter((photo) => photo.rightsExpired && photo.usedIn.length > 0)
    const showingExpired = new Map<string, { id: unknown; title: string; slug: unknown; photos: unknown[] }>()
    for (const photo of expired) {
      for (const article of photo.usedIn) {
        const entry = showingExpired.get(String(article.id)) ?? { ...article, photos: [] }
        entry.photos.push(photo.id)
        showingExpired.set(String(article.id), entry)
      }
    }

    return Response.json(
      {
        issuer: issuerId,
        totalPhotos: photos.length,
        photos: listed,
        articlesShowingExpiredPhotos: [...showingExpired.values()].map(({ id, title, slug, photos: ids }) => ({
          id,
          title,
          slug,
          photos: ids,
        })),
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  },
})
