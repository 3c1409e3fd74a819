import type { CollectionAfterChangeHook } from 'payload'

import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

import { creditXmp, injectXmpIntoJpeg } from '../photos/xmpPacket.ts'

type Credit = { line?: string | null; creator?: string | null; copyright?: string | null } | null | undefined

const sameCredit = (a: Credit, b: Credit) =>
  a?.line === b?.line && a?.creator === b?.creator && a?.copyright === b?.copyright

/**
 * Writes the credit line, creator and copyright as XMP into every image size sharp made, so a
 * copy of a derivative still says whose picture it is. The sizes carry no other metadata (Payload
 * strips it, GPS included). Runs after a new file is stored and whenever the credit changes.
 */
export const writeCreditIntoDerivatives: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, req }) => {
  if (!req.file && sameCredit(doc.credit, previousDoc?.credit)) return doc
  const staticDir = typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
  if (!staticDir) return doc // files kept elsewhere (cloud storage) are not rewritten here
  const xmp = creditXmp(doc.credit ?? {})
  if (!xmp) return doc
  const sizes = Object.values(
    (doc.sizes ?? {}) as Record<string, { filename?: string | null; mimeType?: string | null }>,
  )
  for (const size of sizes) {
    if (!size?.filename) continue
    const file = path.join(staticDir, size.filename)
    try {
      const bytes = await fs.readFile(file)
      const tagged =
        size.mimeType === 'image/jpeg' ? injectXmpIntoJpeg(bytes, xmp) : await sharp(bytes).withXmp(xmp).toBuffer()
      await fs.writeFile(file, tagged)
    } catch (error) {
      req.payload.logger.warn(
        `Could not write the credit into ${size.filename}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  return doc
}
