import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { editorsOnly, shownPhotosOrStaff, staff } from '../access/index.ts'
import { COMPONENT_PATHS } from '../components/paths.ts'
import { confirmIssuerEndpoint } from '../endpoints/confirmIssuer.ts'
import { creditsReportEndpoint } from '../endpoints/creditsReport.ts'
import { creditGroupField, embeddedMetadataField, provenanceNote } from '../fields/creditFields.ts'
import { computeCreditProvenance } from '../hooks/computeCreditProvenance.ts'
import { importEmbeddedCredit, rememberDuplicatedCredit } from '../hooks/importEmbeddedCredit.ts'
import { journalPhotoUpload } from '../hooks/journalPhotoUpload.ts'
import { protectLivePhotos } from '../hooks/protectLivePhotos.ts'
import { rejectNonImageUploads } from '../hooks/rejectNonImageUploads.ts'
import { writeCreditIntoDerivatives } from '../hooks/writeCreditIntoDerivatives.ts'
import { mergeHooks } from './mergeHooks.ts'
import { cacheHeaderHooks, liveArticleGuard, snapshotUpkeepHooks } from './wiring.ts'

export { CREDIT_KINDS, type CreditKind } from '../model/credit.ts'

/** PhotoWithCredit: an image and everything needed to credit it correctly. */
export const photosCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const active = !options.disabled
  const upkeep = snapshotUpkeepHooks('photos', options)
  const guard = liveArticleGuard('photos', options)
  return {
    slug: options.slugs.photos,
    labels: { singular: 'Photo', plural: 'Photos' },
    admin: {
      useAsTitle: 'alt',
      defaultColumns: ['filename', 'alt', 'credit.line', 'credit.kind', 'updatedAt'],
      group: 'Newsroom',
      description:
        'Photos with their credit. A photo used in an article needs alt text, a credit line and a kind of credit before the article can be published.',
    },
    access: {
      read: shownPhotosOrStaff,
      create: staff,
      update: staff,
      delete: editorsOnly,
    },
    hooks: {
      // Refusing what is not a photo is a safety check, so it stays on even when the plugin is disabled.
      beforeOperation: [
        rejectNonImageUploads({ maxFileSize: options.photos.maxFileSize, maxPixels: options.photos.maxPixels }),
        protectLivePhotos(options.slugs.articles),
        ...guard.beforeOperation,
        ...(active ? [rememberDuplicatedCredit] : []),
        ...cacheHeaderHooks(options, 'public'),
      ],
      // Before Payload writes an upload's files, so the sweep knows which files are the plugin's.
      beforeValidate: active ? [journalPhotoUpload] : [],
      beforeChange: [...(active ? [importEmbeddedCredit(options.slugs.participants)] : []), ...guard.beforeChange],
      afterChange: [...(active ? [writeCreditIntoDerivatives] : []), ...(upkeep?.afterChange ?? [])],
      beforeDelete: [...guard.beforeDelete, ...(upkeep?.beforeDelete ?? [])],
      afterDelete: upkeep?.afterDelete ?? [],
    },
    endpoints: [
      ...(active ? [creditsReportEndpoint(options.slugs), confirmIssuerEndpoint(options.slugs.photos)] : []),
      ...guard.endpoints,
    ],
    upload: {
      staticDir: options.photos.staticDir,
      mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'],
      adminThumbnail: 'thumbnail',
      focalPoint: true,
      // Served as what they are, never sniffed into something a browser would run.
      modifyResponseHeaders: ({ headers }) => {
        headers.set('X-Content-Type-Options', 'nosniff')
        headers.set('Content-Security-Policy', "default-src 'none'; sandbox")
        return headers
      },
      imageSizes: [
        { name: 'thumbnail', width: 400, height: 300, position: 'attention', withoutEnlargement: false },
        { name: 'card', width: 800, withoutEnlargement: true },
        { name: 'feature', width: 1600, withoutEnlargement: true },
      ],
    },
    fields: [
      {
        name: 'alt',
        type: 'text',
        admin: { description: 'What the photo shows, for readers who cannot see it.' },
      },
      {
        name: 'caption',
        type: 'textarea',
        admin: { components: provenanceNote('caption', 'caption') },
      },
      creditGroupField(options.slugs.participants, options.usersSlug),
      ...guard.fields,
      {
        name: 'usage',
        type: 'ui',
        admin: {
          position: 'sidebar',
          components: {
            Field: { path: COMPONENT_PATHS.photoUsage, serverProps: { articlesSlug: options.slugs.articles } },
          },
        },
      },
      embeddedMetadataField(),
      {
        name: 'shownPublicly',
        type: 'checkbox',
        defaultValue: false,
        index: true,
        // Kept by the plugin from the articles that show the photo; nobody sets it by hand.
        access: { create: () => false, update: () => false },
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: 'Shown by a published article, so readers may see it. Photos of drafts stay private.',
        },
      },
      {
        name: 'rightsExpiryHandledAt',
        type: 'date',
        // Set by the rights task once it has dealt with an expiry; a later expiry date is handled again.
        access: { create: () => false, update: () => false },
        admin: {
          readOnly: true,
          position: 'sidebar',
          date: { pickerAppearance: 'dayAndTime' },
          condition: (data) => Boolean(data?.rightsExpiryHandledAt),
          description: 'When the expiry of the rights was handled: articles re-rendered without the photo and listed.',
        },
      },
      {
        name: 'creditProvenance',
        type: 'json',
        virtual: true,
        admin: { hidden: true },
        hooks: { afterRead: [computeCreditProvenance] },
      },
    ],
  }
}

/**
 * The host's own upload collection, given what the plugin's photos collection would have: its
 * credit fields (those the host lacks, by name), hooks and endpoints. The host keeps its upload
 * settings and access.
 */
export function withPhotoCredits(host: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig {
  const photos = photosCollection(options)
  const named = new Set(host.fields.flatMap((field) => ('name' in field ? [field.name] : [])))
  return {
    ...host,
    fields: [...host.fields, ...photos.fields.filter((field) => !('name' in field) || !named.has(field.name))],
    hooks: mergeHooks(photos.hooks, host.hooks),
    endpoints: [
      ...(Array.isArray(photos.endpoints) ? photos.endpoints : []),
      ...(Array.isArray(host.endpoints) ? host.endpoints : []),
    ],
  }
}
