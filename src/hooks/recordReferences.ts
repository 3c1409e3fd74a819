import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Id } from '../model/documents.ts'

import { type ArticleSlugs, readArticle, referencesOf } from '../article/inventory.ts'
import { storableIds } from '../db/ids.ts'

/**
 * The ids among `ids` that still name a document. The body may still show a photo, or quote a
 * participant or statement, deleted since: the draft must stay savable, and the bookkeeping rows
 * can only point at documents that exist. One query per collection, none when nothing is named.
 */
async function existing(req: PayloadRequest, collection: string, ids: Id[]): Promise<Id[]> {
  const storable = storableIds(req.payload, collection, new Set(ids.map(String)))
  if (storable.length === 0) return []
  const { docs } = await req.payload.find({
    collection: collection as 'photos',
    where: { id: { in: storable } },
    select: {},
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const found = new Set(docs.map((doc) => String(doc.id)))
  return ids.filter((id) => found.has(String(id)))
}

/**
 * Keeps `photosUsed`, `participantsCited`, `statementsCited` (joint statements) and
 * `issuedStatementsCited` (statements of one participant) in step with the article, so
 * "which articles use this photo, quote this participant, cite this statement?" are indexed
 * queries (used by the credits report, snapshot refreshes, webhooks and the live-articles check).
 */
export const recordReferences =
  (slugs: ArticleSlugs): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const references = referencesOf(readArticle({ ...(originalDoc ?? {}), ...data }, slugs, req))
    // One after the other: inside a transaction they share one connection.
    data.photosUsed = await existing(req, slugs.photos, references.photos)
    data.participantsCited = await existing(req, slugs.participants, references.participants)
    data.statementsCited = await existing(req, slugs.jointStatements, references.statements)
    data.issuedStatementsCited = await existing(req, slugs.statements, references.issuedStatements)
    return data
  }
