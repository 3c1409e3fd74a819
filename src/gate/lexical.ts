/** Walks Lexical JSON as Payload stores it, collecting what the gate checks. */

export interface LexicalNode {
  type?: string
  text?: string
  children?: LexicalNode[]
  relationTo?: string
  value?: unknown
  fields?: Record<string, unknown> & { blockType?: string }
  [key: string]: unknown
}

export interface BodyInventory {
  uploads: { relationTo: string; value: unknown; position: number }[]
  blocks: { blockType: string; fields: Record<string, unknown>; position: number }[]
  blockquotes: string[]
  paragraphs: string[]
}

/** Plain text of a node and its descendants. */
export function nodeText(node: LexicalNode): string {
  if (!node || typeof node !== 'object') return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  return childrenOf(node).map(nodeText).join('')
}

/** A node's children, or none when what is stored there is not a list (a malformed body). */
const childrenOf = (node: LexicalNode): LexicalNode[] => (Array.isArray(node.children) ? node.children : [])

const rootOf = (value: unknown): LexicalNode | undefined => {
  const root = (value as { root?: unknown } | null | undefined)?.root
  return root && typeof root === 'object' ? (root as LexicalNode) : undefined
}

/** Plain text of a whole rich-text value, one paragraph per top-level block. */
export function richTextToPlain(value: unknown): string {
  const root = rootOf(value)
  if (!root) return ''
  return childrenOf(root).map(nodeText).filter((text) => text.trim() !== '').join('\n\n')
}

/** Walks the body once; `position` counts uploads and blocks in reading order. */
export function inventoryBody(value: unknown): BodyInventory {
  const inventory: BodyInventory = { uploads: [], blocks: [], blockquotes: [], paragraphs: [] }
  const root = rootOf(value)
  if (!root) return inventory
  let position = 0
  const visit = (node: LexicalNode) => {
    if (!node || typeof node !== 'object') return
    switch (node.type) {
      case 'upload':
        inventory.uploads.push({ relationTo: String(node.relationTo ?? ''), value: node.value, position: ++position })
        return
      case 'block':
      case 'inlineBlock':
        if (node.fields && typeof node.fields === 'object') {
          inventory.blocks.push({ blockType: String(node.fields.blockType ?? ''), fields: node.fields, position: ++position })
        }
        return
      case 'quote':
        inventory.blockquotes.push(nodeText(node))
        return
      case 'paragraph':
      case 'heading':
      case 'listitem':
        inventory.paragraphs.push(nodeText(node))
        // list items may nest lists
        for (const child of childrenOf(node)) if (child?.type === 'list') visit(child)
        return
      default:
        for (const child of childrenOf(node)) visit(child)
    }
  }
  for (const child of childrenOf(root)) visit(child)
  return inventory
}
