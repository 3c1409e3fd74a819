import type { TextField } from 'payload'

import { formatSlugFrom } from '../hooks/formatSlug.ts'

/**
 * A unique, indexed slug made from `sourceField` when left empty, editable in the sidebar.
 * `reserved`: words the collection's own endpoints use in the same place of a path (an article
 * slugged `latest` could never be read at `/api/articles/latest`).
 */
export const slugField = (sourceField: string, reserved: string[] = []): TextField => ({
  name: 'slug',
  type: 'text',
  unique: true,
  index: true,
  admin: {
    position: 'sidebar',
    description: `Used in URLs. Made from the ${sourceField} when left empty.`,
  },
  hooks: { beforeValidate: [formatSlugFrom(sourceField, reserved)] },
  validate: (value: unknown) => {
    if (value == null || value === '') return true
    if (reserved.includes(String(value)))
      return `“${String(value)}” is a word the public API uses in this place; choose another slug.`
    return /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u.test(String(value))
      ? true
      : 'A slug may contain only lower-case letters, digits and single hyphens.'
  },
})
