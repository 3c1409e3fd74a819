import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { lockRowAndReadLastSave } from '../db/statements.ts'

/** The version the client says it edited: `If-Match: "<updatedAt>"` over HTTP, `context.expectedUpdatedAt` in the Local API. */
function expectedVersion(req: PayloadRequest, context: Record<string, unknown>): string | undefined {
  const fromContext = context.expectedUpdatedAt
  if (typeof fromContext === 'string' && fromContext) return fromContext
  const header = req.headers?.get('if-match')
  if (!header) return undefined
  return header.trim().replace(/^W\//, '').replace(/^"|"$/g, '') || undefined
}

/**
 * Optimistic concurrency for editors working through the API (the admin has Payload's document
 * locks): a save that names the version it was based on is refused with `412 Precondition Failed`
 * when someone else saved in between, instead of silently overwriting their work. The live row is
 * locked for the rest of the transaction first, so two such saves based on the same version cannot
 * both pass.
 */
export const enforceEditPrecondition: CollectionBeforeChangeHook = async ({
  collection,
  context,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  const expected = expectedVersion(req, context)
  if (!expected) return data
  const expectedTime = Date.parse(expected)
  if (Number.isNaN(expectedTime)) {
    throw new APIError(
      `If-Match must carry the document's updatedAt as you loaded it, e.g. "2026-11-28T09:00:00.000Z"; got ${expected}.`,
      400,
      undefined,
      true,
    )
  }

  const current = await lockRowAndReadLastSave(req, collection, originalDoc.id)
  if (current && Math.abs(current.getTime() - expectedTime) > 0) {
    throw new APIError(
      `Someone else saved this document at ${current.toISOString()}, after the version you edited (${new Date(expectedTime).toISOString()}). ` +
        'Reload it to see their changes, then apply yours again.',
      412,
      { currentUpdatedAt: current.toISOString() },
      true,
    )
  }
  return data
}
