import type { CollectionConfig } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { slugField } from '../fields/slugField.ts'
import { nullListsAreEmpty, rejectMalformedRichText } from '../hooks/checkIncomingShapes.ts'
import { editorialAccess, editorialOperationHooks } from './editorial.ts'
import { cacheHeaderHooks, liveArticleGuard, publishGate, snapshotUpkeepHooks } from './wiring.ts'

/** A statement issued jointly by several participants; quotations can be checked against its text. */
export const jointStatementsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const slug = options.slugs.jointStatements
  const gate = publishGate('jointStatements', slug, options)
  const guard = liveArticleGuard('jointStatements', options)
  const upkeep = snapshotUpkeepHooks('jointStatements', options)
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
    access: editorialAccess,
    hooks: {
      beforeOperation: [
        rejectMalformedRichText(['text']),
        nullListsAreEmpty,
        ...editorialOperationHooks,
        ...guard.beforeOperation,
        ...cacheHeaderHooks(options, 'public'),
      ],
      beforeChange: [...gate.beforeChange, ...guard.beforeChange],
      ...upkeep,
      beforeDelete: [...guard.beforeDelete, ...(upkeep?.beforeDelete ?? [])],
    },
    endpoints: [...gate.endpoints, ...guard.endpoints],
    versions: { drafts: true, maxPerDoc: 50 },
    fields: [
      ...gate.checklist,
      ...guard.fields,
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
        validate: (value: unknown) => {
          if (value == null || value === '') return true
          try {
            const url = new URL(String(value))
            return url.protocol === 'https:' || url.protocol === 'http:'
              ? true
              : 'The source URL must start with http:// or https://.'
          } catch {
            return `“${String(value)}” is not a valid URL.`
          }
        },
      },
      slugField('title'),
    ],
  }
}
