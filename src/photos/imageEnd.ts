/**
 * Where an image file's own data ends. A photo must end where its format says it does: a file
 * cut short is refused, and bytes after the end (how a "polyglot" hides an HTML page, a script or
 * an archive behind a valid picture) are dropped before the file is stored.
 */

export type ImageEnd = { kind: 'complete'; end: number } | { kind: 'truncated' } | { kind: 'unknown' }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** JPEG: walk the marker segments to the first scan, then find End Of Image in the scan data. */
function jpegEnd(data: Buffer): ImageEnd {
  let offset = 2
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return { kind: 'truncated' }
    const marker = data[offset + 1]!
    // fill bytes before a marker
    if (marker === 0xff) {
      offset += 1
      continue
    }
    if (marker === 0xd9) return { kind: 'complete', end: offset + 2 }
    // standalone markers carry no length
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2
      continue
    }
    const length = data.readUInt16BE(offset + 2)
    if (length < 2 || offset + 2 + length > data.length) return { kind: 'truncated' }
    if (marker === 0xda) {
      // Entropy-coded data never holds FF D9: a data byte FF is always followed by 00 or a restart
      // marker. The first FF D9 after the first scan is the end of the image (later scans of a
      // progressive JPEG and their tables come before it).
      for (let i = offset + 2 + length; i + 1 < data.length; i += 1) {
        if (data[i] === 0xff && data[i + 1] === 0xd9) return { kind: 'complete', end: i + 2 }
      }
      return { kind: 'truncated' }
    }
    offset += 2 + length
  }
  return { kind: 'truncated' }
}

/** PNG: walk the chunks to IEND. */
function pngEnd(data: Buffer): ImageEnd {
  let offset = PNG_SIGNATURE.length
  while (offset + 12 <= data.length) {
    const length = data.readUInt32BE(offset)
    const type = data.toString('latin1', offset + 4, offset + 8)
    const next = offset + 12 + length
    if (next > data.length) return { kind: 'truncated' }
    if (type === 'IEND') return { kind: 'complete', end: next }
    offset = next
  }
  return { kind: 'truncated' }
}

/** WebP: a RIFF container whose header gives its size. */
function webpEnd(data: Buffer): ImageEnd {
  if (data.length < 12) return { kind: 'truncated' }
  const end = 8 + data.readUInt32LE(4)
  return end > data.length ? { kind: 'truncated' } : { kind: 'complete', end }
}

/** Where the image ends, for the formats whose end can be found by reading their structure. */
export function findImageEnd(data: Buffer, format: string | undefined): ImageEnd {
  if (format === 'jpeg' && data[0] === 0xff && data[1] === 0xd8) return jpegEnd(data)
  if (format === 'png' && data.subarray(0, 8).equals(PNG_SIGNATURE)) return pngEnd(data)
  if (format === 'webp' && data.toString('latin1', 0, 4) === 'RIFF') return webpEnd(data)
  return { kind: 'unknown' }
}
