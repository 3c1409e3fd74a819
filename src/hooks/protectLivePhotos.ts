import type { CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

import { APIError } from 'payload'

import type { Id } from '../model/documents.ts'
import type { WriteArgs } from './enforceEditorialRoles.ts'

import { canPublish } from '../access/index.ts'

/** What readers see of a photo besides its credit: the words around it and where it is cropped. */
const SHOWN_FIELDS = ['alt', 'caption', 'focalX', 'focalY'] as const

/** The credit's fields as the collection defines them (a host's added credit fields included). */
function creditFieldNames(collection: {
  flattenedFields: { name: string; type: string; flattenedFields?: { name: string }[] }[]
}): string[] {
  const group = collection.flattenedFields.find((field) => field.name === 'credit' && field.type === 'group')
  return group?.flattenedFields?.map((field) => field.name) ?? []
}

/** Stored and incoming values compared as readers would see them: a relationship by id, a date by its time. */
function comparable(value: unknown): unknown {
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return Date.parse(value)
  }
  return value ?? null
}

/** Whether the request replaces the file or crops it again (the admin's crop and resize). */
function changesTheImage(req: PayloadRequest): boolean {
  if (req.file) return true
  const edits = req.query?.uploadEdits as
    { crop?: unknown; heightInPixels?: unknown; widthInPixels?: unknown } | undefined
  return Boolean(edits && typeof edits === 'object' && (edits.crop || edits.heightInPixels || edits.widthInPixels))
}

type StoredPhoto = Record<string, unknown> & { id: Id; credit?: Record<string, unknown> | null }

/** The names of what a request would change of a stored photo that readers see. */
function changedFields(stored: StoredPhoto, data: Record<string, unknown>, creditFields: string[]): string[] {
  const changed: string[] = SHOWN_FIELDS.filter(
    (field) => field in data && comparable(data[field]) !== comparable(stored[field]),
  )
  const credit = data.credit
  if (credit && typeof credit === 'object') {
    for (const field of creditFields) {
      if (
        field in credit &&
        comparable((credit as Record<string, unknown>)[field]) !== comparable(stored.credit?.[field])
      ) {
        changed.push(`credit.${field}`)
      }
    }
  }
  return changed
}

/**
 * Only editors change what readers see of a photo a published article shows — its credit, alt
 * text, caption, file, crop or focal point — by id or in bulk: readers have seen it, so changing it
 * is an editorial decision. A writer is answered 403 with the live articles named.
 */
export const protectLivePhotos =
  (articlesSlug: string): CollectionBeforeOperationHook =>
  async ({ args: rawArgs, collection, operation, req }) => {
    const args = rawArgs as WriteArgs
    if (operation !== 'update' || args.overrideAccess || !req.user || canPublish(req)) return rawArgs
    const data = args.data ?? {}
    const replacesImage = changesTheImage(req)
    const creditFields = creditFieldNames(collection as never)
    const mayChange =
      replacesImage || SHOWN_FIELDS.some((field) => field in data) || (data.credit && typeof data.credit === 'object')
    if (!mayChange) return rawArgs

    const where: Where = args.id != null ? { id: { equals: args.id } } : ((args.where as Where | undefined) ?? {})
    const { docs } = await req.payload.find({
      collection: collection.slug as 'photos',
      where,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      select: { alt: true, caption: true, focalX: true, focalY: true, credit: true },
      req,
    })
    const changes = new Map<string, string[]>()
    for (const photo of docs as unknown as StoredPhoto[]) {
      const fields = [...(replacesImage ? ['file'] : []), ...changedFields(photo, data, creditFields)]
      if (fields.length > 0) changes.set(String(photo.id), fields)
    }
    if (changes.size === 0) return rawArgs

    const { docs: live } = await req.payload.find({
      collection: articlesSlug as 'articles',
      where: { and: [{ photosUsed: { in: [...changes.keys()] } }, { _status: { equals: 'published' } }] },
      depth: 0,
      pagination: false,
      overrideAccess: true,
      select: { title: true, slug: true },
      req,
    })
    if (live.length === 0) return rawArgs
    const fields = [...new Set([...changes.values()].flat())]
    const titles = live.map((article) => `“${article.title}”`).join(', ')
    throw new APIError(
      `You are not allowed to change the ${fields.join(', ')} of a photo that published articles show (${titles}): ` +
        'readers have seen it, so only editors and admins may. Ask an editor to make the change.',
      403,
      { articles: live.map(({ id, title, slug }) => ({ id, title, slug })) },
      true,
    )
  }
