/** What the one reading of an article (`article/inventory.ts`) finds in it. */
import type { Id } from './documents.ts'
import type { LexicalNode } from './lexical.ts'

/** The slugs an article's relationships point at. */
export interface ArticleSlugs {
  photos: string
  participants: string
  jointStatements: string
  statements: string
}

/** The collections an article cites, by the plugin's own names (whatever their slugs). */
export type CitedCollection = 'participants' | 'jointStatements' | 'statements'

/** A place in the article where a photo appears. */
export interface PhotoUse {
  photoId: Id
  path: string
  /** Where an editor finds it, e.g. "hero photo", "body, image 3". */
  place: string
  /** The relationship as read: the id, or the photo when it was populated. */
  value?: unknown
}

/** Who a quotation or a relationship node points at, when it is a participant or a statement. */
export interface Attribution {
  collection: CitedCollection
  /** The slug stored with the reference. */
  relationTo: string
  id: Id
  /** The reference as read: the id, or the document when it was populated. */
  value: unknown
}

export interface QuoteUse {
  /** 1-based position among the article's Quote blocks, for messages. */
  number: number
  text: string
  attributedTo?: { relationTo: string; value: Id } | null
  manner?: string | null
  saidOn?: string | null
  /** The language (ISO 639-1) the desk translated the quotation from, when it did; empty otherwise. */
  translatedFrom?: string | null
  path: string
  /** The block's stored fields (the body's own object, so a reader-facing copy can be edited in place). */
  fields?: Record<string, unknown>
}

/** A reference from the document to a participant or statement that must be published. */
export interface Citation {
  relationTo: CitedCollection
  id: Id
  path: string
  /** How the document cites it, for messages: "quote 2", "participant 3", "signatory 1". */
  via: string
}

/** A relationship node of the body that points at a participant or statement. */
export interface BodyMention extends Attribution {
  node: LexicalNode
}

export interface ArticleInventory {
  /** Quote attributions and body mentions that name a participant or statement, in reading order. */
  cited: Attribution[]
  /** Every place a photo appears, in reading order: hero, then the body. */
  photoUses: PhotoUse[]
  quotes: QuoteUse[]
  /** Listed participants, cited statements and quote attributions, in that order of the form. */
  citations: Citation[]
  mentions: BodyMention[]
  links: { url: string; newTab: boolean }[]
  /** Lexical quote nodes without attribution, by their text. */
  bareBlockquotes: string[]
  /** Running text outside Quote blocks and block quotes, paragraph by paragraph. */
  runningText: string[]
}

/** Everything an article shows or cites, as kept on it for indexed "which articles…?" lookups. */
export interface ArticleReferences {
  photos: Id[]
  participants: Id[]
  /** Joint statements. */
  statements: Id[]
  /** Statements of one participant (the `statements` collection). */
  issuedStatements: Id[]
}
