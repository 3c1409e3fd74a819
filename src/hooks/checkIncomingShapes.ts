import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'

/** Deeper than any real document; deep enough to stop a body built to exhaust the stack. */
const MAX_DEPTH = 1_000
const MAX_NODES = 200_000

/** Where a rich-text value stops being Lexical's shape, or undefined when it is fine. */
function malformation(value: unknown): string | undefined {
  if (value == null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) return 'is not rich text (an object with a root node)'
  const root = (value as { root?: unknown }).root
  if (!root || typeof root !== 'object' || Array.isArray(root)) return 'has no root node'
  let nodes = 0
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: root, path: 'root', depth: 0 }]
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!
    nodes += 1
    if (nodes > MAX_NODES) return `has more than ${MAX_NODES.toLocaleString('en')} nodes`
    if (depth > MAX_DEPTH) return `is nested more than ${MAX_DEPTH} levels deep (at ${path})`
    if (!node || typeof node !== 'object' || Array.isArray(node)) return `has something that is not a node at ${path}`
    const { type, children } = node as { type?: unknown; children?: unknown }
    if (typeof type !== 'string' || type === '') return `has a node without a type at ${path}`
    if (children === undefined) continue
    if (!Array.isArray(children)) return `has children that are not a list at ${path}`
    children.forEach((child, index) =>
      stack.push({ node: child, path: `${path}.children[${index}]`, depth: depth + 1 }),
    )
  }
  return undefined
}

/**
 * Rich-text fields must hold Lexical's shape before Payload's own rich-text processing sees them:
 * a malformed body sent through the API (a number where a node should be, children that are not
 * a list) is answered with a 400 naming the place, not a server error.
 */
export const rejectMalformedRichText =
  (fieldNames: string[]): CollectionBeforeOperationHook =>
  ({ args, collection, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const data = (args as { data?: Record<string, unknown> }).data
    if (!data || typeof data !== 'object') return args
    const errors = fieldNames.flatMap((name) => {
      const problem = name in data ? malformation(data[name]) : undefined
      return problem
        ? [{ path: name, message: `The ${name} ${problem}. Send the value the rich-text editor produces.` }]
        : []
    })
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
    return args
  }

/**
 * `null` sent for a list (an array field, a has-many relationship, tags) means "none"; Payload's
 * database layer fails on it, so it is stored as an empty list.
 */
export const nullListsAreEmpty: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || typeof data !== 'object') return args
  for (const field of collection.flattenedFields) {
    const isList = field.type === 'array' || ('hasMany' in field && field.hasMany === true)
    if (isList && field.name in data && data[field.name] === null) data[field.name] = []
  }
  return args
}
