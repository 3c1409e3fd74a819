import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { participantArticlesEndpoint } from '../endpoints/participantArticles.ts'
import { countryField } from '../fields/countryField.ts'
import { slugField } from '../fields/slugField.ts'
import { wikidataField } from '../fields/wikidataField.ts'
import { nullListsAreEmpty } from '../hooks/checkIncomingShapes.ts'
import { editorialAccess, editorialOperationHooks } from './editorial.ts'
import { cacheHeaderHooks, liveArticleGuard, publishGate, snapshotUpkeepHooks } from './wiring.ts'

export const PARTICIPANT_KINDS = [
  { label: 'State', value: 'state' },
  { label: 'Government', value: 'government' },
  { label: 'Ministry', value: 'ministry' },
  { label: 'International organization', value: 'international-organization' },
  { label: 'Opposition', value: 'opposition' },
  { label: 'Delegation', value: 'delegation' },
  { label: 'Person', value: 'person' },
] as const

export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number]['value']

/** States, governments, ministries, organisations and people that take part in a story. */
export const participantsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const slug = options.slugs.participants
  const gate = publishGate('participants', slug, options)
  const guard = liveArticleGuard('participants', options)
  const upkeep = snapshotUpkeepHooks('participants', options)
  return {
    slug,
    labels: { singular: 'Participant', plural: 'Participants' },
    admin: {
      useAsTitle: 'name',
      defaultColumns: ['name', 'kind', 'country', '_status', 'updatedAt'],
      group: 'Newsroom',
      description:
        'States, governments, ministries, organisations and people that statements, quotes and photo credits are attributed to.',
    },
    access: editorialAccess,
    hooks: {
      beforeOperation: [
        nullListsAreEmpty,
        ...editorialOperationHooks,
        ...guard.beforeOperation,
        ...cacheHeaderHooks(options, 'public'),
      ],
      beforeChange: [...gate.beforeChange, ...guard.beforeChange],
      ...upkeep,
      beforeDelete: [...guard.beforeDelete, ...(upkeep?.beforeDelete ?? [])],
    },
    endpoints: [
      ...(options.disabled ? [] : [participantArticlesEndpoint(options)]),
      ...gate.endpoints,
      ...guard.endpoints,
    ],
    versions: { drafts: true, maxPerDoc: 50 },
    fields: [
      ...gate.checklist,
      ...guard.fields,
      { name: 'name', type: 'text', required: true, index: true },
      {
        name: 'shortName',
        type: 'text',
        admin: { description: 'How the story usually names it, e.g. "Kazakh Foreign Ministry".' },
      },
      {
        name: 'aliases',
        type: 'text',
        hasMany: true,
        admin: {
          description:
            'Other spellings and names used in credits and copy, e.g. "Turkey" for Türkiye, "MFA of Kazakhstan".',
        },
      },
      {
        name: 'kind',
        type: 'select',
        required: true,
        options: [...PARTICIPANT_KINDS],
        index: true,
      },
      countryField(),
      {
        name: 'parent',
        type: 'relationship',
        relationTo: options.slugs.participants,
        admin: { description: 'The body this one belongs to, e.g. a ministry’s government or state.' },
        filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
      },
      wikidataField(),
      slugField('name'),
    ],
  }
}
