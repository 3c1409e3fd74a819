import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { resolveAttention } from '../integrity/attention.ts'
import { savesDraftOnly } from './liveState.ts'

/**
 * An article leaves the "Needs attention" list when it is published again (the publish gate has
 * just passed it), unpublished or deleted. Draft saves and autosaves leave the list alone.
 */
export const clearArticleAttention = (
  options: ResolvedNewsroomOptions,
): { afterChange: CollectionAfterChangeHook; beforeDelete: CollectionBeforeDeleteHook } => ({
  afterChange: async ({ collection, doc, operation, req }) => {
    if (operation !== 'update' || savesDraftOnly(req.context, collection.slug)) return doc
    await resolveAttention(
      req,
      options,
      [doc.id],
      doc._status === 'published' ? 'article-republished' : 'article-unpublished',
    )
    return doc
  },
  beforeDelete: async ({ id, req }) => {
    await resolveAttention(req, options, [id], 'article-deleted')
  },
})
