import type { CollectionBeforeOperationHook } from 'payload'

import { Forbidden } from 'payload'

import type { WriteArgs } from './enforceEditorialRoles.ts'

import { canPublish } from '../access/index.ts'

/** The credit's fields as the collection defines them (a host's added credit fields included). */
function creditFieldNames(collection: {
  flattenedFields: { name: string; type: string; flattenedFields?: { name: string }[] }[]
}): string[] {
  const group = collection.flattenedFields.find((field) => field.name === 'credit' && field.type === 'group')
  return group?.flattenedFields?.map((field) => field.name) ?? []
}

/**
 * Only editors change the credit of a photo that a published article shows: readers have seen
 * that credit, so changing it is an editorial decision.
 */
export const protectPublishedCredits =
  (articlesSlug: string): CollectionBeforeOperationHook =>
  async ({ args: rawArgs, collection, operation, req }) => {
    const args = rawArgs as WriteArgs
    if (operation !== 'update' || args.overrideAccess || !req.user || canPublish(req)) return rawArgs
    const incoming = args.data?.credit as Record<string, unknown> | undefined
    if (!incoming || args.id == null) return rawArgs
    const current = (await req.payload.findByID({
      collection: collection.slug as 'photos',
      id: args.id,
      depth: 0,
      overrideAccess: true,
      req,
    })) as {
      credit?: Record<string, unknown>
    }
    const normalise = (value: unknown) =>
      value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : (value ?? null)
    const changes = creditFieldNames(collection as never).some(
      (field) => field in incoming && normalise(incoming[field]) !== normalise(current.credit?.[field]),
    )
    if (!changes) return rawArgs
    const { totalDocs } = await req.payload.count({
      collection: articlesSlug as 'articles',
      where: { and: [{ photosUsed: { in: [args.id] } }, { _status: { equals: 'published' } }] },
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0) throw new Forbidden(req.t)
    return rawArgs
  }
