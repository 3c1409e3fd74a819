/**
 * IPTC-IIM, read from the Photoshop resource block (APP13) of a JPEG. Only the datasets the
 * credit needs are decoded. Text is decoded as the file declares (record 1:90), or, when it
 * declares nothing, as UTF-8 if the bytes are valid UTF-8 and as Latin-1 otherwise.
 */

/** IIM's own maximum lengths, in bytes: a value of exactly this length was probably cut. */
export const IIM_MAX_BYTES = {
  creator: 32,
  bylineTitle: 32,
  line: 32,
  source: 32,
  copyright: 128,
  caption: 2000,
} as const

const DATASETS: Record<number, keyof typeof IIM_MAX_BYTES> = {
  80: 'creator', // By-line
  85: 'bylineTitle', // By-line Title: where the wire agencies write "HO" (handout) or "POOL"
  110: 'line', // Credit
  115: 'source', // Source
  116: 'copyright', // Copyright Notice
  120: 'caption', // Caption/Abstract
}

export interface IimValues {
  values: Partial<Record<keyof typeof IIM_MAX_BYTES, string>>
  /** Fields whose value fills IIM's maximum length, so the sender's text may have been longer. */
  truncated: (keyof typeof IIM_MAX_BYTES)[]
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function decodeText(bytes: Uint8Array, declaredUtf8: boolean): string {
  if (declaredUtf8) return new TextDecoder('utf-8').decode(bytes)
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return Buffer.from(bytes).toString('latin1')
  }
}

/** The APP13 segments of a JPEG, walking markers up to the start of the image data. */
export function jpegSegments(file: Buffer, marker: number): Buffer[] {
  const found: Buffer[] = []
  if (file.length < 4 || file[0] !== 0xff || file[1] !== 0xd8) return found
  let offset = 2
  while (offset + 4 <= file.length) {
    if (file[offset] !== 0xff) throw new Error(`JPEG marker expected at byte ${offset}`)
    const type = file[offset + 1]!
    if (type === 0xff) {
      offset += 1 // fill byte
      continue
    }
    if (type === 0xda || type === 0xd9) break // start of scan, end of image: no more metadata
    if (type >= 0xd0 && type <= 0xd7) {
      offset += 2
      continue
    }
    const length = file.readUInt16BE(offset + 2)
    if (length < 2 || offset + 2 + length > file.length)
      throw new Error(`JPEG segment at byte ${offset} runs past the end of the file`)
    if (type === marker) found.push(file.subarray(offset + 4, offset + 2 + length))
    offset += 2 + length
  }
  return found
}

/** The IPTC-NAA resource (0x0404) inside Photoshop "8BIM" resource blocks. */
function iptcResources(app13: Buffer): Buffer[] {
  const header = 'Photoshop 3.0\0'
  if (app13.toString('latin1', 0, header.length) !== header) return []
  const resources: Buffer[] = []
  let offset = header.length
  while (offset + 12 <= app13.length && app13.toString('latin1', offset, offset + 4) === '8BIM') {
    const id = app13.readUInt16BE(offset + 4)
    const nameLength = app13[offset + 6]!
    let cursor = offset + 6 + 1 + nameLength
    if ((1 + nameLength) % 2 === 1) cursor += 1 // the Pascal name is padded to an even length
    if (cursor + 4 > app13.length) break
    const size = app13.readUInt32BE(cursor)
    const start = cursor + 4
    const end = Math.min(start + size, app13.length)
    if (id === 0x0404) resources.push(app13.subarray(start, end))
    offset = end + (size % 2)
  }
  return resources
}

export function readIim(file: Buffer): IimValues {
  const result: IimValues = { values: {}, truncated: [] }
  const raw: Partial<Record<keyof typeof IIM_MAX_BYTES, Uint8Array[]>> = {}
  let declaredUtf8 = false

  for (const segment of jpegSegments(file, 0xed)) {
    for (const block of iptcResources(segment)) {
      let offset = 0
      while (offset + 5 <= block.length) {
        if (block[offset] !== 0x1c) break
        const record = block[offset + 1]!
        const dataset = block[offset + 2]!
        let length = block.readUInt16BE(offset + 3)
        let start = offset + 5
        if (length & 0x8000) {
          // extended dataset: the low bits give how many bytes hold the real length
          const lengthBytes = length & 0x7fff
          if (lengthBytes > 4 || start + lengthBytes > block.length)
            throw new Error(`malformed IIM dataset ${record}:${dataset}`)
          length = block.readUIntBE(start, lengthBytes)
          start += lengthBytes
        }
        if (start + length > block.length)
          throw new Error(`IIM dataset ${record}:${dataset} runs past the end of its block`)
        const value = block.subarray(start, start + length)
        // ESC % G declares UTF-8
        if (record === 1 && dataset === 90) declaredUtf8 = value.includes(Buffer.from([0x1b, 0x25, 0x47]))
        const field = record === 2 ? DATASETS[dataset] : undefined
        if (field) (raw[field] ??= []).push(value)
        offset = start + length
      }
    }
  }

  for (const [field, chunks] of Object.entries(raw) as [keyof typeof IIM_MAX_BYTES, Uint8Array[]][]) {
    const texts = chunks.map((bytes) => decodeText(bytes, declaredUtf8).replace(/\0+$/, '').trim()).filter(Boolean)
    if (texts.length === 0) continue
    // Several By-line datasets are several photographers.
    result.values[field] = field === 'creator' ? texts.join(', ') : texts[0]
    if (chunks.some((bytes) => bytes.length >= IIM_MAX_BYTES[field])) result.truncated.push(field)
  }
  return result
}
