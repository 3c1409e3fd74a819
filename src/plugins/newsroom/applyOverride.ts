import type { CollectionConfig } from 'payload'

import type { CollectionOverride } from '../../options/types.ts'

import { mergeHooks } from '../../collections/mergeHooks.ts'

/**
 * A host's changes to one of the plugin's collections: fields through the host's function, hooks
 * and endpoints after the plugin's own (so its checks keep running), `admin` and `access` merged
 * key by key, anything else replaced.
 */
export function applyOverride(collection: CollectionConfig, override?: CollectionOverride): CollectionConfig {
  if (!override) return collection
  const { fields, hooks, admin, access, endpoints, ...rest } = override
  const ours = Array.isArray(collection.endpoints) ? collection.endpoints : []
  return {
    ...collection,
    ...rest,
    admin: { ...collection.admin, ...admin },
    access: { ...collection.access, ...access },
    fields: fields ? fields({ defaultFields: collection.fields }) : collection.fields,
    hooks: mergeHooks(collection.hooks, hooks),
    endpoints: endpoints === false ? false : [...ours, ...(endpoints ?? [])],
  }
}
