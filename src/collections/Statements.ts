import type { CollectionConfig } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { languageField } from '../fields/languageField.ts'
import { slugField } from '../fields/slugField.ts'
import { embargoUntilField, translationsField, validateSourceUrl } from '../fields/translationsField.ts'
import { statementAccess } from './editorial.ts'
import { statementCollectionParts } from './wiring.ts'

export const STATEMENT_KINDS = [
  { label: 'Official comment', value: 'official-comment' },
  { label: 'Press release', value: 'press-release' },
  { label: 'Speech', value: 'speech' },
  { label: 'Briefing', value: 'briefing' },
  { label: 'Interview transcript', value: 'interview-transcript' },
  { label: 'Other', value: 'other' },
] as const

/**
 * One participant's own words on record (a ministry's comment, a speech, a briefing), kept with
 * the original text in its language and any translations, so quotations can be checked against it.
 */
export const statementsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const slug = options.slugs.statements
  const parts = statementCollectionParts('statements', options)
  return {
    slug,
    labels: { singular: 'Statement', plural: 'Statements' },
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', 'issuer', 'kind', 'issuedOn', 'language', '_status', 'updatedAt'],
      group: 'Newsroom',
      description:
        'What one state, organisation or person said or published on record, with the original text and its translations, so quotations can be checked against it.',
    },
    access: statementAccess,
    hooks: parts.hooks,
    endpoints: parts.endpoints,
    versions: { drafts: true, maxPerDoc: 50 },
    fields: [
      ...parts.leadingFields,
      { name: 'title', type: 'text', required: true },
      {
        type: 'row',
        fields: [
          {
            name: 'issuer',
            type: 'relationship',
            relationTo: options.slugs.participants,
            required: true,
            index: true,
            admin: { width: '50%', description: 'Who issued it: the ministry, the government, the person.' },
          },
          { name: 'kind', type: 'select', options: [...STATEMENT_KINDS], admin: { width: '50%' } },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'issuedOn', type: 'date', admin: { width: '50%', date: { pickerAppearance: 'dayOnly' } } },
          { name: 'place', type: 'text', admin: { width: '50%' } },
        ],
      },
      languageField({
        required: true,
        description: 'ISO 639-1 code of the language the statement was issued in (the text below), e.g. en, ru, kk.',
      }),
      {
        name: 'text',
        type: 'richText',
        editor: lexicalEditor(),
        admin: {
          description:
            'The statement as issued, in its original language. Quotations attributed to it are checked against this text and its translations.',
        },
      },
      { name: 'sourceUrl', type: 'text', label: 'Source URL', validate: validateSourceUrl },
      translationsField(),
      embargoUntilField(),
      slugField('title'),
    ],
  }
}
