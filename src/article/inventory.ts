/**
 * The one reading of an article: everything its fields and body show or cite, found in a single
 * walk of the body. The publish gate, the reference bookkeeping, hiding unpublished references,
 * JSON-LD and HTML all read the article through it, with the slugs the host configured.
 */
import type {
  ArticleInventory,
  ArticleReferences,
  ArticleSlugs,
  Attribution,
  BodyMention,
  Citation,
  CitedCollection,
  PhotoUse,
  QuoteUse,
} from '../model/article.ts'
import type { Id } from '../model/documents.ts'

import { distinctIds, idOf } from '../model/documents.ts'
import { childrenOf, type LexicalNode, nodeText, rootOf } from './lexical.ts'

export type * from '../model/article.ts'

/** Which cited collection a stored `relationTo` names, by the configured slugs. */
export function citedCollectionOf(relationTo: unknown, slugs: ArticleSlugs): CitedCollection | undefined {
  if (relationTo === slugs.participants) return 'participants'
  if (relationTo === slugs.jointStatements) return 'jointStatements'
  if (relationTo === slugs.statements) return 'statements'
  return undefined
}

/** A `{ relationTo, value }` reference read as an attribution, or null when it names no participant or statement. */
export function readAttribution(reference: unknown, slugs: ArticleSlugs): Attribution | null {
  if (!reference || typeof reference !== 'object') return null
  const { relationTo, value } = reference as { relationTo?: unknown; value?: unknown }
  const collection = citedCollectionOf(relationTo, slugs)
  const id = idOf(value)
  return collection && id !== undefined ? { collection, relationTo: String(relationTo), id, value } : null
}

interface BodyInventory {
  /** Quote attributions and mentions that name a participant or statement, in reading order. */
  cited: Attribution[]
  photoUses: PhotoUse[]
  quotes: QuoteUse[]
  mentions: BodyMention[]
  links: { url: string; newTab: boolean }[]
  bareBlockquotes: string[]
  runningText: string[]
}

const TEXT_CONTAINERS = new Set(['paragraph', 'heading', 'listitem'])

function readBody(body: unknown, slugs: ArticleSlugs): BodyInventory {
  const inventory: BodyInventory = {
    cited: [],
    photoUses: [],
    quotes: [],
    mentions: [],
    links: [],
    bareBlockquotes: [],
    runningText: [],
  }
  const root = rootOf(body)
  if (!root) return inventory
  let imageNumber = 0

  const readBlock = (fields: Record<string, unknown>) => {
    const blockType = String(fields.blockType ?? '')
    if (blockType === 'quote') {
      const attribution = readAttribution(fields.attributedTo, slugs)
      if (attribution) inventory.cited.push(attribution)
      const attributed = fields.attributedTo as { relationTo?: unknown } | null | undefined
      const attributedId = idOf((fields.attributedTo as { value?: unknown } | null | undefined)?.value)
      inventory.quotes.push({
        number: inventory.quotes.length + 1,
        text: typeof fields.text === 'string' ? fields.text : '',
        // Any reference counts as an attribution; whether it names a citable document is the rules' question.
        attributedTo:
          typeof attributed?.relationTo === 'string' && attributedId !== undefined
            ? { relationTo: attributed.relationTo, value: attributedId }
            : null,
        manner: (fields.manner as string | null | undefined) ?? null,
        saidOn: typeof fields.saidOn === 'string' ? fields.saidOn : null,
        translatedFrom:
          typeof fields.translatedFrom === 'string' && fields.translatedFrom.trim() !== ''
            ? fields.translatedFrom.trim()
            : null,
        path: 'body',
        fields,
      })
    }
    // Photos a block holds, stored as `{ relationTo, value }` in any of its fields.
    for (const [field, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === 'object' && (item as { relationTo?: unknown }).relationTo === slugs.photos) {
          const photo = (item as { value?: unknown }).value
          const id = idOf(photo)
          if (id !== undefined)
            inventory.photoUses.push({
              photoId: id,
              path: 'body',
              place: `body, ${blockType} block (${field})`,
              value: photo,
            })
        }
      }
    }
  }

  // `inText`: inside a paragraph, heading or list item, whose text was already taken whole.
  const visit = (node: LexicalNode, inText: boolean) => {
    if (!node || typeof node !== 'object') return
    switch (node.type) {
      case 'upload': {
        if (node.relationTo !== slugs.photos) return
        imageNumber += 1
        const id = idOf(node.value)
        if (id !== undefined)
          inventory.photoUses.push({
            photoId: id,
            path: 'body',
            place: `body, image ${imageNumber}`,
            value: node.value,
          })
        return
      }
      case 'block':
      case 'inlineBlock':
        if (node.fields && typeof node.fields === 'object') readBlock(node.fields)
        return
      case 'relationship': {
        const attribution = readAttribution(node, slugs)
        if (attribution) {
          inventory.mentions.push({ ...attribution, node })
          inventory.cited.push(attribution)
        }
        return
      }
      case 'quote':
        inventory.bareBlockquotes.push(nodeText(node))
        for (const child of childrenOf(node)) visit(child, true)
        return
      case 'link':
      case 'autolink': {
        const fields = (node.fields ?? {}) as { url?: unknown; newTab?: unknown }
        if (typeof fields.url === 'string') inventory.links.push({ url: fields.url, newTab: fields.newTab === true })
        break
      }
      default:
        if (node.type && TEXT_CONTAINERS.has(node.type) && !inText) {
          inventory.runningText.push(nodeText(node))
          // A list inside a list item holds items of its own.
          for (const child of childrenOf(node)) visit(child, child?.type !== 'list')
          return
        }
    }
    for (const child of childrenOf(node)) visit(child, inText && node.type !== 'list')
  }
  for (const child of childrenOf(root)) visit(child, false)
  return inventory
}

const sameSlugs = (a: ArticleSlugs, b: ArticleSlugs) =>
  a.photos === b.photos &&
  a.participants === b.participants &&
  a.jointStatements === b.jointStatements &&
  a.statements === b.statements

/**
 * Readings kept for the length of one operation (one request object): the hooks of one save (the
 * references, then the gate) read the same body, so it is walked once. Kept no longer, since a
 * body object can be changed in place between operations.
 */
const readingsByOperation = new WeakMap<object, WeakMap<object, { slugs: ArticleSlugs; inventory: BodyInventory }>>()

function bodyInventory(body: unknown, slugs: ArticleSlugs, operation: object | undefined): BodyInventory {
  if (!operation || !body || typeof body !== 'object') return readBody(body, slugs)
  let readings = readingsByOperation.get(operation)
  if (!readings) {
    readings = new WeakMap()
    readingsByOperation.set(operation, readings)
  }
  const cached = readings.get(body)
  if (cached && sameSlugs(cached.slugs, slugs)) return cached.inventory
  const inventory = readBody(body, slugs)
  readings.set(body, { slugs: { ...slugs }, inventory })
  return inventory
}

/**
 * Reads an article (stored or populated, whole or as it would be saved) with the configured slugs.
 * Given the operation's request, the body is read once for the whole operation.
 */
export function readArticle(doc: Record<string, unknown>, slugs: ArticleSlugs, operation?: object): ArticleInventory {
  const body = bodyInventory(doc.body, slugs, operation)
  const hero = idOf(doc.heroPhoto)
  const photoUses: PhotoUse[] = [
    ...(hero !== undefined ? [{ photoId: hero, path: 'heroPhoto', place: 'hero photo', value: doc.heroPhoto }] : []),
    ...body.photoUses,
  ]

  const citations: Citation[] = []
  for (const quote of body.quotes) {
    if (!quote.attributedTo) continue
    citations.push({
      relationTo: citedCollectionOf(quote.attributedTo.relationTo, slugs) ?? 'participants',
      id: quote.attributedTo.value,
      path: 'body',
      via: `quote ${quote.number}`,
    })
  }
  const participants = Array.isArray(doc.participants) ? doc.participants : []
  participants.forEach((row, index) => {
    const id = idOf((row as { participant?: unknown } | null)?.participant)
    if (id !== undefined)
      citations.push({
        relationTo: 'participants',
        id,
        path: `participants.${index}.participant`,
        via: `participant ${index + 1}`,
      })
  })
  for (const value of Array.isArray(doc.statements) ? doc.statements : []) {
    const id = idOf(value)
    if (id !== undefined)
      citations.push({ relationTo: 'jointStatements', id, path: 'statements', via: 'cited statements' })
  }

  return { ...body, photoUses, citations }
}

/**
 * The photos, participants and statements an article shows or cites (its citations, and the
 * participants and statements its body mentions), each once.
 */
export function referencesOf(inventory: ArticleInventory): ArticleReferences {
  const cited: Record<CitedCollection, Id[]> = { participants: [], jointStatements: [], statements: [] }
  for (const citation of inventory.citations) {
    if (citation.path === 'body') continue
    cited[citation.relationTo].push(citation.id)
  }
  for (const attribution of inventory.cited) cited[attribution.collection].push(attribution.id)
  return {
    photos: distinctIds(inventory.photoUses.map((use) => use.photoId)),
    participants: distinctIds(cited.participants),
    statements: distinctIds(cited.jointStatements),
    issuedStatements: distinctIds(cited.statements),
  }
}
