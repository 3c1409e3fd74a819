import type { CollectionBeforeOperationHook, RequestContext } from 'payload'

import { RESTORING_VERSION_CONTEXT } from './enforceEditorialRoles.ts'

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
