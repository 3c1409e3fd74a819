import type { LexicalNode } from './lexical.ts'

import { idOf, photoIdsIn } from './articlePhotos.ts'

type Id = number | string

export interface ArticleReferences {
  photos: Id[]
  participants: Id[]
  statements: Id[]
}

const distinct = (ids: Id[]): Id[] => [...new Map(ids.map((id) => [String(id), id])).values()]

/**
 * Everything an article shows or cites: its photos (hero and body), the participants it lists or
 * quotes, and the statements it cites or quotes. Kept on the article so "which published articles
 * does this change touch?" is an indexed lookup rather than a scan of every body.
 */
export function articleReferences(doc: Record<string, unknown>, slugs: { photos: string; participants: string; jointStatements: string }): ArticleReferences {
  const participants: Id[] = []
  const statements: Id[] = []
  const addReference = (relationTo: unknown, value: unknown) => {
    const id = idOf(value)
    if (id === undefined) return
    if (relationTo === slugs.participants) participants.push(id)
    else if (relationTo === slugs.jointStatements) statements.push(id)
  }

  for (const row of Array.isArray(doc.participants) ? doc.participants : []) {
    const id = idOf((row as { participant?: unknown } | null)?.participant)
    if (id !== undefined) participants.push(id)
  }
  for (const value of Array.isArray(doc.statements) ? doc.statements : []) {
    const id = idOf(value)
    if (id !== undefined) statements.push(id)
  }

  // Quote attributions and relationship nodes, at any depth of the body.
  const visit = (node: LexicalNode | undefined) => {
    if (!node || typeof node !== 'object') return
    if (node.type === 'relationship') addReference(node.relationTo, node.value)
    if (node.fields && typeof node.fields === 'object') {
      const attributed = node.fields.attributedTo as { relationTo?: unknown; value?: unknown } | null | undefined
      if (attributed && typeof attributed === 'object') addReference(attributed.relationTo, attributed.value)
    }
    for (const child of Array.isArray(node.children) ? node.children : []) visit(child)
  }
  visit((doc.body as { root?: LexicalNode } | null | undefined)?.root)

  return { photos: photoIdsIn(doc, slugs.photos), participants: distinct(participants), statements: distinct(statements) }
}
