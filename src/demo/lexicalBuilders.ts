/**
 * Small builders for Lexical JSON as Payload stores it, used by the demo seed and by tests
 * that write article bodies through the API.
 */
import { randomBytes } from 'node:crypto'

type LexicalNode = Record<string, unknown>

export interface LexicalDocument {
  root: LexicalNode & { children: LexicalNode[] }
}

/** Payload gives block and upload nodes an ObjectId-like id. */
const nodeId = (): string => randomBytes(12).toString('hex')

export const text = (value: string, format = 0): LexicalNode => ({
  type: 'text',
  text: value,
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  version: 1,
})

const element = (type: string, children: LexicalNode[], extra: LexicalNode = {}): LexicalNode => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

export const paragraph = (...parts: (string | LexicalNode)[]): LexicalNode =>
  element(
    'paragraph',
    parts.map((part) => (typeof part === 'string' ? text(part) : part)),
    {
      textFormat: 0,
      textStyle: '',
    },
  )

export const heading = (tag: 'h2' | 'h3', value: string): LexicalNode => element('heading', [text(value)], { tag })

/** Lexical's plain block quote, which carries no attribution. */
export const plainQuote = (value: string): LexicalNode => element('quote', [text(value)])

export const upload = (relationTo: string, value: number | string): LexicalNode => ({
  type: 'upload',
  id: nodeId(),
  fields: {},
  format: '',
  relationTo,
  value,
  version: 3,
})

export interface QuoteFields {
  text?: string
  attributedTo?: { relationTo: string; value: number | string } | null
  manner?: string
  saidOn?: string
  /** ISO 639-1: only when the desk translated the quotation itself, the language it translated from. */
  translatedFrom?: string
}

/** The plugin's attributed Quote block. */
export const quote = (fields: QuoteFields): LexicalNode => ({
  type: 'block',
  format: '',
  version: 2,
  fields: { id: nodeId(), blockName: '', blockType: 'quote', ...fields },
})

export const doc = (...children: LexicalNode[]): LexicalDocument => ({
  root: element('root', children) as LexicalDocument['root'],
})
