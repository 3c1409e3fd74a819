import type { CollectionBeforeChangeHook } from 'payload'

/** Stamps the first publication time, unless an editor set one (e.g. for a backdated story). */
export const setPublishedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data._status === 'published' && !data.publishedAt && !originalDoc?.publishedAt) {
    data.publishedAt = new Date().toISOString()
  }
  return data
}
