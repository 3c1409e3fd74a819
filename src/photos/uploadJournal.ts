import type { Payload, Where } from 'payload'

import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * The journal of uploads in flight: one small JSON file per upload, in a folder of the plugin's
 * own inside the photos folder, written before Payload writes the upload's files and removed once
 * the save has ended. A file per upload, rather than one shared file, because servers sharing the
 * photos folder (a shared volume) then never rewrite each other's records.
 *
 * The journal is the only thing the orphaned-file sweep trusts: a file is removed only when an
 * entry names it, so a file the plugin did not write is never touched.
 */
export const JOURNAL_FOLDER = '.newsroom-uploads'

export interface JournalEntry {
  /** The entry's own file. */
  file: string
  /** The collection the upload was made in; `undefined` when the entry cannot be read. */
  collection: string | undefined
  /** The original's name first, then each image size's. */
  names: string[]
  /** When the entry was written (its file's modification time). */
  writtenAt: number
}

/**
 * Only a bare file name can be removed: an entry is a file on disk, and one edited by hand or
 * damaged must not reach outside the photos folder.
 */
const isBareName = (name: unknown): name is string =>
  typeof name === 'string' && name !== '.' && name !== '..' && /^[^/\\\0]+$/.test(name)

const journalDir = (staticDir: string) => path.join(staticDir, JOURNAL_FOLDER)

/** Records that an upload is about to write `names` into `staticDir`. Returns the entry. */
export async function recordUpload(staticDir: string, collection: string, names: string[]): Promise<JournalEntry> {
  const dir = journalDir(staticDir)
  const file = path.join(dir, `${Date.now()}-${randomUUID()}.json`)
  const body = JSON.stringify({ collection, names: names.filter(isBareName) }) + '\n'
  // Another save may remove the folder when it empties (see `forgetEntry`) between the two calls.
  for (let attempt = 0; ; attempt += 1) {
    await fs.mkdir(dir, { recursive: true })
    try {
      await fs.writeFile(file, body, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 2) throw error
    }
  }
  return { file, collection, names: names.filter(isBareName), writtenAt: Date.now() }
}

/** Every entry in the journal of `staticDir`, oldest first. */
export async function readJournal(staticDir: string): Promise<JournalEntry[]> {
  const dir = journalDir(staticDir)
  let files: string[]
  try {
    files = await fs.readdir(dir)
  } catch {
    return []
  }
  const entries: JournalEntry[] = []
  for (const name of files.filter((file) => file.endsWith('.json')).sort()) {
    const file = path.join(dir, name)
    const stat = await fs.stat(file).catch(() => undefined)
    if (!stat?.isFile()) continue
    let parsed: { collection?: unknown; names?: unknown } = {}
    try {
      parsed = JSON.parse(await fs.readFile(file, 'utf8')) as typeof parsed
    } catch {
      // Unreadable: written by a process that stopped mid-write, before any upload file was written.
    }
    entries.push({
      file,
      collection: typeof parsed.collection === 'string' ? parsed.collection : undefined,
      names: Array.isArray(parsed.names) ? parsed.names.filter(isBareName) : [],
      writtenAt: stat.mtimeMs,
    })
  }
  return entries
}

/** Which of `names` a stored row of `slug` still refers to, in its main row or any version. */
async function namesInUse(payload: Payload, slug: string, names: string[]): Promise<Set<string>> {
  const config = payload.collections[slug as 'photos']?.config
  if (!config) throw new Error(`there is no collection "${slug}" to look the files up in`)
  const sizes = typeof config.upload === 'object' ? (config.upload.imageSizes ?? []).map((size) => size.name) : []
  const matching = (prefix: string): Where => ({
    or: [
      { [`${prefix}filename`]: { in: names } },
      ...sizes.map((size) => ({ [`${prefix}sizes.${size}.filename`]: { in: names } })),
    ],
  })
  type Files = { filename?: string | null; sizes?: Record<string, { filename?: string | null } | null> | null }
  const used = new Set<string>()
  const note = (files: Files | undefined) => {
    if (files?.filename) used.add(files.filename)
    for (const size of Object.values(files?.sizes ?? {})) if (size?.filename) used.add(size.filename)
  }
  const rows = await payload.find({
    collection: slug as 'photos',
    where: matching(''),
    depth: 0,
    pagination: false,
    overrideAccess: true,
    trash: true,
  })
  for (const row of rows.docs as Files[]) note(row)
  // A draft saved over a published document keeps its new file in a version only.
  if (config.versions) {
    const versions = await payload.findVersions({
      collection: slug as 'photos',
      where: matching('version.'),
      depth: 0,
      pagination: false,
      overrideAccess: true,
      trash: true,
    })
    for (const version of versions.docs as { version?: Files }[]) note(version.version)
  }
  return used
}

async function forgetEntry(entry: JournalEntry): Promise<void> {
  await fs.rm(entry.file, { force: true })
  // An empty journal leaves nothing behind in the photos folder; a folder another save has just
  // written into is not empty, and stays.
  await fs.rmdir(path.dirname(entry.file)).catch(() => undefined)
}

/**
 * Ends an entry: the files it names that no row of its collection refers to, and no entry in
 * `stillInFlight` names, are removed; then the entry itself. Returns the names removed. Throws,
 * keeping the entry, when the database cannot be asked.
 */
export async function settleEntry(
  payload: Payload,
  staticDir: string,
  entry: JournalEntry,
  stillInFlight: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const removed: string[] = []
  if (entry.collection && entry.names.length > 0) {
    const used = await namesInUse(payload, entry.collection, entry.names)
    // Sizes before the original: Payload picks a new upload's name by whether the original's file
    // exists, so while it is there no other upload can be given these names.
    for (const name of [...entry.names].reverse()) {
      if (used.has(name) || stillInFlight.has(name)) continue
      const file = path.join(staticDir, name)
      const stat = await fs.lstat(file).catch(() => undefined)
      if (!stat?.isFile()) continue
      await fs.unlink(file)
      removed.push(name)
    }
  }
  await forgetEntry(entry)
  return removed.reverse()
}

/** Settles `entry` once its save has ended, leaving alone the files of every other upload in flight. */
export async function settleAfterSave(payload: Payload, staticDir: string, entry: JournalEntry): Promise<string[]> {
  const others = (await readJournal(staticDir)).filter((other) => other.file !== entry.file)
  return settleEntry(payload, staticDir, entry, new Set(others.flatMap((other) => other.names)))
}
