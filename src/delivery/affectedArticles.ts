import type { PayloadRequest, Where } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'
import type { Id } from '../model/documents.ts'

/** A document whose change can alter what published articles show. */
export type ArticleDependency = 'photos' | 'participants' | 'jointStatements' | 'statements'

async function idsOf(req: PayloadRequest, collection: string, where: Where): Promise<Id[]> {
  const { docs } = await req.payload.find({
    collection: collection as 'articles',
    where,
    depth: 0,
    draft: false,
    overrideAccess: true,
    pagination: false,
    select: {},
    req,
  })
  return docs.map((doc) => doc.id)
}

/**
 * The published articles whose public form shows the given photo, participant or statement,
 * directly or one level down (a participant signs a cited joint statement, issued a quoted
 * statement or issued a photo's credit): the depth-2 reach of a public read. One query per
 * collection involved, through the indexed `photosUsed`, `participantsCited`, `statementsCited`
 * and `issuedStatementsCited`.
 */
export async function publishedArticlesShowing(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  dependency: ArticleDependency,
  id: Id,
): Promise<Id[]> {
  const { slugs } = options
  const showing: Where[] = []
  if (dependency === 'photos') showing.push({ photosUsed: { in: [id] } })
  if (dependency === 'jointStatements') showing.push({ statementsCited: { in: [id] } })
  if (dependency === 'statements') showing.push({ issuedStatementsCited: { in: [id] } })
  if (dependency === 'participants') {
    // One after the other: inside a transaction they share one connection.
    const statements = await idsOf(req, slugs.jointStatements, { signatories: { in: [id] } })
    const issued = await idsOf(req, slugs.statements, { issuer: { equals: id } })
    const photos = await idsOf(req, slugs.photos, { 'credit.issuer': { equals: id } })
    showing.push({ participantsCited: { in: [id] } })
    if (statements.length) showing.push({ statementsCited: { in: statements } })
    if (issued.length) showing.push({ issuedStatementsCited: { in: issued } })
    if (photos.length) showing.push({ photosUsed: { in: photos } })
  }
  return idsOf(req, slugs.articles, { and: [{ _status: { equals: 'published' } }, { or: showing }] })
}
