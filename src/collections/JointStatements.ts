import type { CollectionConfig } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { languageField } from '../fields/languageField.ts'
import { slugField } from '../fields/slugField.ts'
import { embargoUntilField, translationsField, validateSourceUrl } from '../fields/translationsField.ts'
import { statementAccess } from './editorial.ts'
import { statementCollectionParts } from './wiring.ts'

/** A statement issued jointly by several participants; quotations can be checked against its text. */
export const jointStatementsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const slug = options.slugs.jointStatements
  const parts = statementCollectionParts('jointStatements', options)
  return {
    slug,
    labels: { singular: 'Joint statement', plural: 'Joint statements' },
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', 'issuedOn', 'place', '_status', 'updatedAt'],
      group: 'Newsroom',
      description:
        'Statements issued jointly by states or organisations, kept with their full text so quotations can be checked against it.',
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
          { name: 'issuedOn', type: 'date', admin: { width: '33%', date: { pickerAppearance: 'dayOnly' } } },
          { name: 'place', type: 'text', admin: { width: '33%' } },
          {
            name: 'event',
            type: 'text',
            admin: { width: '34%', description: 'e.g. the 20th round of the Astana-format talks on Syria' },
          },
        ],
      },
      {
        name: 'signatories',
        type: 'relationship',
        relationTo: options.slugs.participants,
        hasMany: true,
      },
      languageField({
        defaultValue: 'en',
        required: true,
        description: 'ISO 639-1 code of the language of the text below, e.g. en, ru, kk.',
      }),
      {
        name: 'text',
        type: 'richText',
        editor: lexicalEditor(),
        admin: {
          description: 'The statement as issued, in full. Quotations attributed to it are checked against this text.',
        },
      },
      {
        name: 'sourceUrl',
        type: 'text',
        label: 'Source URL',
        validate: validateSourceUrl,
      },
      translationsField(),
      embargoUntilField(),
      slugField('title'),
    ],
  }
}
