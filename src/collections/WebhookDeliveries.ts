import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { adminsOnly, nobody } from '../access/index.ts'
import { cacheHeaderHooks } from './wiring.ts'

/** One row per event and receiver: what was sent, and how each attempt went. */
export const webhookDeliveriesCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.webhookDeliveries,
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    group: 'Delivery',
    useAsTitle: 'event',
    defaultColumns: ['event', 'url', 'status', 'attempts', 'lastError', 'createdAt'],
    description: 'Signed events sent to frontends and CDNs. Failed attempts are retried with increasing waits.',
    hidden: ({ user }) => !(user as { roles?: string[] } | null)?.roles?.includes('admin'),
  },
  access: { read: adminsOnly, create: nobody, update: nobody, delete: adminsOnly },
  hooks: { beforeOperation: cacheHeaderHooks(options, 'private') },
  defaultSort: '-createdAt',
  fields: [
    { name: 'event', type: 'text', required: true, index: true, admin: { readOnly: true } },
    {
      name: 'eventId',
      type: 'text',
      required: true,
      index: true,
      admin: { readOnly: true, description: 'The same for every receiver of one event.' },
    },
    { name: 'url', type: 'text', required: true, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending', value: 'pending' },
        { label: 'Retrying', value: 'retrying' },
        { label: 'Delivered', value: 'delivered' },
        { label: 'Failed', value: 'failed' },
      ],
      admin: { readOnly: true },
    },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0, admin: { readOnly: true } },
    { name: 'responseStatus', type: 'number', admin: { readOnly: true } },
    { name: 'lastError', type: 'text', admin: { readOnly: true } },
    { name: 'deliveredAt', type: 'date', admin: { readOnly: true } },
    {
      name: 'payload',
      type: 'json',
      required: true,
      admin: { readOnly: true, description: 'The JSON body, as signed.' },
    },
  ],
})
