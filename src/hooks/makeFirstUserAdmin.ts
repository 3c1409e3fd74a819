import type { CollectionBeforeChangeHook } from 'payload'

/** The first account of a fresh install must be able to manage everything else. */
export const makeFirstUserAdmin: CollectionBeforeChangeHook = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: collection.slug, req, overrideAccess: true })
  if (totalDocs === 0) data.roles = ['admin']
  return data
}
