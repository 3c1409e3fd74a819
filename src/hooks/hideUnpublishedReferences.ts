import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import type { Id } from '../model/documents.ts'

import { embargoLifted, isStaff } from '../access/index.ts'
import { type ArticleSlugs, readArticle, readAttribution } from '../article/inventory.ts'
import { storableIds } from '../db/ids.ts'

type Row = Record<string, unknown>

/** Ids of references still stored as ids; populated ones already passed read access. */
const unpopulated = (value: unknown): Id | undefined =>
  typeof value === 'number' || typeof value === 'string' ? value : undefined

interface Batch {
  ids: Set<string>
  published: Promise<Set<string>>
}

/** Lookups of one request waiting to be sent together, per collection. */
const pendingBatches = new WeakMap<PayloadRequest, Map<string, Batch>>()

/**
 * Which of these ids are published (and, for statements, out of embargo). The articles of one
 * list are read side by side, so their lookups are gathered until the next turn of the event loop
 * and sent as one query per collection (rather than one per article).
 */
function publishedAmong(
  req: PayloadRequest,
  collection: string,
  ids: Set<string>,
  released = false,
): Promise<Set<string>> {
  if (ids.size === 0) return Promise.resolve(new Set())
  let batches = pendingBatches.get(req)
  if (!batches) {
    batches = new Map()
    pendingBatches.set(req, batches)
  }
  let batch = batches.get(collection)
  if (!batch) {
    const waiting = new Set<string>()
    const forRequest = batches
    const published = new Promise<Set<string>>((resolve, reject) => {
      setImmediate(() => {
        forRequest.delete(collection)
        req.payload
          .find({
            collection: collection as 'participants',
            where: {
              and: [
                { id: { in: storableIds(req.payload, collection, waiting) } },
                { _status: { equals: 'published' } },
                // A statement under embargo stays out of readers' sight until it lifts.
                ...(released ? [embargoLifted()] : []),
              ],
            },
            depth: 0,
            limit: 0,
            pagination: false,
            overrideAccess: true,
            select: {},
            req,
          })
          .then(({ docs }) => resolve(new Set(docs.map((doc) => String(doc.id)))), reject)
      })
    })
    batch = { ids: waiting, published }
    batches.set(collection, batch)
  }
  for (const id of ids) batch.ids.add(id)
  return batch.published
}

/**
 * A published article may cite a participant or statement that is a draft (it was unpublished
 * later). Readers outside the desk must not learn of it: its id is removed from `statements`,
 * `participants` and quote attributions. Three queries at most for a whole list, none when every
 * reference was populated (populated means readable).
 */
export const hideUnpublishedReferences =
  (slugs: ArticleSlugs): CollectionAfterReadHook =>
  async ({ doc, req }) => {
    if (isStaff(req)) return doc
    const article = doc as Row
    const inventory = readArticle(article, slugs)
    const participants = Array.isArray(article.participants) ? (article.participants as Row[]) : []
    const statements = Array.isArray(article.statements) ? (article.statements as unknown[]) : []

    // The places in the body that point at a participant or statement, each with how to clear it.
    const bodyReferences = [
      ...inventory.quotes.flatMap((quote) => {
        const attribution = readAttribution(quote.fields?.attributedTo, slugs)
        return attribution && quote.fields ? [{ attribution, clear: () => (quote.fields!.attributedTo = null) }] : []
      }),
      ...inventory.mentions.map((mention) => ({ attribution: mention, clear: () => (mention.node.value = null) })),
    ]

    const participantIds = new Set<string>()
    const statementIds = new Set<string>()
    const issuedStatementIds = new Set<string>()
    const idsOf = (collection: string) =>
      collection === 'jointStatements'
        ? statementIds
        : collection === 'statements'
          ? issuedStatementIds
          : participantIds
    for (const row of participants) {
      const id = unpopulated(row.participant)
      if (id !== undefined) participantIds.add(String(id))
    }
    for (const value of statements) {
      const id = unpopulated(value)
      if (id !== undefined) statementIds.add(String(id))
    }
    for (const { attribution } of bodyReferences) {
      const id = unpopulated(attribution.value)
      if (id === undefined) continue
      idsOf(attribution.collection).add(String(id))
    }
    if (participantIds.size === 0 && statementIds.size === 0 && issuedStatementIds.size === 0) return doc

    // One after the other (inside a transaction they share a connection); every article of a list still joins the same batch.
    const visibleParticipants = await publishedAmong(req, slugs.participants, participantIds)
    const visibleStatements = await publishedAmong(req, slugs.jointStatements, statementIds, true)
    const visibleIssuedStatements = slugs.statements
      ? await publishedAmong(req, slugs.statements, issuedStatementIds, true)
      : new Set<string>()
    const visibleOf = (collection: string) =>
      collection === 'jointStatements'
        ? visibleStatements
        : collection === 'statements'
          ? visibleIssuedStatements
          : visibleParticipants
    const visible = (id: unknown, ids: Set<string>, published: Set<string>) => {
      const raw = unpopulated(id)
      return raw === undefined || !ids.has(String(raw)) || published.has(String(raw))
    }

    article.participants = participants.filter((row) => visible(row.participant, participantIds, visibleParticipants))
    article.statements = statements.filter((value) => visible(value, statementIds, visibleStatements))
    for (const { attribution, clear } of bodyReferences)
      if (!visible(attribution.value, idsOf(attribution.collection), visibleOf(attribution.collection))) clear()
    return doc
  }
