import type { FieldHook } from 'payload'

import { ValidationError } from 'payload'

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

/**
 * Fills an empty slug from another field (the title or name) and normalises one an editor typed.
 * `reserved`: words the collection's endpoints use where a slug goes. A slug made from the title
 * steps aside (`latest-1`); one typed by the editor is refused, drafts included (Payload does not
 * validate drafts, and the slug would be stuck on the article when it is published).
 */
export const formatSlugFrom =
  (sourceField: string, reserved: string[] = []): FieldHook =>
  ({ value, data, originalDoc, path }) => {
    if (typeof value === 'string' && value.trim() !== '') {
      const typed = slugify(value)
      if (reserved.includes(typed))
        throw new ValidationError({
          errors: [
            {
              path: path?.join('.') ?? 'slug',
              message: `“${typed}” is a word the public API uses in this place; choose another slug.`,
            },
          ],
        })
      return typed
    }
    const source = data?.[sourceField] ?? originalDoc?.[sourceField]
    if (typeof source === 'string' && source.trim() !== '') {
      const made = slugify(source)
      return reserved.includes(made) ? `${made}-1` : made
    }
    return value
  }
