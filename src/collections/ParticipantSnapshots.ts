import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { nobody, staff } from '../access/index.ts'
import { cacheHeaderHooks } from './wiring.ts'

/**
 * The public identity (name, slug) of each published participant, kept beside the article
 * snapshots so that a participant's list of articles is answered from snapshot tables alone (the
 * delivery server reads nothing else). The plugin alone writes it.
 */
export const participantSnapshotsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.participantSnapshots,
  labels: { singular: 'Published participant', plural: 'Published participants' },
  admin: {
    group: 'Delivery',
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'participant', 'updatedAt'],
    description:
      'What readers get of each published participant; refreshed when it is published, changed or withdrawn.',
    hidden: ({ user }) =>
      !(user as { roles?: string[] } | null)?.roles?.some((role) => role === 'admin' || role === 'editor'),
  },
  access: { read: staff, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: cacheHeaderHooks(options, 'private') },
  fields: [
    {
      name: 'participant',
      type: 'relationship',
      relationTo: options.slugs.participants,
      required: true,
      unique: true,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'slug', type: 'text', required: true, unique: true, index: true, admin: { readOnly: true } },
    { name: 'name', type: 'text', required: true, admin: { readOnly: true } },
  ],
})
