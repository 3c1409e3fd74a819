import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { nobody, staff } from '../access/index.ts'
import { cacheHeaderHooks } from './wiring.ts'

/**
 * The complete public form of each published article, written when it is published and whenever
 * something it shows changes, so a public read is one indexed lookup. The plugin alone writes it.
 */
export const articleSnapshotsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.articleSnapshots,
  labels: { singular: 'Published snapshot', plural: 'Published snapshots' },
  admin: {
    group: 'Delivery',
    useAsTitle: 'slug',
    defaultColumns: ['slug', 'article', 'etag', 'updatedAt'],
    description:
      'What readers get for each published article; refreshed on publish and when a photo, participant or statement it shows changes. The delivery server reads these.',
    hidden: ({ user }) =>
      !(user as { roles?: string[] } | null)?.roles?.some((role) => role === 'admin' || role === 'editor'),
  },
  access: { read: staff, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: cacheHeaderHooks(options, 'private') },
  // The keyset walk of the latest-articles list, newest first.
  indexes: [{ fields: ['publishedAt', 'article'] }],
  fields: [
    {
      name: 'article',
      type: 'relationship',
      relationTo: options.slugs.articles,
      required: true,
      unique: true,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'slug', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    {
      name: 'etag',
      type: 'text',
      required: true,
      admin: { readOnly: true, description: 'A hash of what is served; changes only when the content does.' },
    },
    { name: 'publishedAt', type: 'date', admin: { readOnly: true } },
    // What lists show of the article, so they are answered from snapshots alone.
    { name: 'title', type: 'text', admin: { readOnly: true } },
    { name: 'summary', type: 'textarea', admin: { readOnly: true } },
    { name: 'dateline', type: 'text', admin: { readOnly: true } },
    {
      name: 'participants',
      type: 'relationship',
      relationTo: options.slugs.participants,
      hasMany: true,
      admin: { readOnly: true, description: 'The participants whose list of articles includes this one.' },
    },
    {
      name: 'surrogateKeys',
      type: 'text',
      admin: {
        readOnly: true,
        description:
          'Sent as Surrogate-Key and Cache-Tag: the article and everything it shows, for purging a CDN by key.',
      },
    },
    // Indexed for the start-up lookup of snapshots a previous renderer wrote; null on rows older than the field.
    {
      name: 'rendererVersion',
      type: 'number',
      index: true,
      admin: {
        readOnly: true,
        description: 'The renderer that wrote this snapshot; older ones are re-rendered when the app starts.',
      },
    },
    // Stored as serialized text, byte for byte what is served, so a read neither parses nor re-serializes.
    { name: 'document', type: 'code', required: true, admin: { language: 'json', readOnly: true } },
    { name: 'jsonLd', type: 'code', required: true, admin: { language: 'json', readOnly: true } },
    { name: 'html', type: 'code', required: true, admin: { language: 'html', readOnly: true } },
  ],
})
