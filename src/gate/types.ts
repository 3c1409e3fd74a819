import type { PayloadRequest } from 'payload'

export type Severity = 'error' | 'warning'
export type SeveritySetting = Severity | 'off'

/** Which kind of document a rule checks when it is published. */
export type GateTarget = 'articles' | 'jointStatements' | 'participants'

/** One problem found by the gate, as editors and frontends see it. */
export interface Finding {
  rule: string
  severity: Severity
  /** The field to fix, in Payload's path form (`heroPhoto`, `body`, `participants.2.participant`). */
  path: string
  message: string
}

/** What the gate says about a document: `ok` is false when any error was found. */
export interface GateReport {
  ok: boolean
  errors: Finding[]
  warnings: Finding[]
}

/** What a rule returns: the severity is applied by the gate from the rule's settings. */
export interface RuleFinding {
  path: string
  message: string
}

export interface LoadedParticipant {
  id: number | string
  name: string
  shortName?: string | null
  aliases?: string[] | null
  kind?: string | null
  country?: string | null
  parent?: number | string | null
  _status?: 'draft' | 'published' | null
}

export interface LoadedPhoto {
  id: number | string
  filename?: string | null
  alt?: string | null
  caption?: string | null
  credit?: {
    line?: string | null
    kind?: string | null
    issuer?: number | string | null
    creator?: string | null
    source?: string | null
    copyright?: string | null
    usageTerms?: string | null
    rightsExpireAt?: string | null
    distributable?: boolean | null
  } | null
  /** What the file carried when uploaded. */
  embeddedMetadata?: {
    status?: 'read' | 'none' | 'unreadable' | null
    error?: string | null
    line?: string | null
    creator?: string | null
    source?: string | null
    copyright?: string | null
    usageTerms?: string | null
  } | null
}

export interface LoadedStatement {
  id: number | string
  title: string
  signatories?: (number | string)[] | null
  /** The statement's text as plain text, paragraphs separated by blank lines. */
  plainText: string
  issuedOn?: string | null
  _status?: 'draft' | 'published' | null
}

/** A place in the article where a photo appears. */
export interface PhotoUse {
  photoId: number | string
  path: string
  /** Where an editor finds it, e.g. "hero photo", "body, image 3". */
  place: string
}

export interface QuoteUse {
  /** 1-based position among the article's Quote blocks, for messages. */
  number: number
  text: string
  attributedTo?: { relationTo: string; value: number | string } | null
  manner?: string | null
  path: string
}

/** A reference from the document to a participant or statement that must be published. */
export interface Citation {
  relationTo: 'participants' | 'jointStatements'
  id: number | string
  path: string
  /** How the document cites it, for messages: "quote 2", "participant 3", "signatory 1". */
  via: string
}

/**
 * Everything the rules may look at, loaded before any rule runs. Rules never query the
 * database: they are plain functions of this object.
 */
export interface GateContext {
  target: GateTarget
  /** The document as it would be published (stored draft merged with the incoming change). */
  doc: Record<string, unknown>
  now: Date
  slugs: { articles: string; photos: string; participants: string; jointStatements: string }
  photos: Map<string, LoadedPhoto>
  participants: Map<string, LoadedParticipant>
  statements: Map<string, LoadedStatement>
  photoUses: PhotoUse[]
  quotes: QuoteUse[]
  /** Lexical quote nodes without attribution, by their text. */
  bareBlockquotes: string[]
  /** Running text of the body outside Quote blocks and block quotes, paragraph by paragraph. */
  runningText: string[]
  citations: Citation[]
  ministryWording: RegExp[]
  req?: PayloadRequest
}

/** A publish check. Built-in rules and a host's own rules have the same shape. */
export interface GateRule {
  /** Stable id, used in options and reports, e.g. `photo-credit-line`. */
  id: string
  /** Which documents it checks. */
  target: GateTarget
  /** Used when the options do not set a severity for this rule. */
  defaultSeverity: Severity
  /** One line for editors: what the rule asks for. */
  description: string
  check: (context: GateContext) => RuleFinding[]
}
