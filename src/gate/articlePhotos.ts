import type { PhotoUse } from './types.ts'

import { inventoryBody } from './lexical.ts'

type Id = number | string

/** A relationship value as stored (an id) or populated (an object with an id). */
export function idOf(value: unknown): Id | undefined {
  if (value == null || value === '') return undefined
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

/**
 * Every place an article shows a photo: the hero photo, upload nodes in the body, and photos
 * inside blocks (stored as `{ relationTo, value }`), in reading order.
 */
export function findPhotoUses(doc: Record<string, unknown>, photosSlug: string): PhotoUse[] {
  const uses: PhotoUse[] = []
  const hero = idOf(doc.heroPhoto)
  if (hero !== undefined) uses.push({ photoId: hero, path: 'heroPhoto', place: 'hero photo' })

  const body = inventoryBody(doc.body)
  let imageNumber = 0
  for (const upload of body.uploads) {
    if (upload.relationTo !== photosSlug) continue
    imageNumber += 1
    const id = idOf(upload.value)
    if (id !== undefined) uses.push({ photoId: id, path: 'body', place: `body, image ${imageNumber}` })
  }
  for (const block of body.blocks) {
    for (const [field, value] of Object.entries(block.fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === 'object' && (item as { relationTo?: unknown }).relationTo === photosSlug) {
          const id = idOf((item as { value?: unknown }).value)
          if (id !== undefined) uses.push({ photoId: id, path: 'body', place: `body, ${block.blockType} block (${field})` })
        }
      }
    }
  }
  return uses
}

/** The distinct photo ids an article uses. */
export function photoIdsIn(doc: Record<string, unknown>, photosSlug: string): Id[] {
  return [...new Map(findPhotoUses(doc, photosSlug).map((use) => [String(use.photoId), use.photoId])).values()]
}
