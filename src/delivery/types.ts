/**
 * The published shapes the delivery code reads, as the plugin defines its collections. They do not
 * come from a host's generated types, so the plugin reads the same way in any app.
 */
type Id = number
type Ref<T> = Id | T | null | undefined

export interface Participant {
  id: Id
  name: string
  shortName?: string | null
  kind: string
  country?: string | null
  wikidataId?: string | null
}

export interface PhotoSize {
  url?: string | null
  width?: number | null
  height?: number | null
}

export interface Photo {
  id: Id
  alt?: string | null
  caption?: string | null
  url?: string | null
  width?: number | null
  height?: number | null
  sizes?: Record<string, PhotoSize | undefined> | null
  credit?: {
    line?: string | null
    kind?: string | null
    issuer?: Ref<Participant>
    creator?: string | null
    copyright?: string | null
    usageTerms?: string | null
  } | null
}

export interface JointStatement {
  id: Id
  title: string
  issuedOn?: string | null
  place?: string | null
  sourceUrl?: string | null
  signatories?: Ref<Participant>[] | null
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
}

/** A relationship value when it was populated (an object), not just an id. */
export const populated = <T,>(value: unknown): T | undefined =>
  value && typeof value === 'object' && 'id' in value ? (value as T) : undefined
