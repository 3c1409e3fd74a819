import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { adminsOnly, editorsOnly, nobody } from '../access/index.ts'
import { ATTENTION_REASONS, ATTENTION_RESOLUTIONS } from '../model/attention.ts'
import { cacheHeaderHooks } from './wiring.ts'

/**
 * "Needs attention": one row per published article that a confirmed change to one of its sources
 * (or an expired photo right) left in breach of the publish rules — who confirmed it, when, and
 * what the rules found. Rows are written and resolved by the plugin only; they stay as a record
 * once resolved. The list view shows the open ones.
 */
export const needsAttentionCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.needsAttention,
  labels: { singular: 'Article needing attention', plural: 'Needs attention' },
  admin: {
    group: 'Newsroom',
    useAsTitle: 'title',
    defaultColumns: ['title', 'reason', 'acknowledgedBy', 'createdAt', 'status'],
    description:
      'Published articles that no longer pass the publish rules because a source changed after they were published. ' +
      'Fix the article (and publish it again) or the source; the item leaves the list by itself.',
    baseListFilter: () => ({ status: { equals: 'open' } }),
    hidden: ({ user }) => {
      const roles = (user as { roles?: string[] } | null)?.roles ?? []
      return !roles.includes('admin') && !roles.includes('editor')
    },
  },
  access: { read: editorsOnly, create: nobody, update: nobody, delete: adminsOnly },
  hooks: { beforeOperation: cacheHeaderHooks(options, 'private') },
  defaultSort: '-createdAt',
  fields: [
    { name: 'title', type: 'text', required: true, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: [
        { label: 'Open', value: 'open' },
        { label: 'Resolved', value: 'resolved' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'article',
      type: 'relationship',
      relationTo: options.slugs.articles,
      index: true,
      admin: { readOnly: true, description: 'Empty once the article has been deleted.' },
    },
    { name: 'reason', type: 'select', required: true, options: [...ATTENTION_REASONS], admin: { readOnly: true } },
    {
      type: 'group',
      name: 'source',
      admin: { readOnly: true },
      fields: [
        { name: 'collection', type: 'text', required: true, admin: { readOnly: true } },
        { name: 'documentId', type: 'text', required: true, index: true, admin: { readOnly: true } },
        { name: 'label', type: 'text', admin: { readOnly: true } },
      ],
    },
    {
      name: 'findings',
      type: 'json',
      admin: { readOnly: true, description: 'What the publish rules found in the published article after the change.' },
    },
    {
      name: 'acknowledgedBy',
      type: 'relationship',
      relationTo: options.usersSlug,
      admin: { readOnly: true, position: 'sidebar', description: 'Who confirmed the change.' },
    },
    { name: 'acknowledgedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'resolvedAt', type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'resolution',
      type: 'select',
      options: [...ATTENTION_RESOLUTIONS],
      admin: { readOnly: true, position: 'sidebar' },
    },
  ],
})
