import type { PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import type { Article } from '../model/documents.ts'

/**
 * The published version of an article, by id or slug, populated two levels deep (photos with
 * their issuers, participants, statements), exactly as an anonymous reader may see it, whoever
 * asks: these outputs are public, so a signed-in editor gets the same.
 */
export async function loadPublishedArticle(
  req: PayloadRequest,
  articlesSlug: string,
  idOrSlug: string,
): Promise<Article | undefined> {
  const byId = /^\d+$/.test(idOrSlug)
  const publicReq = await createLocalReq({}, req.payload)
  const { docs } = await req.payload.find({
    collection: articlesSlug as 'articles',
    where: {
      and: [
        byId ? { id: { equals: Number(idOrSlug) } } : { slug: { equals: idOrSlug } },
        { _status: { equals: 'published' } },
      ],
    },
    depth: 2,
    draft: false,
    limit: 1,
    overrideAccess: false,
    req: publicReq,
  })
  return docs[0]
}
