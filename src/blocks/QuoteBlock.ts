import type { Block } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { languageField } from '../fields/languageField.ts'

export const QUOTE_MANNERS = [
  { label: 'Official comment', value: 'official-comment' },
  { label: 'Joint statement', value: 'joint-statement' },
  { label: 'Statement', value: 'statement' },
  { label: 'Interview', value: 'interview' },
  { label: 'Press conference', value: 'press-conference' },
  { label: 'Other', value: 'other' },
] as const

/** A quotation in the article body, attributed to who said it and in what manner. */
export const quoteBlock = (options: ResolvedNewsroomOptions): Block => ({
  slug: 'quote',
  interfaceName: 'QuoteBlock',
  labels: { singular: 'Quote', plural: 'Quotes' },
  fields: [
    {
      name: 'text',
      type: 'textarea',
      admin: {
        description: 'The words as said or written, without surrounding quotation marks. Mark omissions with “…”.',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'attributedTo',
          type: 'relationship',
          relationTo: [options.slugs.participants, options.slugs.jointStatements, options.slugs.statements],
          admin: { width: '50%', description: 'Who said it, or the statement it is taken from.' },
        },
        { name: 'manner', type: 'select', options: [...QUOTE_MANNERS], admin: { width: '25%' } },
        { name: 'saidOn', type: 'date', admin: { width: '25%', date: { pickerAppearance: 'dayOnly' } } },
      ],
    },
    languageField({
      name: 'translatedFrom',
      label: 'Translated from',
      description: 'Only when the desk translated the quotation itself: the language of the original',
    }),
  ],
})
