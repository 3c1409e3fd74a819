import type { FieldHook } from 'payload'

/**
 * Lower-case ASCII words joined by hyphens: "Türkiye’s envoy" → "turkiyes-envoy".
 * Letters outside Latin script are kept (a Cyrillic title still yields a usable slug).
 */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’'`]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}

/** Fills an empty slug from another field (the title or name) and normalises one an editor typed. */
export const formatSlugFrom =
  (sourceField: string): FieldHook =>
  ({ value, data, originalDoc }) => {
    if (typeof value === 'string' && value.trim() !== '') return slugify(value)
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    if (typeof source === 'string' && source.trim() !== '') return slugify(source)
    return value
  }
