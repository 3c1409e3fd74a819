import type { CollectionBeforeChangeHook } from 'payload'

import { articleReferences } from '../gate/articleReferences.ts'

/**
 * Keeps `photosUsed`, `participantsCited` and `statementsCited` in step with the article, so
 * "which articles use this photo, quote this participant, cite this statement?" are indexed
 * queries (used by the credits report, snapshot refreshes and webhooks).
 */
export const recordReferences =
  (slugs: { photos: string; participants: string; jointStatements: string }): CollectionBeforeChangeHook =>
  ({ data, originalDoc }) => {
    const references = articleReferences({ ...(originalDoc ?? {}), ...data }, slugs)
    data.photosUsed = references.photos
    data.participantsCited = references.participants
    data.statementsCited = references.statements
    return data
  }
