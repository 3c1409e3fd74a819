import type { TextField } from 'payload'

import { formatSlugFrom } from '../hooks/formatSlug.ts'

/** A unique, indexed slug made from `sourceField` when left empty, editable in the sidebar. */
export const slugField = (sourceField: string): TextField => ({
  name: 'slug',
  type: 'text',
  unique: true,
  index: true,
  admin: {
    position: 'sidebar',
    description: `Used in URLs. Made from the ${sourceField} when left empty.`,
  },
  hooks: { beforeValidate: [formatSlugFrom(sourceField)] },
  validate: (value: unknown) => {
    if (value == null || value === '') return true
    return /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u.test(String(value))
      ? true
      : 'A slug may contain only lower-case letters, digits and single hyphens.'
  },
})
