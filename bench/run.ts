/**
 * Every benchmark, one after the other, each in its own process (each starts its own database):
 *
 *   npm run bench              # full sizes; the read benchmark builds and starts the production server
 *   npm run bench -- --smoke   # tiny sizes, only to check that the harnesses run
 *   npm run bench -- read publish   # some of them
 *   npm run bench -- photo-files    # what the photo privacy check adds to serving a file
 *   npm run bench -- live-impact    # the live-articles check with 1, 100 and 1,000 articles citing one statement
 *   npm run bench -- gate           # the quotation rules: 50 quotes against statements of 20,000 words
 *   npm run bench -- delivery       # the delivery server against node:http, its cluster and Next.js
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { typeScriptNodeArgs } from '../scripts/nodeConditions.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const all = {
  metadata: 'metadataImport.ts',
  read: 'read.ts',
  delivery: 'delivery.ts',
  'photo-files': 'photoFiles.ts',
  publish: 'publish.ts',
  gate: 'gate.ts',
  'live-impact': 'liveImpact.ts',
  archive: 'archive.ts',
} as const
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'))
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const unknown = named.filter((name) => !(name in all))
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(all).join(', ')}.`)
  process.exit(2)
}
const chosen = (named.length ? named : Object.keys(all)) as (keyof typeof all)[]
for (const name of chosen) {
  console.log(`\n=== ${name} ${flags.join(' ')}`)
  const { status } = spawnSync(process.execPath, [...typeScriptNodeArgs(), path.join(here, all[name]), ...flags], {
    stdio: 'inherit',
  })
  if (status !== 0) {
    console.error(`benchmark ${name} failed (exit ${status})`)
    process.exit(status ?? 1)
  }
}
