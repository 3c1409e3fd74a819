import type { PayloadRequest, Where } from 'payload'

import type { Id } from '../model/documents.ts'
import type { GateContext, GateTarget, LoadedParticipant, LoadedPhoto, LoadedStatement } from './types.ts'

import { readArticle } from '../article/inventory.ts'
import { richTextToPlain } from '../article/lexical.ts'
import { storableIds } from '../db/ids.ts'
import { idOf } from '../model/documents.ts'

/** The slugs the gate reads documents from. */
export type GateSlugs = GateContext['slugs']

const key = (id: Id) => String(id)

/** Reads one collection's documents by id in a single query, published state only. */
async function loadByIds<T extends { id: Id }>(
  req: PayloadRequest,
  collection: string,
  ids: Set<string>,
): Promise<Map<string, T>> {
  const loaded = new Map<string, T>()
  if (ids.size === 0) return loaded
  const idList = storableIds(req.payload, collection, ids)
  if (idList.length === 0) return loaded
  const where: Where = { id: { in: idList } }
  const { docs } = await req.payload.find({
    collection: collection as 'participants',
    where,
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    draft: false,
    req,
  })
  for (const doc of docs) loaded.set(key(doc.id), doc as unknown as T)
  return loaded
}

/**
 * Loads everything the rules need for one document, with one query per collection whatever
 * the number of photos, quotes or participants: photos, then statements, then every participant
 * any of them names.
 */
export async function loadGateContext(args: {
  req: PayloadRequest
  target: GateTarget
  doc: Record<string, unknown>
  slugs: GateSlugs
  ministryWording: RegExp[]
  now?: Date
}): Promise<GateContext> {
  const { req, target, doc, slugs } = args

  const article = target === 'articles' ? readArticle(doc, slugs, req) : undefined
  const references: Pick<GateContext, 'photoUses' | 'quotes' | 'citations' | 'bareBlockquotes' | 'runningText'> = {
    photoUses: article?.photoUses ?? [],
    quotes: article?.quotes ?? [],
    citations: [...(article?.citations ?? [])],
    bareBlockquotes: article?.bareBlockquotes ?? [],
    runningText: article?.runningText ?? [],
  }
  if (target === 'jointStatements') {
    const signatories = Array.isArray(doc.signatories) ? doc.signatories : []
    signatories.forEach((value, index) => {
      const id = idOf(value)
      if (id !== undefined)
        references.citations.push({
          relationTo: 'participants',
          id,
          path: 'signatories',
          via: `signatory ${index + 1}`,
        })
    })
  }
  if (target === 'participants') {
    const parent = idOf(doc.parent)
    if (parent !== undefined)
      references.citations.push({ relationTo: 'participants', id: parent, path: 'parent', via: 'parent' })
  }

  const photos = await loadByIds<LoadedPhoto>(
    req,
    slugs.photos,
    new Set(references.photoUses.map((use) => key(use.photoId))),
  )

  const statementIds = new Set(
    references.citations.filter((c) => c.relationTo === 'jointStatements').map((c) => key(c.id)),
  )
  const rawStatements = await loadByIds<LoadedStatement & { text?: unknown }>(req, slugs.jointStatements, statementIds)
  const statements = new Map<string, LoadedStatement>()
  for (const [id, statement] of rawStatements) {
    const { text, ...rest } = statement
    statements.set(id, {
      ...rest,
      signatories: (Array.isArray(statement.signatories) ? statement.signatories : [])
        .map(idOf)
        .filter((v): v is Id => v !== undefined),
      plainText: richTextToPlain(text),
    })
  }

  const participantIds = new Set(
    references.citations.filter((c) => c.relationTo === 'participants').map((c) => key(c.id)),
  )
  for (const photo of photos.values()) {
    const issuer = idOf(photo.credit?.issuer)
    if (issuer !== undefined) participantIds.add(key(issuer))
  }
  for (const statement of statements.values()) for (const id of statement.signatories ?? []) participantIds.add(key(id))
  const participants = await loadByIds<LoadedParticipant>(req, slugs.participants, participantIds)

  return {
    target,
    doc,
    now: args.now ?? new Date(),
    slugs,
    photos,
    participants,
    statements,
    ministryWording: args.ministryWording,
    req,
    ...references,
  }
}
