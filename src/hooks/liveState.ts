import type { CollectionBeforeOperationHook, PayloadRequest, RequestContext } from 'payload'

import type { Id } from '../model/documents.ts'

/**
 * Set on a restore's request (`'draft'` or `'live'`), so the publish gate checks only a restore
 * that would be live, and knows that refusing it must change nothing.
 */
export const RESTORING_VERSION_CONTEXT = 'newsroomRestoringVersion'

const draftSaveKey = (slug: string) => `newsroomDraftSave:${slug}`

/**
 * Remembers whether an update or a restore writes a draft only (`draft: true`). That is an
 * argument of the operation, which change hooks do not receive; they read it with `savesDraftOnly`.
 */
export const rememberDraftSave: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const op = operation as string
  if (op === 'update' || op === 'updateByID' || op === 'restoreVersion')
    req.context[draftSaveKey(collection.slug)] = Boolean((args as { draft?: boolean }).draft)
  return args
}

/** Whether the save running now writes a draft only, leaving the live document as it is. */
export const savesDraftOnly = (context: RequestContext | undefined, slug: string): boolean =>
  context?.[draftSaveKey(slug)] === true || context?.[RESTORING_VERSION_CONTEXT] === 'draft'

/**
 * Whether the document's live row is published. A draft save, autosave included, writes a version
 * only and leaves the live row alone; publishing and unpublishing change it.
 */
export async function isLive(req: PayloadRequest, collection: string, id: Id | unknown): Promise<boolean> {
  const { totalDocs } = await req.payload.count({
    collection: collection as 'articles',
    where: { and: [{ id: { equals: id } }, { _status: { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}
