import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../plugins/newsroom/options.ts'

import { anyone, signedIn } from '../access/index.ts'
import { rejectNonImageUploads } from '../hooks/rejectNonImageUploads.ts'

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
    create: signedIn,
    update: signedIn,
    delete: signedIn,
  },
  // Refusing what is not a photo is a safety check, so it stays on even when the plugin is disabled.
  hooks: { beforeOperation: [rejectNonImageUploads({ maxFileSize: options.photos.maxFileSize })] },
  upload: {
    staticDir: options.photos.staticDir,
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'],
    adminThumbnail: 'thumbnail',
    focalPoint: true,
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
          admin: { description: 'The credit as readers see it, e.g. “Ministry of Foreign Affairs”.' },
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
            { name: 'creator', type: 'text', label: 'Photographer', admin: { width: '50%' } },
            { name: 'source', type: 'text', admin: { width: '50%' } },
          ],
        },
        { name: 'copyright', type: 'text', label: 'Copyright notice' },
        { name: 'usageTerms', type: 'textarea', label: 'Usage terms' },
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
  ],
})
