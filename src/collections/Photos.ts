import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../plugins/newsroom/options.ts'

import { anyone, editorsOnly, staff } from '../access/index.ts'
import { creditsReportEndpoint } from '../hooks/creditsReportEndpoint.ts'
import { importEmbeddedCredit } from '../hooks/importEmbeddedCredit.ts'
import { protectPublishedCredits } from '../hooks/protectPublishedCredits.ts'
import { rejectNonImageUploads } from '../hooks/rejectNonImageUploads.ts'
import { writeCreditIntoDerivatives } from '../hooks/writeCreditIntoDerivatives.ts'
import { COMPONENT_PATHS } from '../plugins/newsroom/componentPaths.ts'
import { computeCreditProvenance } from './photoProvenance.ts'


/** Shows, under a field, whether its value came from the file. */
const provenanceNote = (field: string, fieldPath: string) => ({
  afterInput: [{ path: COMPONENT_PATHS.creditProvenance, clientProps: { field, fieldPath } }],
})

const embeddedText = (name: string, label: string) => ({ name, label, type: 'text' as const, admin: { readOnly: true } })

export const CREDIT_KINDS = [
  { label: 'Staff', value: 'staff' },
  { label: 'Agency', value: 'agency' },
  { label: 'Handout', value: 'handout' },
  { label: 'Pool', value: 'pool' },
  { label: 'Freelance', value: 'freelance' },
  { label: 'Archive', value: 'archive' },
] as const

export type CreditKind = (typeof CREDIT_KINDS)[number]['value']

/** PhotoWithCredit: an image and everything needed to credit it correctly. */
export const photosCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.photos,
  labels: { singular: 'Photo', plural: 'Photos' },
  admin: {
    useAsTitle: 'alt',
    defaultColumns: ['filename', 'alt', 'credit.line', 'credit.kind', 'updatedAt'],
    group: 'Newsroom',
    description: 'Photos with their credit. A photo used in an article needs alt text, a credit line and a kind of credit before the article can be published.',
  },
  access: {
    read: anyone,
    create: staff,
    update: staff,
    delete: editorsOnly,
  },
  hooks: {
    // Refusing what is not a photo is a safety check, so it stays on even when the plugin is disabled.
    beforeOperation: [rejectNonImageUploads({ maxFileSize: options.photos.maxFileSize, maxPixels: options.photos.maxPixels }), protectPublishedCredits(options.slugs.articles)],
    ...(options.disabled ? {} : { beforeChange: [importEmbeddedCredit(options)], afterChange: [writeCreditIntoDerivatives] }),
  },
  endpoints: options.disabled ? [] : [creditsReportEndpoint(options.slugs)],
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
    {
      name: 'credit',
      type: 'group',
      admin: { description: 'Who took the photo and who handed it out. Shown with the photo wherever it is published.' },
      fields: [
        {
          name: 'line',
          type: 'text',
          label: 'Credit line',
          admin: { description: 'The credit as readers see it, e.g. “Ministry of Foreign Affairs”.', components: provenanceNote('line', 'credit.line') },
        },
        {
          type: 'row',
          fields: [
            { name: 'kind', type: 'select', options: [...CREDIT_KINDS], admin: { width: '50%' } },
            {
              name: 'issuer',
              type: 'relationship',
              relationTo: options.slugs.participants,
              admin: { width: '50%', description: 'Who handed the photo out (required for handouts).' },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'creator', type: 'text', label: 'Photographer', admin: { width: '50%', components: provenanceNote('creator', 'credit.creator') } },
            { name: 'source', type: 'text', admin: { width: '50%', components: provenanceNote('source', 'credit.source') } },
          ],
        },
        { name: 'copyright', type: 'text', label: 'Copyright notice', admin: { components: provenanceNote('copyright', 'credit.copyright') } },
        { name: 'usageTerms', type: 'textarea', label: 'Usage terms', admin: { components: provenanceNote('usageTerms', 'credit.usageTerms') } },
        {
          type: 'row',
          fields: [
            {
              name: 'rightsExpireAt',
              type: 'date',
              label: 'Rights expire at',
              admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' } },
            },
            {
              name: 'distributable',
              type: 'checkbox',
              defaultValue: true,
              admin: { width: '50%', description: 'May be passed on to partners and syndication.' },
            },
          ],
        },
      ],
    },
    {
      name: 'usage',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: { path: COMPONENT_PATHS.photoUsage, serverProps: { articlesSlug: options.slugs.articles } } },
      },
    },
    {
      name: 'embeddedMetadata',
      type: 'group',
      label: 'Embedded in the file',
      admin: {
        position: 'sidebar',
        description: 'The credit the file carried when it was uploaded (XMP or IPTC). Kept as it was, for comparison.',
      },
      fields: [
        {
          name: 'status',
          type: 'select',
          options: [
            { label: 'Read', value: 'read' },
            { label: 'No credit in the file', value: 'none' },
            { label: 'Could not be read', value: 'unreadable' },
          ],
          admin: { readOnly: true },
        },
        { name: 'error', type: 'text', admin: { readOnly: true, condition: (_, sibling) => Boolean(sibling?.error) } },
        embeddedText('line', 'Credit line'),
        embeddedText('creator', 'Creator'),
        embeddedText('source', 'Source'),
        embeddedText('copyright', 'Copyright notice'),
        { name: 'usageTerms', label: 'Usage terms', type: 'textarea', admin: { readOnly: true } },
        { name: 'caption', label: 'Caption', type: 'textarea', admin: { readOnly: true } },
        {
          name: 'truncated',
          type: 'text',
          hasMany: true,
          label: 'Cut by IPTC-IIM',
          admin: { readOnly: true, description: 'Fields whose IIM copy fills IIM’s maximum length; the XMP value, when present, is kept whole.' },
        },
      ],
    },
    {
      name: 'creditProvenance',
      type: 'json',
      virtual: true,
      admin: { hidden: true },
      hooks: { afterRead: [computeCreditProvenance] },
    },
  ],
})
