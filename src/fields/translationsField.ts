import type { ArrayField, DateField } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import { languageField } from './languageField.ts'

/** Checks a source link: empty, or an http(s) URL. */
export function validateSourceUrl(value: unknown): true | string {
  if (value == null || value === '') return true
  try {
    const url = new URL(String(value))
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? true
      : 'The source URL must start with http:// or https://.'
  } catch {
    return `“${String(value)}” is not a valid URL.`
  }
}

/**
 * Translations of a statement's text: each in one language, official when the issuer published
 * it, with where it was published.
 */
export const translationsField = (): ArrayField => ({
  name: 'translations',
  type: 'array',
  labels: { singular: 'Translation', plural: 'Translations' },
  admin: {
    description:
      'The text in other languages. Mark a translation as official only when the issuer published it itself.',
    initCollapsed: true,
  },
  fields: [
    {
      type: 'row',
      fields: [
        languageField({ required: true, description: 'ISO 639-1 code of this translation.', admin: { width: '50%' } }),
        {
          name: 'official',
          type: 'checkbox',
          defaultValue: true,
          admin: { width: '50%', description: 'Published by the issuer, not made by the desk or an agency.' },
        },
      ],
    },
    { name: 'text', type: 'richText', editor: lexicalEditor() },
    { name: 'sourceUrl', type: 'text', label: 'Source URL', validate: validateSourceUrl },
  ],
})

/** Until when a statement may not be quoted or shown: empty when it is not under embargo. */
export const embargoUntilField = (): DateField => ({
  name: 'embargoUntil',
  type: 'date',
  label: 'Embargoed until',
  admin: {
    position: 'sidebar',
    date: { pickerAppearance: 'dayAndTime' },
    description:
      'When the issuer released the statement under embargo: the moment it may be published. Leave empty otherwise.',
  },
})
