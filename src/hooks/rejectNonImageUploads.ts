import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'
import sharp from 'sharp'

import { findImageEnd } from '../photos/imageEnd.ts'

/** The formats sharp reports for the image types photos accept. AVIF is reported as `heif`. */
const ACCEPTED_FORMATS = new Map<string, string>([
  ['jpeg', 'JPEG'],
  ['png', 'PNG'],
  ['webp', 'WebP'],
  ['heif', 'AVIF'],
])

export const ACCEPTED_FORMAT_NAMES = 'JPEG, PNG, WebP or AVIF'

function refuse(message: string, collection: string): never {
  throw new ValidationError({ collection, errors: [{ message, path: 'file' }] })
}

/**
 * Judges an upload by its bytes, not its name or declared type: a text file renamed `.jpg`, an
 * SVG (which can carry script), a file cut short or one claiming more pixels than a photo has
 * (a decompression bomb: a small file that would take gigabytes to decode) never reaches storage
 * or the image decoder. Bytes after the image's end — how a polyglot file carries a page, a script
 * or an archive behind a valid picture — are dropped.
 */
export const rejectNonImageUploads =
  ({ maxFileSize, maxPixels }: { maxFileSize: number; maxPixels: number }): CollectionBeforeOperationHook =>
  async ({ collection, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return
    const file = req.file
    if (!file) return

    const name = file.name || 'the file'
    const size = file.size ?? file.data?.length ?? 0
    if (size === 0) refuse(`“${name}” is empty. Upload a ${ACCEPTED_FORMAT_NAMES} image.`, collection.slug)
    if (size > maxFileSize) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
      refuse(`“${name}” is ${mb(size)}; photos may be at most ${mb(maxFileSize)}.`, collection.slug)
    }

    let format: string | undefined
    let compression: string | undefined
    let pixels = 0
    let dimensions = ''
    try {
      const input = file.tempFilePath && (!file.data || file.data.length === 0) ? file.tempFilePath : file.data
      // Reads the header only: nothing is decoded here.
      const metadata = await sharp(input, { limitInputPixels: false }).metadata()
      format = metadata.format
      compression = metadata.compression
      pixels = (metadata.width ?? 0) * (metadata.height ?? 0)
      dimensions = `${metadata.width} × ${metadata.height}`
    } catch {
      refuse(`“${name}” is not an image that can be read. Upload a ${ACCEPTED_FORMAT_NAMES} image.`, collection.slug)
    }

    if (format === 'svg') {
      refuse(`“${name}” is an SVG drawing; photos must be ${ACCEPTED_FORMAT_NAMES} images.`, collection.slug)
    }
    // sharp reads both HEIC and AVIF as `heif`; only AVIF (AV1 compression) is accepted.
    if (!format || !ACCEPTED_FORMATS.has(format) || (format === 'heif' && compression !== 'av1')) {
      refuse(
        `“${name}” is a ${format ? format.toUpperCase() : 'file of unknown type'}; photos must be ${ACCEPTED_FORMAT_NAMES} images.`,
        collection.slug,
      )
    }
    if (pixels > maxPixels) {
      const megapixels = (n: number) => `${Math.round(n / 1e6).toLocaleString('en')} megapixels`
      refuse(
        `“${name}” is ${dimensions} pixels (${megapixels(pixels)}); photos may have at most ${megapixels(maxPixels)}.`,
        collection.slug,
      )
    }

    if (file.data && file.data.length > 0) {
      const end = findImageEnd(file.data, format)
      if (end.kind === 'truncated') {
        refuse(
          `“${name}” is cut short: the file ends before the image does. Upload the whole file again.`,
          collection.slug,
        )
      }
      if (end.kind === 'complete' && end.end < file.data.length) {
        req.payload.logger.info(
          `Upload “${name}”: dropped ${file.data.length - end.end} bytes found after the end of the image.`,
        )
        file.data = file.data.subarray(0, end.end)
        file.size = end.end
      }
    }
  }
