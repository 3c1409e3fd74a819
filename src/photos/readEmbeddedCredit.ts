import exifr from 'exifr'

import type { CreditKind } from '../model/credit.ts'

import { foldName } from '../gate/text.ts'
import { EMBEDDED_FIELDS, type EmbeddedField } from '../model/credit.ts'
import { readIim } from './iim.ts'
import { type XmpValue, xmpText } from './xmpValues.ts'

export interface EmbeddedMetadata {
  /** `read`: metadata found; `none`: the file carries no credit; `unreadable`: the metadata is damaged. */
  status: 'read' | 'none' | 'unreadable'
  values: Partial<Record<EmbeddedField, string>>
  /**
   * Fields whose IIM copy fills IIM's maximum length, so the sender's text was probably cut there.
   * Where XMP carries the same field its whole value is the one kept.
   */
  truncated: EmbeddedField[]
  /** The kind of credit the file's wording proposes, by the wire agencies' conventions (`proposedKind`). */
  kind?: 'handout' | 'pool'
  error?: string
}

/** What the file says besides the credit fields, read for the wire agencies' conventions only. */
export interface FileHints {
  /** IPTC By-line Title (`photoshop:AuthorsPosition`, IIM 2:85): "HO", "POOL", "STF", … */
  bylineTitle?: string
}

type KindProposal = Extract<CreditKind, 'handout' | 'pool'>

/** Words that say handout or pool wherever they stand in the source or the by-line title ("HO/AFP"). */
const SOURCE_WORDS: Record<string, KindProposal> = { ho: 'handout', handout: 'handout', pool: 'pool' }
/** In the credit line and the by-line, only the words as the wires write them, in capitals ("POOL/AFP"). */
const CAPITAL_WORDS: Record<string, KindProposal> = { HANDOUT: 'handout', POOL: 'pool' }

/**
 * The kind of credit the wire agencies' own conventions give a file: "HO" or "Handout" as its
 * source or by-line title, or "HANDOUT" in capitals in its credit line or by-line, make a handout;
 * "POOL" the same way makes a pool photo. A file that says both proposes nothing. (A by-line such as
 * "Robert Pool" or "Anh Ho" proposes nothing: there only the capitalised words count, and not "HO".)
 */
export function proposedKind(
  values: Partial<Record<EmbeddedField, string>>,
  hints: FileHints = {},
): KindProposal | undefined {
  const found = new Set<KindProposal>()
  for (const text of [values.source, hints.bylineTitle]) {
    for (const word of foldName(text ?? '').split(' ')) if (SOURCE_WORDS[word]) found.add(SOURCE_WORDS[word])
  }
  for (const text of [values.line, values.creator]) {
    for (const word of (text ?? '').split(/[^\p{L}\p{N}]+/u)) if (CAPITAL_WORDS[word]) found.add(CAPITAL_WORDS[word])
  }
  return found.size === 1 ? [...found][0] : undefined
}

const clean = (value: string | undefined) => {
  const text = value?.normalize('NFC').replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}

async function readXmp(file: Buffer): Promise<Partial<Record<EmbeddedField | 'bylineTitle', string>>> {
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
  } as never)) as Record<string, Record<string, XmpValue>> | undefined
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
    bylineTitle: xmpText(photoshop.AuthorsPosition),
  }
}

/**
 * Reads the credit a photo carries, from XMP and IPTC-IIM, without decoding the image. XMP wins
 * where both carry a value. Damaged metadata is reported, never thrown: the upload goes on.
 */
export async function readEmbeddedCredit(file: Buffer): Promise<EmbeddedMetadata> {
  const problems: string[] = []
  let xmp: Partial<Record<EmbeddedField | 'bylineTitle', string>> = {}
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

  const kind = proposedKind(values, { bylineTitle: clean(xmp.bylineTitle) ?? clean(iim.values.bylineTitle) })
  const proposal = kind ? { kind } : {}
  if (problems.length > 0) return { status: 'unreadable', values, truncated, ...proposal, error: problems.join('; ') }
  return { status: Object.keys(values).length > 0 ? 'read' : 'none', values, truncated, ...proposal }
}
