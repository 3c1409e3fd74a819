import type { CollectionBeforeOperationHook } from 'payload'

import { Forbidden } from 'payload'

import { canPublish } from '../access/index.ts'

/**
 * What only editors may do to a document with drafts: publish it, unpublish it, or change its
 * published version. Writers create and edit drafts. Checked on the operation itself, so it holds
 * for REST, GraphQL and the Local API with a user, whatever the admin shows.
 */
/** The parts of a create or update operation's arguments this check reads. */
export type WriteArgs = {
  id?: number | string
  draft?: boolean
  data?: Record<string, unknown>
  overrideAccess?: boolean
}

export const enforceEditorialRoles: CollectionBeforeOperationHook = async ({
  args: rawArgs,
  collection,
  operation,
  req,
}) => {
  const args = rawArgs as WriteArgs
  if (operation !== 'create' && operation !== 'update') return rawArgs
  if (args.overrideAccess || !req.user || canPublish(req)) return rawArgs

  const draft = Boolean(args.draft)
  const status = args.data?._status
  if (status === 'published' || (operation === 'create' && !draft && status !== 'draft')) {
    throw new Forbidden(req.t)
  }
  if (operation === 'update' && !draft) {
    // Saving without `draft` writes the live version: publishing's twin, and unpublishing when
    // the status goes back to draft. Writers may only do it to documents that are not live.
    // a bulk update (no id) without `draft` could touch live documents
    if (args.id == null) throw new Forbidden(req.t)
    const ids = [args.id]
    const { totalDocs } = await req.payload.count({
      collection: collection.slug as 'articles',
      where: { and: [{ id: { in: ids } }, { _status: { equals: 'published' } }] },
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) throw new Forbidden(req.t)
  }
  return rawArgs
}
