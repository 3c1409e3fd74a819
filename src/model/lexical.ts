/** A Lexical node as Payload stores it in a rich-text field. */
export interface LexicalNode {
  type?: string
  text?: string
  children?: LexicalNode[]
  relationTo?: string
  value?: unknown
  fields?: Record<string, unknown> & { blockType?: string }
  [key: string]: unknown
}
