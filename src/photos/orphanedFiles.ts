import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * Payload writes an upload's files before it inserts the row; when the insert fails (the database
 * went away, the process was stopped in between) the files stay on disk with no row. This removes
 * files in the photos folder that no photo row names (original or size), once they are older than
 * `olderThanMs`, so an upload still in flight is never touched. Returns the names removed.
 */
export async function removeOrphanedPhotoFiles(
  payload: Payload,
  photosSlug: string,
  { olderThanMs = 60 * 60 * 1000 } = {},
): Promise<string[]> {
  const collection = payload.collections[photosSlug as 'photos']?.config
  const staticDir =
    collection?.upload && typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
  if (!staticDir) return []
  let entries: string[]
  try {
    entries = await fs.readdir(staticDir)
  } catch {
    return []
  }
  if (entries.length === 0) return []

  // Every name a row refers to; a page at a time, so a large archive is not read at once.
  const named = new Set<string>()
  for (let page = 1; ; page += 1) {
    const { docs, hasNextPage } = await payload.find({
      collection: photosSlug as 'photos',
      depth: 0,
      limit: 1000,
      page,
      overrideAccess: true,
      select: { filename: true, sizes: true },
    })
    for (const doc of docs as {
      filename?: string | null
      sizes?: Record<string, { filename?: string | null } | undefined> | null
    }[]) {
      if (doc.filename) named.add(doc.filename)
      for (const size of Object.values(doc.sizes ?? {})) if (size?.filename) named.add(size.filename)
    }
    if (!hasNextPage) break
  }

  const removed: string[] = []
  const cutoff = Date.now() - olderThanMs
  for (const entry of entries) {
    if (named.has(entry)) continue
    const file = path.join(staticDir, entry)
    const stat = await fs.stat(file).catch(() => undefined)
    if (!stat?.isFile() || stat.mtimeMs > cutoff) continue
    await fs.unlink(file).catch(() => undefined)
    removed.push(entry)
  }
  if (removed.length > 0)
    payload.logger.info(
      `Removed ${removed.length} photo file(s) that no photo refers to (left by uploads that did not complete).`,
    )
  return removed
}
