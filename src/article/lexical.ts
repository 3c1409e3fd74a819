/** Reading Lexical JSON as Payload stores it: nodes, their children and their plain text. */
import type { LexicalNode } from '../model/lexical.ts'

export type { LexicalNode } from '../model/lexical.ts'

/** A node's children, or none when what is stored there is not a list (a malformed body). */
export const childrenOf = (node: LexicalNode): LexicalNode[] => (Array.isArray(node.children) ? node.children : [])

/** The root node of a rich-text value, if it has one. */
export const rootOf = (value: unknown): LexicalNode | undefined => {
  const root = (value as { root?: unknown } | null | undefined)?.root
  return root && typeof root === 'object' ? (root as LexicalNode) : undefined
}

/** Plain text of a node and its descendants. */
export function nodeText(node: LexicalNode): string {
  if (!node || typeof node !== 'object') return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  return childrenOf(node).map(nodeText).join('')
}

/** Plain text of a whole rich-text value, one paragraph per top-level block. */
export function richTextToPlain(value: unknown): string {
  const root = rootOf(value)
  if (!root) return ''
  return childrenOf(root)
    .map(nodeText)
    .filter((text) => text.trim() !== '')
    .join('\n\n')
}
