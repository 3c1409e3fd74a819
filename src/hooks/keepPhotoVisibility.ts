import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeValidateHook } from 'payload'

import type { Id } from '../model/documents.ts'

import { refreshPhotoVisibility } from '../db/statements.ts'
import { distinctIds, idOf } from '../model/documents.ts'

const photoIdsOf = (doc: Record<string, unknown> | undefined) =>
  (Array.isArray(doc?.photosUsed) ? doc.photosUsed : []).flatMap((value) => {
    const id = idOf(value)
    return id === undefined ? [] : [id]
  })

const liveKey = (collection: string, id: unknown) => `newsroomLivePhotos:${collection}:${String(id)}`

/**
 * A photo is public while a published article shows it. Each save of an article sets the photos
 * its live version showed before and shows now from what is published; a delete, those it showed.
 * The photos the live version showed are read before the save, since `previousDoc` is the latest
 * draft, not what readers saw. The `afterChange` hook goes first among the article's, so the
 * snapshot written next may show the photos to the public.
 */
export const keepPhotoVisibility = (slugs: {
  articles: string
  photos: string
}): {
  beforeValidate: CollectionBeforeValidateHook
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
} => ({
  beforeValidate: async ({ collection, data, operation, originalDoc, req }) => {
    if (operation !== 'update' || originalDoc?.id == null) return data
    const { docs } = await req.payload.find({
      collection: collection.slug as 'articles',
      where: { id: { equals: originalDoc.id } },
      draft: false,
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: true,
      select: { photosUsed: true },
      req,
    })
    // On `req.context`, read after the lookup: a Local API call given `req` may hand it a new context object.
    req.context[liveKey(collection.slug, originalDoc.id)] = photoIdsOf(docs[0] as Record<string, unknown> | undefined)
    return data
  },
  afterChange: async ({ collection, doc, previousDoc, req }) => {
    const before = (req.context[liveKey(collection.slug, doc.id)] as Id[] | undefined) ?? []
    await refreshPhotoVisibility(req, slugs, distinctIds([...before, ...photoIdsOf(previousDoc), ...photoIdsOf(doc)]))
    return doc
  },
  afterDelete: async ({ doc, req }) => {
    await refreshPhotoVisibility(req, slugs, distinctIds(photoIdsOf(doc)))
    return doc
  },
})
