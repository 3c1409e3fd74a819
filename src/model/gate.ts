/**
 * The publish gate's contract: what a rule receives, returns and is configured with. Built-in
 * rules and a host's own rules are written against these types.
 */
import type { PayloadRequest } from 'payload'

import type { Citation, PhotoUse, QuoteUse } from './article.ts'
import type { Id, JointStatement, Participant, Photo, Status } from './documents.ts'

export type { Citation, PhotoUse, QuoteUse } from './article.ts'

export type Severity = 'error' | 'warning'
export type SeveritySetting = Severity | 'off'

/** Which kind of document a rule checks when it is published. */
export type GateTarget = 'articles' | 'jointStatements' | 'participants' | 'statements'

/**
 * One step of a word diff of a quotation against its source: `equal` words are in both, `delete`
 * words are in the source but missing from the quotation, `insert` words are the quotation's own.
 */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** One problem found by the gate, as editors and frontends see it. */
export interface Finding {
  rule: string
  severity: Severity
  /** The field to fix, in Payload's path form (`heroPhoto`, `body`, `participants.2.participant`). */
  path: string
  message: string
  /** For a misquotation: the quotation word by word against the closest passage of its source. */
  diff?: DiffPart[]
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
  /** Passed on to the report as it is (see `Finding.diff`). */
  diff?: DiffPart[]
}

/**
 * How quotations are compared with their source (the `gate.quotations` option, resolved): the
 * words an omission or a bracket may not take away or add, by language, and the fewest words a
 * part of a quotation between omission marks may have.
 */
export interface QuotationSettings {
  negations: Record<string, string[]>
  minFragmentWords: number
}

/** A participant as the gate loads it (its published version, relationships as ids). */
export type LoadedParticipant = Participant

/** A photo as the gate loads it (relationships as ids). */
export type LoadedPhoto = Photo

/** One text of a statement as plain text: the original or a translation. */
export interface LoadedText {
  /** ISO 639-1 code of the text's language. */
  language: string
  /** The text as plain text, paragraphs separated by blank lines. */
  plainText: string
  /** The original, and translations not marked as unofficial, count as official. */
  official: boolean
}

/** A joint statement as the gate loads it: its signatories' ids, and its text as plain text. */
export interface LoadedStatement extends Omit<JointStatement, 'text' | 'signatories'> {
  signatories?: Id[] | null
  /** The original text's language (ISO 639-1); `en` when the document does not say. */
  language?: string | null
  /** When the statement may be quoted in a published article (ISO date and time), if embargoed. */
  embargoUntil?: string | null
  /** The statement's original text as plain text, paragraphs separated by blank lines. */
  plainText: string
  /** Every text of the statement: the original first, then its translations. */
  texts: LoadedText[]
}

/**
 * A statement of one participant (the `statements` collection) as the gate loads it: its issuer's
 * id, and its texts as plain text.
 */
export interface LoadedIssuedStatement {
  id: Id
  title: string
  slug?: string | null
  issuer?: Id | null
  kind?: string | null
  issuedOn?: string | null
  place?: string | null
  sourceUrl?: string | null
  /** The original text's language (ISO 639-1). */
  language?: string | null
  embargoUntil?: string | null
  _status?: Status | null
  /** The original text as plain text, paragraphs separated by blank lines. */
  plainText: string
  /** Every text of the statement: the original first, then its translations. */
  texts: LoadedText[]
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
  slugs: { articles: string; photos: string; participants: string; jointStatements: string; statements: string }
  photos: Map<string, LoadedPhoto>
  participants: Map<string, LoadedParticipant>
  /** Joint statements, by id. */
  statements: Map<string, LoadedStatement>
  /** Statements of one participant (the `statements` collection), by id. */
  issuedStatements: Map<string, LoadedIssuedStatement>
  photoUses: PhotoUse[]
  quotes: QuoteUse[]
  /** Lexical quote nodes without attribution, by their text. */
  bareBlockquotes: string[]
  /** Running text of the body outside Quote blocks and block quotes, paragraph by paragraph. */
  runningText: string[]
  citations: Citation[]
  ministryWording: RegExp[]
  /** How quotations are compared with their source; the defaults when left out. */
  quotations?: QuotationSettings
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

/** The rules a publish runs, the severity each is set to, the wording of ministry credits and how quotations are matched. */
export interface GateSettings {
  rules: GateRule[]
  severities: Record<string, SeveritySetting>
  ministryWording: RegExp[]
  quotations: QuotationSettings
}
