import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'
import sharp from 'sharp'

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
 * Judges an upload by its bytes, not its name or declared type: a text file renamed `.jpg`
 * or an SVG (which can carry script) never reaches storage.
 */
export const rejectNonImageUploads =
  ({ maxFileSize }: { maxFileSize: number }): CollectionBeforeOperationHook =>
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
    try {
      const input = file.tempFilePath && (!file.data || file.data.length === 0) ? file.tempFilePath : file.data
      const metadata = await sharp(input).metadata()
      format = metadata.format
      compression = metadata.compression
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
  }
