import type { PayloadRequest } from 'payload'

import type { AttentionReason, AttentionResolution } from '../model/attention.ts'
import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'
import type { ArticleImpact } from './liveImpact.ts'

import { queueWebhookEvent } from '../webhooks/events.ts'

/** The source a flag is about, as editors see it. */
export interface FlaggedSource {
  collection: string
  id: Id
  label: string
}

const CHANGE_WORDS: Record<AttentionReason, string> = {
  'source-changed': 'changed',
  'source-unpublished': 'unpublished',
  'source-deleted': 'deleted',
  'photo-rights-expired': 'rights expired',
}

/** Who confirmed a change, when the request has a user of the configured users collection. */
function acknowledgerOf(req: PayloadRequest, options: ResolvedNewsroomOptions) {
  const user = req.user as { id?: Id; email?: string; collection?: string } | null | undefined
  if (!user?.id || (user.collection && user.collection !== options.usersSlug)) return null
  return { id: user.id, email: user.email }
}

/**
 * Puts each article on the "Needs attention" list with what the rules found, records who
 * confirmed the change and when, and tells webhook receivers — in the caller's transaction, so a
 * change that does not save flags nothing.
 */
export async function flagArticles(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  args: { reason: AttentionReason; source: FlaggedSource; articles: ArticleImpact[]; now?: Date },
): Promise<void> {
  const { reason, source, articles } = args
  if (articles.length === 0) return
  const acknowledgedBy = acknowledgerOf(req, options)
  const at = (args.now ?? new Date()).toISOString()
  for (const article of articles) {
    await req.payload.create({
      collection: options.slugs.needsAttention as 'needs-attention',
      data: {
        title: `${article.title || `Article #${String(article.id)}`}: ${source.label} ${CHANGE_WORDS[reason]}`,
        status: 'open',
        article: article.id as number,
        reason,
        source: { collection: source.collection, documentId: String(source.id), label: source.label },
        findings: article.newErrors as unknown as Record<string, unknown>[],
        acknowledgedBy: (acknowledgedBy?.id as number | undefined) ?? null,
        acknowledgedAt: acknowledgedBy ? at : null,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
  await queueWebhookEvent(
    req,
    options,
    'article.needs-attention',
    { collection: source.collection, id: source.id },
    articles.map((article) => ({ id: article.id, slug: article.slug, change: 'updated' as const })),
    {
      attention: {
        reason,
        acknowledgedBy,
        findings: Object.fromEntries(articles.map((article) => [String(article.id), article.newErrors])),
      },
    },
  )
}

/**
 * Takes the articles off the "Needs attention" list (their open items become resolved, and stay
 * as a record) and tells webhook receivers. One query when none of them is on it.
 */
export async function resolveAttention(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  articleIds: Id[],
  resolution: AttentionResolution,
): Promise<void> {
  if (articleIds.length === 0) return
  const { docs } = await req.payload.update({
    collection: options.slugs.needsAttention as 'needs-attention',
    where: { and: [{ status: { equals: 'open' } }, { article: { in: articleIds } }] },
    data: { status: 'resolved', resolvedAt: new Date().toISOString(), resolution },
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (docs.length === 0) return
  const resolved = new Map<string, { id: Id; slug: string }>()
  for (const item of docs) {
    const article = item.article as Id | { id: Id; slug?: string } | null | undefined
    const id = typeof article === 'object' && article ? article.id : article
    if (id != null) resolved.set(String(id), { id, slug: '' })
  }
  const { docs: articles } = await req.payload.find({
    collection: options.slugs.articles as 'articles',
    where: { id: { in: [...resolved.values()].map((article) => article.id) } },
    depth: 0,
    draft: false,
    overrideAccess: true,
    pagination: false,
    select: { slug: true },
    req,
  })
  for (const article of articles) resolved.set(String(article.id), { id: article.id, slug: String(article.slug ?? '') })
  await queueWebhookEvent(
    req,
    options,
    'article.attention-resolved',
    { collection: options.slugs.articles, id: [...resolved.values()][0]!.id },
    [...resolved.values()].map((article) => ({ ...article, change: 'updated' as const })),
    { attention: { resolution } },
  )
}
