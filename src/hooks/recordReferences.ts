import type { CollectionBeforeChangeHook } from 'payload'

import { type ArticleSlugs, readArticle, referencesOf } from '../article/inventory.ts'

/**
 * Keeps `photosUsed`, `participantsCited` and `statementsCited` in step with the article, so
 * "which articles use this photo, quote this participant, cite this statement?" are indexed
 * queries (used by the credits report, snapshot refreshes and webhooks).
 */
export const recordReferences =
  (slugs: ArticleSlugs): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req }) => {
    const references = referencesOf(readArticle({ ...(originalDoc ?? {}), ...data }, slugs, req))
    data.photosUsed = references.photos
    data.participantsCited = references.participants
    data.statementsCited = references.statements
    return data
  }
