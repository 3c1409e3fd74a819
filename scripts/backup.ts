/**
 * A consistent backup of the CMS: the database (pg_dump, custom format) and the photo files.
 *
 *   DATABASE_URI=postgres://… MEDIA_DIR=media node --import tsx scripts/backup.ts backups/2026-11-28
 *   DATABASE_URI=postgres://…(empty database) MEDIA_DIR=media node --import tsx scripts/restore.ts backups/2026-11-28
 *
 * The dump is taken first, then the files are copied: a photo uploaded in between has its file in
 * the copy and no row in the dump, and is removed as a file without a row when the restored app
 * starts; never the other way round. pg_dump must be at least the server's major version.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export function backup(
  folder: string,
  env: Record<string, string | undefined> = process.env,
): { dump: string; media: string; files: number } {
  const databaseUri = env.DATABASE_URI
  if (!databaseUri) throw new Error('Set DATABASE_URI to the database to back up.')
  const mediaDir = path.resolve(env.MEDIA_DIR || 'media')
  fs.mkdirSync(folder, { recursive: true })
  const dump = path.join(folder, 'database.dump')
  execFileSync(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', '--file', dump, '--dbname', databaseUri],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  const media = path.join(folder, 'media')
  fs.rmSync(media, { recursive: true, force: true })
  if (fs.existsSync(mediaDir)) fs.cpSync(mediaDir, media, { recursive: true, preserveTimestamps: true })
  else fs.mkdirSync(media)
  const files = fs.readdirSync(media).length
  fs.writeFileSync(
    path.join(folder, 'backup.json'),
    JSON.stringify({ takenAt: new Date().toISOString(), files }, null, 2) + '\n',
  )
  return { dump, media, files }
}

export function restore(folder: string, env: Record<string, string | undefined> = process.env): void {
  const databaseUri = env.DATABASE_URI
  if (!databaseUri) throw new Error('Set DATABASE_URI to the (empty) database to restore into.')
  const dump = path.join(folder, 'database.dump')
  if (!fs.existsSync(dump)) throw new Error(`${dump} does not exist; give the folder a backup was written to.`)
  const mediaDir = path.resolve(env.MEDIA_DIR || 'media')
  execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', databaseUri, dump], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  fs.mkdirSync(mediaDir, { recursive: true })
  fs.cpSync(path.join(folder, 'media'), mediaDir, { recursive: true, preserveTimestamps: true })
}

const [command, folder] = [path.basename(process.argv[1] ?? ''), process.argv[2]]
if (command === 'backup.ts' || command === 'restore.ts') {
  if (!folder) {
    console.error(`Give the backup folder: node --import tsx scripts/${command} <folder>`)
    process.exit(2)
  }
  try {
    if (command === 'backup.ts')
      console.log(`[newsroom] backup written to ${folder}: ${JSON.stringify(backup(folder))}`)
    else {
      restore(folder)
      console.log(`[newsroom] restored ${folder}`)
    }
  } catch (error) {
    console.error(`[newsroom] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
