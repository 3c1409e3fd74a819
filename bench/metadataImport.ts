/**
 * What reading a photo's embedded credit adds to an upload.
 *
 *   npm run bench              # a large (several MB) JPEG, 10 rounds
 *   npm run bench -- --smoke   # a small one, 2 rounds: only checks that the harness runs
 *
 * Each round uploads the same file through the Local API (which reads the metadata on the way)
 * and, next to it, reads the metadata alone; rounds alternate so both see the same machine load.
 * The ratio is metadata reading ÷ the upload without it (upload − reading).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import { benchDatabase } from './support.ts'
import { creditXmp } from '../src/photos/xmpPacket.ts'
import { readEmbeddedCredit } from '../src/photos/readEmbeddedCredit.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const smoke = process.argv.includes('--smoke')
const rounds = smoke ? 2 : 10
const [width, height] = smoke ? [800, 600] : [4000, 3000]

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function largeJpeg(): Promise<Buffer> {
  // Noise does not compress, so the file is as large as a real high-resolution photo.
  const noise = Buffer.alloc(width * height * 3)
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withXmp(creditXmp({ line: 'Ministry of Foreign Affairs', creator: 'Staff photographer', copyright: '© MFA' })!)
    .toBuffer()
}

async function main() {
  const database = await benchDatabase('metadata')
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-media-'))
  Object.assign(process.env, {
    DATABASE_URI: database.uri,
    MEDIA_DIR: mediaDir,
    NEWSROOM_DEMO: '0',
    LOG_LEVEL: 'warn',
    PAYLOAD_SECRET: 'bench',
  })

  const { getPayload } = await import('payload')
  const config = await (await import(path.join(root, 'payload.config.ts'))).default
  const payload = await getPayload({ config })
  const file = await largeJpeg()

  const uploads: number[] = []
  const reads: number[] = []
  for (let round = 0; round < rounds + 1; round += 1) {
    let started = performance.now()
    await payload.create({
      collection: 'photos',
      data: { alt: 'bench' },
      file: { data: file, mimetype: 'image/jpeg', name: `bench-${round}.jpg`, size: file.length },
    })
    const upload = performance.now() - started
    started = performance.now()
    await readEmbeddedCredit(file)
    const read = performance.now() - started
    if (round > 0) {
      // the first round warms caches and is not counted
      uploads.push(upload)
      reads.push(read)
    }
  }

  const upload = median(uploads)
  const read = median(reads)
  const result = {
    benchmark: 'metadata-import',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    file: { width, height, megabytes: +(file.length / 2 ** 20).toFixed(2) },
    rounds,
    medianMs: {
      upload: +upload.toFixed(1),
      metadataRead: +read.toFixed(2),
      uploadWithoutRead: +(upload - read).toFixed(1),
    },
    ratio: +(read / (upload - read)).toFixed(4),
  }
  console.table([
    { measure: 'upload through the Local API (reads metadata)', 'median ms': result.medianMs.upload },
    { measure: 'reading the embedded credit alone', 'median ms': result.medianMs.metadataRead },
    { measure: 'upload without the reading', 'median ms': result.medianMs.uploadWithoutRead },
    { measure: 'reading ÷ upload without it', 'median ms': `${(result.ratio * 100).toFixed(2)} %` },
  ])
  console.log(`${result.file.megabytes} MB JPEG, ${width}×${height}, ${rounds} rounds${smoke ? ' (smoke)' : ''}`)
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
  const out = path.join(root, 'bench/results', `metadata-import${smoke ? '-smoke' : ''}.json`)
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
  console.log(`written to ${path.relative(root, out)}`)

  await payload.destroy()
  // stopping the server ends the pool's sessions; that is expected here
  ;(payload.db as unknown as { pool: { on: (event: 'error', listener: () => void) => void } }).pool.on(
    'error',
    () => {},
  )
  fs.rmSync(mediaDir, { recursive: true, force: true })
  await database.stop()
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
