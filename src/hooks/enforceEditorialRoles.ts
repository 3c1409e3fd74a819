import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { canPublish } from '../access/index.ts'
import { isLive, RESTORING_VERSION_CONTEXT } from './liveState.ts'

/** The parts of a create, update or restore operation's arguments this check reads. */
export type WriteArgs = {
  id?: number | string
  draft?: boolean
  data?: Record<string, unknown>
  overrideAccess?: boolean
  where?: Record<string, unknown>
}

/** A 403 that says what only editors may do, and what a writer can do instead. */
const onlyEditors = (what: string, instead: string) =>
  new APIError(`You are not allowed to ${what}: only editors and admins may. ${instead}`, 403, undefined, true)

/**
 * A writer may restore an old version as the latest draft (`draft=true`); restoring it without
 * `draft` writes the live row, which publishes a published version and unpublishes a live document.
 */
async function checkRestore(req: PayloadRequest, collection: string, args: WriteArgs): Promise<void> {
  if (args.draft || args.id == null) return
  const version = (await req.payload
    .findVersionByID({ collection: collection as 'articles', id: String(args.id), depth: 0, overrideAccess: true, req })
    .catch(() => undefined)) as { parent?: unknown; version?: { _status?: string } } | undefined
  // An id that names no version is Payload's to answer (404).
  if (!version) return
  const instead = 'Restore it as a draft (draft=true) and ask an editor to publish it.'
  if (version.version?._status === 'published') throw onlyEditors('restore a published version', instead)
  if (await isLive(req, collection, version.parent))
    throw onlyEditors('restore a version over a live document', instead)
}

/**
 * What only editors may do to a document with drafts: publish it, unpublish it, or change its
 * published version — by create, update (by id or in bulk) or restoring a version. Writers create
 * and edit drafts. Checked on the operation itself, so it holds for REST, GraphQL and the Local
 * API with a user, whatever the admin shows.
 */
export const enforceEditorialRoles: CollectionBeforeOperationHook = async ({
  args: rawArgs,
  collection,
  operation,
  req,
}) => {
  const args = rawArgs as WriteArgs
  if ((operation as string) === 'restoreVersion') req.context[RESTORING_VERSION_CONTEXT] = args.draft ? 'draft' : 'live'
  if (args.overrideAccess || !req.user || canPublish(req)) return rawArgs

  if ((operation as string) === 'restoreVersion') {
    await checkRestore(req, collection.slug, args)
    return rawArgs
  }
  if (operation !== 'create' && operation !== 'update') return rawArgs

  const draft = Boolean(args.draft)
  const status = args.data?._status
  const saveAsDraft = 'Save it as a draft and ask an editor to publish it.'
  if (status === 'published' || (operation === 'create' && !draft && status !== 'draft')) {
    throw onlyEditors('publish', saveAsDraft)
  }
  if (operation === 'update' && !draft) {
    // Saving without `draft` writes the live version: publishing's twin, and unpublishing when
    // the status goes back to draft. Writers may only do it to documents that are not live. A bulk
    // update (no id) without `draft` could touch live documents, so it is refused whole.
    if (args.id == null) throw onlyEditors('change documents in bulk without draft=true', saveAsDraft)
    if (await isLive(req, collection.slug, args.id)) {
      throw onlyEditors('change or unpublish a live document', 'Save your change as a draft (draft=true).')
    }
  }
  return rawArgs
}
