import type { CollectionConfig } from 'payload'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** Appends the second set of hooks after the first, kind by kind. */
export function mergeHooks(base: CollectionConfig['hooks'] = {}, extra: CollectionConfig['hooks'] = {}): Hooks {
  const merged: Record<string, unknown[]> = { ...(base as Record<string, unknown[]>) }
  for (const [kind, hooks] of Object.entries(extra as Record<string, unknown[]>)) {
    merged[kind] = [...(merged[kind] ?? []), ...(hooks ?? [])]
  }
  return merged as Hooks
}
