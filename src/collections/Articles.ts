import type { CollectionConfig, UploadCollectionSlug } from 'payload'

import { BlocksFeature, lexicalEditor, UploadFeature } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { quoteBlock } from '../blocks/QuoteBlock.ts'
import { LATEST_ARTICLES_PATH } from '../delivery/publicRead.ts'
import { deliveryEndpoints } from '../endpoints/articleDelivery.ts'
import { needsAttentionEndpoint } from '../endpoints/needsAttention.ts'
import { publishAfterEmbargoEndpoint } from '../endpoints/publishAfterEmbargo.ts'
import { languageField } from '../fields/languageField.ts'
import { slugField } from '../fields/slugField.ts'
import { nullListsAreEmpty, rejectMalformedRichText } from '../hooks/checkIncomingShapes.ts'
import { clearArticleAttention } from '../hooks/clearArticleAttention.ts'
import { rememberDraftSave } from '../hooks/liveState.ts'
import { hideUnpublishedReferences } from '../hooks/hideUnpublishedReferences.ts'
import { keepPhotoVisibility } from '../hooks/keepPhotoVisibility.ts'
import { refreshSnapshotOnArticleChange, removeSnapshotOnArticleDelete } from '../hooks/keepSnapshotsCurrent.ts'
import { recordReferences } from '../hooks/recordReferences.ts'
import { setPublishedAt } from '../hooks/setPublishedAt.ts'
import { editorialAccess, editorialOperationHooks } from './editorial.ts'
import { cacheHeaderHooks, publishGate } from './wiring.ts'

export const PARTICIPANT_ROLES = [
  { label: 'Host', value: 'host' },
  { label: 'Guarantor', value: 'guarantor' },
  { label: 'Party', value: 'party' },
  { label: 'Observer', value: 'observer' },
  { label: 'Mediator', value: 'mediator' },
  { label: 'Other', value: 'other' },
] as const

/** Articles: the stories the desk writes, gated on publish, served from published snapshots. */
export const articlesCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const slug = options.slugs.articles
  const gate = publishGate('articles', slug, options, [setPublishedAt])
  const serves = !options.disabled
  // Which photos the public may see follows what is published, even with the plugin disabled.
  const photoVisibility = keepPhotoVisibility(options.slugs)
  const attention = clearArticleAttention(options)
  return {
    slug,
    labels: { singular: 'Article', plural: 'Articles' },
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', 'dateline', '_status', 'publishedAt', 'updatedAt'],
      group: 'Newsroom',
    },
    access: editorialAccess,
    versions: {
      drafts: { autosave: { interval: 2000 }, schedulePublish: true },
      maxPerDoc: 100,
    },
    defaultSort: '-publishedAt',
    // The public listing: published articles, newest first (Payload breaks ties by createdAt), read in
    // index order without reading past the drafts, whose publishedAt is empty and sorts first.
    indexes: [{ fields: ['_status', 'publishedAt', 'createdAt'] }],
    hooks: {
      beforeOperation: [
        rejectMalformedRichText(['body']),
        nullListsAreEmpty,
        ...editorialOperationHooks,
        ...(serves ? [rememberDraftSave] : []),
        ...cacheHeaderHooks(options, 'public'),
      ],
      beforeValidate: [photoVisibility.beforeValidate],
      beforeChange: [...gate.beforeChange, recordReferences(options.slugs)],
      afterChange: [
        photoVisibility.afterChange,
        ...(serves ? [refreshSnapshotOnArticleChange(options), attention.afterChange] : []),
      ],
      beforeDelete: serves ? [removeSnapshotOnArticleDelete(options), attention.beforeDelete] : [],
      afterDelete: [photoVisibility.afterDelete],
      afterRead: [hideUnpublishedReferences(options.slugs)],
    },
    // The public reads come first: they hand over to Payload's own endpoints for everything else.
    // A literal path goes before them, or `/:idOrSlug` would take it for a slug.
    endpoints: serves
      ? [
          needsAttentionEndpoint(options.slugs),
          publishAfterEmbargoEndpoint(options),
          ...deliveryEndpoints(options),
          ...gate.endpoints,
        ]
      : gate.endpoints,
    fields: [
      ...gate.checklist,
      { name: 'title', type: 'text', required: true },
      {
        type: 'row',
        fields: [
          {
            name: 'dateline',
            type: 'text',
            admin: { width: '50%', description: 'Where the story was filed, e.g. ASTANA.' },
          },
          {
            name: 'byline',
            type: 'text',
            admin: {
              width: '50%',
              description: 'A desk byline, e.g. “Staff report”, shown with or instead of the authors.',
            },
          },
        ],
      },
      { name: 'summary', type: 'textarea' },
      {
        name: 'heroPhoto',
        type: 'upload',
        relationTo: options.slugs.photos,
      },
      {
        name: 'body',
        type: 'richText',
        editor: lexicalEditor({
          features: ({ defaultFeatures }) => [
            ...defaultFeatures.filter((feature) => feature.key !== 'upload'),
            UploadFeature({ enabledCollections: [options.slugs.photos as UploadCollectionSlug] }),
            BlocksFeature({ blocks: [quoteBlock(options)] }),
          ],
        }),
      },
      {
        name: 'participants',
        type: 'array',
        labels: { singular: 'Participant', plural: 'Participants' },
        admin: { description: 'Who took part in the events reported, and in which role.' },
        fields: [
          {
            type: 'row',
            fields: [
              {
                name: 'participant',
                type: 'relationship',
                relationTo: options.slugs.participants,
                required: true,
                admin: { width: '60%' },
              },
              {
                name: 'role',
                type: 'select',
                options: [...PARTICIPANT_ROLES],
                required: true,
                admin: { width: '40%' },
              },
            ],
          },
        ],
      },
      {
        name: 'statements',
        type: 'relationship',
        relationTo: options.slugs.jointStatements,
        hasMany: true,
        admin: { description: 'Joint statements the article cites.' },
      },
      slugField('title', [LATEST_ARTICLES_PATH]),
      languageField({
        defaultValue: options.defaultLanguage,
        required: true,
        description: 'ISO 639-1 code of the language the article is written in, e.g. en, ru, kk.',
        admin: { position: 'sidebar' },
      }),
      {
        name: 'publishedAt',
        type: 'date',
        index: true,
        admin: {
          position: 'sidebar',
          date: { pickerAppearance: 'dayAndTime' },
          description: 'Set on first publish when left empty.',
        },
      },
      {
        name: 'authors',
        type: 'relationship',
        relationTo: options.usersSlug,
        hasMany: true,
        admin: { position: 'sidebar' },
      },
      { name: 'tags', type: 'text', hasMany: true, admin: { position: 'sidebar' } },
      {
        name: 'photosUsed',
        type: 'relationship',
        relationTo: options.slugs.photos,
        hasMany: true,
        index: true,
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: 'Every photo the article shows (hero and body), kept up to date on save.',
        },
      },
      {
        name: 'participantsCited',
        type: 'relationship',
        relationTo: options.slugs.participants,
        hasMany: true,
        index: true,
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: 'Every participant the article lists or quotes, kept up to date on save.',
        },
      },
      {
        name: 'statementsCited',
        type: 'relationship',
        relationTo: options.slugs.jointStatements,
        hasMany: true,
        index: true,
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: 'Every joint statement the article cites or quotes, kept up to date on save.',
        },
      },
      {
        name: 'issuedStatementsCited',
        type: 'relationship',
        relationTo: options.slugs.statements,
        hasMany: true,
        index: true,
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: 'Every statement the article quotes, kept up to date on save.',
        },
      },
    ],
  }
}
