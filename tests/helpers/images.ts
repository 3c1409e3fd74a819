import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

export const FIXTURE_PHOTOS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/fixtures/photos',
)
export const hasFixturePhotos = fs.existsSync(FIXTURE_PHOTOS)

/** A real JPEG made by sharp. */
export function makeJpeg(width = 640, height = 400, colour = '#2f5d8a'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()
}

/** A multipart body as the admin and REST clients send it: the file plus `_payload` JSON. */
export function uploadForm(file: Buffer, name: string, type: string, data: Record<string, unknown> = {}): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), name)
  form.append('_payload', JSON.stringify(data))
  return form
}
