import type { CollectionConfig } from 'payload'

import type { CollectionOverride } from './options.ts'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** Appends the host's hooks after the plugin's, kind by kind. */
export function mergeHooks(base: CollectionConfig['hooks'] = {}, extra: CollectionConfig['hooks'] = {}): Hooks {
  const merged: Record<string, unknown[]> = { ...(base as Record<string, unknown[]>) }
  for (const [kind, hooks] of Object.entries(extra as Record<string, unknown[]>)) {
    merged[kind] = [...(merged[kind] ?? []), ...(hooks ?? [])]
  }
  return merged as Hooks
}

export function applyOverride(collection: CollectionConfig, override?: CollectionOverride): CollectionConfig {
  if (!override) return collection
  const { fields, hooks, admin, access, ...rest } = override
  return {
    ...collection,
    ...rest,
    admin: { ...collection.admin, ...admin },
    access: { ...collection.access, ...access },
    fields: fields ? fields({ defaultFields: collection.fields }) : collection.fields,
    hooks: mergeHooks(collection.hooks, hooks),
  }
}
