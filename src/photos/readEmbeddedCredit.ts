import exifr from 'exifr'

import { EMBEDDED_FIELDS, type EmbeddedField } from '../model/credit.ts'
import { readIim } from './iim.ts'

export interface EmbeddedMetadata {
  /** `read`: metadata found; `none`: the file carries no credit; `unreadable`: the metadata is damaged. */
  status: 'read' | 'none' | 'unreadable'
  values: Partial<Record<EmbeddedField, string>>
  /**
   * Fields whose IIM copy fills IIM's maximum length, so the sender's text was probably cut there.
   * Where XMP carries the same field its whole value is the one kept.
   */
  truncated: EmbeddedField[]
  error?: string
}

type XmpText = string | { value?: unknown; lang?: string } | (string | { value?: unknown })[] | undefined

/** XMP language alternatives and lists come back as objects or arrays; take the text. */
function xmpText(value: XmpText): string | undefined {
  if (value == null) return undefined
  if (Array.isArray(value)) {
    const texts = value.map((item) => xmpText(item as XmpText)).filter((t): t is string => Boolean(t))
    return texts.length ? texts.join(', ') : undefined
  }
  if (typeof value === 'object') return xmpText(value.value as XmpText)
  const text = String(value).trim()
  return text || undefined
}

const clean = (value: string | undefined) => {
  const text = value?.normalize('NFC').replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}

async function readXmp(file: Buffer): Promise<Partial<Record<EmbeddedField, string>>> {
  const parsed = (await exifr.parse(file, {
    tiff: false,
    ifd0: false,
    exif: false,
    gps: false,
    interop: false,
    ifd1: false,
    iptc: false,
    icc: false,
    jfif: false,
    ihdr: false,
    xmp: true,
    multiSegment: true,
    mergeOutput: false,
    silentErrors: false,
  } as never)) as Record<string, Record<string, XmpText>> | undefined
  if (!parsed) return {}
  const photoshop = parsed.photoshop ?? {}
  const dc = parsed.dc ?? {}
  const rights = parsed.xmpRights ?? {}
  return {
    line: xmpText(photoshop.Credit),
    creator: xmpText(dc.creator),
    source: xmpText(photoshop.Source),
    copyright: xmpText(dc.rights),
    usageTerms: xmpText(rights.UsageTerms),
    caption: xmpText(dc.description),
  }
}

/**
 * Reads the credit a photo carries, from XMP and IPTC-IIM, without decoding the image. XMP wins
 * where both carry a value. Damaged metadata is reported, never thrown: the upload goes on.
 */
export async function readEmbeddedCredit(file: Buffer): Promise<EmbeddedMetadata> {
  const problems: string[] = []
  let xmp: Partial<Record<EmbeddedField, string>> = {}
  let iim: ReturnType<typeof readIim> = { values: {}, truncated: [] }
  try {
    xmp = await readXmp(file)
  } catch (error) {
    problems.push(`XMP: ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    iim = readIim(file)
  } catch (error) {
    problems.push(`IPTC: ${error instanceof Error ? error.message : String(error)}`)
  }

  const values: Partial<Record<EmbeddedField, string>> = {}
  const truncated: EmbeddedField[] = []
  for (const field of EMBEDDED_FIELDS) {
    const fromXmp = clean(xmp[field])
    const fromIim = clean((iim.values as Partial<Record<EmbeddedField, string>>)[field])
    const value = fromXmp ?? fromIim
    if (value) values[field] = value
    if (fromIim && (iim.truncated as string[]).includes(field)) truncated.push(field)
  }

  if (problems.length > 0) return { status: 'unreadable', values, truncated, error: problems.join('; ') }
  return { status: Object.keys(values).length > 0 ? 'read' : 'none', values, truncated }
}
