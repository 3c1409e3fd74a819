import type { PayloadRequest } from 'payload'

import type { GateContext, Finding } from '../gate/types.ts'
import type { SourceCollection, SourceSubstitution } from '../gate/loadContext.ts'
import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { publishedArticlesShowing } from '../delivery/affectedArticles.ts'
import { loadGateSources, referencesOf } from '../gate/loadContext.ts'
import { runGate } from '../gate/runGate.ts'

/** A published article a pending change to one of its sources would affect. */
export interface ArticleImpact {
  id: Id
  title: string
  slug: string
  /** Errors the change would add to the published article (its rules as configured). */
  newErrors: Finding[]
  /** Every error the published article would have after the change. */
  errorsAfter: Finding[]
}

/** What a pending change to a photo, participant or statement would do to the published articles showing it. */
export interface LiveImpact {
  source: { collection: SourceCollection; slug: string; id: Id }
  /** Every published article that shows the source, directly or one level down. */
  articles: ArticleImpact[]
}

/** Two findings are the same problem when the same rule flags the same place (messages may quote changed text). */
const problemKey = (finding: Finding) => `${finding.rule}\u0000${finding.path}`

/**
 * Runs the article rules over every published article that shows a source, as the source is now
 * and as the pending change would leave it. Batched: a few queries to find the articles, one to
 * load them, one per source collection — the same count for one article or a thousand.
 */
export async function assessLiveImpact(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  change: SourceSubstitution,
): Promise<LiveImpact> {
  const { slugs } = options
  const source = { collection: change.collection, slug: slugs[change.collection], id: change.id }
  const ids = await publishedArticlesShowing(req, options, change.collection, change.id)
  if (ids.length === 0) return { source, articles: [] }

  const { docs } = await req.payload.find({
    collection: slugs.articles as 'articles',
    where: { and: [{ id: { in: ids } }, { _status: { equals: 'published' } }] },
    depth: 0,
    draft: false,
    overrideAccess: true,
    pagination: false,
    req,
  })
  const articles = docs as unknown as (Record<string, unknown> & { id: Id; title?: string; slug?: string })[]
  const references = articles.map((doc) => referencesOf('articles', doc, slugs))
  const { before, after } = await loadGateSources(req, slugs, references, change)

  const now = new Date()
  const contextOf = (index: number, sources: typeof before): GateContext => ({
    target: 'articles',
    doc: articles[index]!,
    now,
    slugs,
    ministryWording: options.gate.ministryWording,
    quotations: options.gate.quotations,
    req,
    ...references[index]!,
    ...sources,
  })
  return {
    source,
    articles: articles.map((doc, index) => {
      const errorsAfter = runGate(contextOf(index, after), options.gate).errors
      // Most changes break nothing: the rules run a second time only where something is wrong.
      const known = errorsAfter.length
        ? new Set(runGate(contextOf(index, before), options.gate).errors.map(problemKey))
        : new Set<string>()
      return {
        id: doc.id,
        title: String(doc.title ?? ''),
        slug: String(doc.slug ?? ''),
        newErrors: errorsAfter.filter((finding) => !known.has(problemKey(finding))),
        errorsAfter,
      }
    }),
  }
}

/** The articles a change would put in breach of the rules. */
export const articlesBreached = (impact: LiveImpact): ArticleImpact[] =>
  impact.articles.filter((article) => article.newErrors.length > 0)

const isGroup = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('root' in value)

/**
 * A stored document with a change applied as Payload applies an update: groups merged key by key,
 * arrays, rich text and plain values replaced.
 */
export function withChange(
  original: Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...original }
  for (const [name, value] of Object.entries(change)) {
    const before = original[name]
    result[name] = isGroup(value) && isGroup(before) ? withChange(before, value) : value
  }
  return result
}
