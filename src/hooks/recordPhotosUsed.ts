import type { CollectionBeforeChangeHook } from 'payload'

import { photoIdsIn } from '../gate/articlePhotos.ts'

/**
 * Keeps `photosUsed` in step with the hero photo and the body, so "which articles use this
 * photo?" is one indexed query rather than a search through every body.
 */
export const recordPhotosUsed =
  (photosSlug: string): CollectionBeforeChangeHook =>
  ({ data, originalDoc }) => {
    const doc = { ...(originalDoc ?? {}), ...data }
    data.photosUsed = photoIdsIn(doc, photosSlug)
    return data
  }
