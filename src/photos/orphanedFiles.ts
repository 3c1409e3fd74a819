import type { Payload } from 'payload'

import { readJournal, settleEntry } from './uploadJournal.ts'

/**
 * Payload writes an upload's files before it inserts the row; when the insert fails and the
 * record of the upload could not be settled then (the process stopped, the database was away),
 * the files stay on disk with no row. This settles the records of the photos folder's journal
 * (`uploadJournal.ts`) older than `olderThanMs`: the files such a record names that no row refers
 * to are removed, and the record with them. Nothing else in the folder is looked at, so a file the
 * plugin did not write, or an upload still in flight on this or another server, is never touched.
 * Returns the names removed.
 */
export async function removeOrphanedPhotoFiles(
  payload: Payload,
  photosSlug: string,
  { olderThanMs = 60 * 60 * 1000 } = {},
): Promise<string[]> {
  const collection = payload.collections[photosSlug as 'photos']?.config
  const upload = collection?.upload && typeof collection.upload === 'object' ? collection.upload : undefined
  if (!upload?.staticDir) return []
  const journal = await readJournal(upload.staticDir)
  if (journal.length === 0) return []

  const cutoff = Date.now() - olderThanMs
  const settling = journal.filter((entry) => entry.writtenAt <= cutoff)
  const inFlight = new Set(journal.filter((entry) => entry.writtenAt > cutoff).flatMap((entry) => entry.names))
  const removed: string[] = []
  for (const entry of settling) {
    // A record of another collection (the photos slug was renamed since) cannot be checked
    // against the rows that would name its files, so its files are left where they are.
    if (entry.collection !== undefined && entry.collection !== photosSlug) continue
    removed.push(...(await settleEntry(payload, upload.staticDir, entry, inFlight)))
  }
  if (removed.length > 0)
    payload.logger.info(`Removed ${removed.length} photo file(s) written by uploads that never got their row.`)
  return removed
}
