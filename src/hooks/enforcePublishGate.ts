import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { createLocalReq, ValidationError } from 'payload'

import type { Finding, GateTarget } from '../gate/types.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { evaluatePublish } from '../gate/evaluate.ts'
import { RESTORING_VERSION_CONTEXT } from './liveState.ts'

/** Marks the draft save made on a refused publish, so it is not checked again. */
export const KEEP_DRAFT_CONTEXT = 'newsroomKeepDraft'

/** One message per field: the admin shows one error under each field. */
function toFieldErrors(errors: Finding[]): { path: string; message: string }[] {
  const byPath = new Map<string, string[]>()
  for (const error of errors) byPath.set(error.path, [...(byPath.get(error.path) ?? []), error.message])
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join(' ') }))
}

/**
 * Saves what the editor sent as the latest draft, outside the publish's transaction (which the
 * refusal rolls back), so a refused publish loses nothing.
 */
async function keepAsDraft(req: PayloadRequest, collection: string, id: number | string, doc: Record<string, unknown>) {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...data } = doc
  const draftReq = await createLocalReq(
    { user: req.user ?? undefined, context: { [KEEP_DRAFT_CONTEXT]: true } },
    req.payload,
  )
  await req.payload.update({
    collection: collection as 'articles',
    id,
    data: { ...data, _status: 'draft' } as never,
    draft: true,
    overrideAccess: true,
    req: draftReq,
  })
}

/**
 * The publish gate. Runs whenever a document becomes published — admin, REST, GraphQL, Local API,
 * a scheduled publish, a bulk update or a restored version — and never on a draft save, an autosave
 * or a version restored as a draft.
 */
export const enforcePublishGate =
  (target: GateTarget, options: ResolvedNewsroomOptions): CollectionBeforeChangeHook =>
  async ({ collection, context, data, operation, originalDoc, req }) => {
    if (data._status !== 'published' || context?.[KEEP_DRAFT_CONTEXT]) return data
    // A version restored as a draft carries the status it was saved with, but is not published.
    const restoring = context?.[RESTORING_VERSION_CONTEXT]
    if (restoring === 'draft') return data

    // On update `data` holds only what changed; the gate judges the whole document as published.
    const doc = { ...(originalDoc ?? {}), ...data }
    const report = await evaluatePublish({ req, target, doc, options })
    if (report.ok) return data

    // A refused restore changes nothing: the version is still there to restore once it is fixed.
    if (operation === 'update' && originalDoc?.id != null && !restoring) {
      try {
        await keepAsDraft(req, collection.slug, originalDoc.id, doc)
      } catch (error) {
        req.payload.logger.error({
          err: error,
          msg: `Could not keep the refused publish of ${collection.slug} #${originalDoc.id} as a draft`,
        })
      }
    }
    throw new ValidationError(
      { collection: collection.slug, id: originalDoc?.id, errors: toFieldErrors(report.errors) },
      req.t,
    )
  }
