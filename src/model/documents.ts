/**
 * The plugin's documents as its own code reads them. They are written here rather than taken from
 * an app's generated `payload-types.ts`: the plugin runs in hosts whose generated types it cannot
 * know (renamed slugs, extra fields), so it reads the shape its collections define.
 */

/** A document id: a number with PostgreSQL's serial ids, a string with custom text ids. */
export type Id = number | string

/** A relationship as stored (an id) or populated (the document), or empty. */
export type Ref<T> = Id | T | null | undefined

/** The credit's text fields that a photo file can carry too (XMP, IPTC-IIM). */
export type FileCreditField = 'line' | 'creator' | 'source' | 'copyright' | 'usageTerms'

/** Who chose a photo's issuer: the importer, from the file's own credit text, or the desk. */
export type IssuerSource = 'file' | 'desk'

export type PhotoCredit = { [K in FileCreditField]?: string | null } & {
  kind?: string | null
  issuer?: Ref<Participant>
  /** `file` when the importer inferred the issuer from the file; it counts once a staff member confirms it. */
  issuerSource?: IssuerSource | null
  /** Who confirmed or chose the issuer (a user id, or the user when populated), and when. */
  issuerConfirmedBy?: Id | { id: Id; email?: string | null } | null
  issuerConfirmedAt?: string | null
  rightsExpireAt?: string | null
  distributable?: boolean | null
}

export type Status = 'draft' | 'published'

export interface Participant {
  id: Id
  name: string
  slug?: string | null
  shortName?: string | null
  aliases?: string[] | null
  kind?: string | null
  country?: string | null
  parent?: Ref<Participant>
  wikidataId?: string | null
  _status?: Status | null
}

export interface PhotoSize {
  url?: string | null
  width?: number | null
  height?: number | null
  filename?: string | null
  mimeType?: string | null
}

export interface Photo {
  id: Id
  filename?: string | null
  alt?: string | null
  caption?: string | null
  url?: string | null
  width?: number | null
  height?: number | null
  sizes?: Record<string, PhotoSize | undefined> | null
  credit?: PhotoCredit | null
  /** What the file carried when it was uploaded. */
  embeddedMetadata?:
    | ({ [K in FileCreditField]?: string | null } & {
        status?: 'read' | 'none' | 'unreadable' | null
        error?: string | null
        caption?: string | null
        /** The kind of credit the file's wording proposes (a wire agency's "HO", "POOL", …). */
        kind?: string | null
      })
    | null
}

export interface JointStatement {
  id: Id
  title: string
  slug?: string | null
  issuedOn?: string | null
  place?: string | null
  event?: string | null
  sourceUrl?: string | null
  signatories?: Ref<Participant>[] | null
  /** ISO 639-1 code of `text`. */
  language?: string | null
  text?: unknown
  translations?: Translation[] | null
  embargoUntil?: string | null
  _status?: Status | null
}

/** A statement's text in another language; `official` when the issuer published it itself. */
export interface Translation {
  language: string
  text?: unknown
  official?: boolean | null
  sourceUrl?: string | null
}

export type StatementKind =
  'official-comment' | 'press-release' | 'speech' | 'briefing' | 'interview-transcript' | 'other'

/** One participant's own words on record: its original text, in its language, and translations. */
export interface Statement {
  id: Id
  title: string
  slug?: string | null
  issuer?: Ref<Participant>
  kind?: StatementKind | null
  issuedOn?: string | null
  place?: string | null
  sourceUrl?: string | null
  /** ISO 639-1 code of `text`. */
  language?: string | null
  text?: unknown
  translations?: Translation[] | null
  embargoUntil?: string | null
  _status?: Status | null
}

export interface Article {
  id: Id
  title: string
  slug?: string | null
  summary?: string | null
  byline?: string | null
  dateline?: string | null
  publishedAt?: string | null
  updatedAt: string
  tags?: string[] | null
  authors?: unknown[] | null
  heroPhoto?: Ref<Photo>
  body?: unknown
  participants?: { participant: Ref<Participant>; role: string }[] | null
  statements?: Ref<JointStatement>[] | null
  /** ISO 639-1 code of the article's language. */
  language?: string | null
  _status?: Status | null
}

/** The id of a relationship value, stored (an id) or populated (an object with an id). */
export function idOf(value: unknown): Id | undefined {
  if (value == null || value === '') return undefined
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

/** A relationship value when it was populated (an object), not just an id. */
export const populated = <T>(value: unknown): T | undefined =>
  value && typeof value === 'object' && 'id' in value ? (value as T) : undefined

/** Ids once each, in first-seen order; `1` and `'1'` are the same id. */
export const distinctIds = (ids: Iterable<Id>): Id[] => [...new Map([...ids].map((id) => [String(id), id])).values()]
