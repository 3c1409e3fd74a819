import type {
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import { APIError } from 'payload'

import type { AttentionReason } from '../model/attention.ts'
import type { SourceCollection } from '../gate/loadContext.ts'
import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { flagArticles, resolveAttention } from '../integrity/attention.ts'
import {
  articlesBreached,
  assessLiveImpact,
  type ArticleImpact,
  type LiveImpact,
  withChange,
} from '../integrity/liveImpact.ts'
import { rememberDraftSave, savesDraftOnly } from './liveState.ts'

/**
 * How a change that breaks live articles is confirmed: the `acknowledgeLiveImpact` field in the
 * saved data (REST, GraphQL, Local API, the admin's confirmation), this request header (any
 * operation, deletes included), or `context: { acknowledgeLiveImpact: true }` in the Local API.
 */
export const ACKNOWLEDGE_FIELD = 'acknowledgeLiveImpact'
export const ACKNOWLEDGE_HEADER = 'x-acknowledge-live-impact'
export const ACKNOWLEDGE_CONTEXT = 'acknowledgeLiveImpact'

const NOUNS: Record<SourceCollection, string> = {
  photos: 'photo',
  participants: 'participant',
  jointStatements: 'joint statement',
  statements: 'statement',
}

/** The source as editors name it: its kind and its title. */
export function sourceLabel(collection: SourceCollection, doc: Record<string, unknown> | undefined, id: Id): string {
  const name = doc?.title ?? doc?.name ?? doc?.alt ?? doc?.filename
  return `${NOUNS[collection]} “${typeof name === 'string' && name ? name : `#${String(id)}`}”`
}

function isAcknowledged(req: PayloadRequest, data?: Record<string, unknown>): boolean {
  if (data?.[ACKNOWLEDGE_FIELD] === true) return true
  if (req.context?.[ACKNOWLEDGE_CONTEXT] === true) return true
  const header = req.headers?.get?.(ACKNOWLEDGE_HEADER)
  return header === 'true' || header === '1'
}

const IGNORED = new Set(['updatedAt', 'createdAt', ACKNOWLEDGE_FIELD, 'attributionChecklist'])
const comparable = (doc: Record<string, unknown>) =>
  JSON.stringify(Object.entries(doc).filter(([name, value]) => !IGNORED.has(name) && value !== undefined))

/** The error's name, for Payload's `loggingLevels`: a refusal is logged at `info`, not as a server error. */
export const LIVE_IMPACT_REFUSED = 'LiveImpactRefused'

class LiveImpactRefused extends APIError {
  constructor(message: string, data: Record<string, unknown>) {
    super(message, 409, data, true)
    this.name = LIVE_IMPACT_REFUSED
  }
}

/** The refusal: every affected live article with what the rules would find, and how to confirm. */
function refusal(label: string, breached: ArticleImpact[]): APIError {
  const list = breached
    .map((article) => {
      const findings = article.newErrors.map((finding) => `${finding.rule}: ${finding.message}`).join(' ')
      return `“${article.title || `#${String(article.id)}`}” (${findings})`
    })
    .join('; ')
  const count = breached.length === 1 ? 'a published article' : `${breached.length} published articles`
  return new LiveImpactRefused(
    `This change to the ${label} would put ${count} in breach of the publish rules: ${list}. ` +
      `To save it anyway, confirm it (send "${ACKNOWLEDGE_FIELD}": true, or the header ` +
      `${ACKNOWLEDGE_HEADER}: true); the articles will then be listed under Needs attention until they are fixed.`,
    { liveArticles: breached.map(({ id, title, slug, newErrors }) => ({ id, title, slug, findings: newErrors })) },
  )
}

/**
 * Decides on a pending change to a source of live articles: refused when it would break one and
 * is not confirmed; confirmed, it flags the articles it breaks. Articles it leaves without errors
 * leave the "Needs attention" list — fixing the source first works as well as fixing the article.
 */
async function decide(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  impact: LiveImpact,
  reason: AttentionReason,
  label: string,
  acknowledged: boolean,
): Promise<void> {
  const breached = articlesBreached(impact)
  if (breached.length > 0 && !acknowledged) throw refusal(label, breached)
  await flagArticles(req, options, {
    reason,
    source: { collection: impact.source.slug, id: impact.source.id, label },
    articles: breached,
  })
  const clean = impact.articles.filter((article) => article.errorsAfter.length === 0).map((article) => article.id)
  await resolveAttention(req, options, clean, 'source-fixed')
}

/**
 * Live articles stay true to their sources: a change to a photo, participant or joint statement —
 * update by id or in bulk, unpublish, a restored version, a delete — that would put a published
 * article in breach of an error-level rule is refused with the list of those articles, unless it
 * is confirmed. Drafts saved over a published source change nothing live and are not checked.
 */
export function guardLiveArticles(
  options: ResolvedNewsroomOptions,
  collection: SourceCollection,
): {
  beforeOperation: CollectionBeforeOperationHook
  beforeChange: CollectionBeforeChangeHook
  beforeDelete: CollectionBeforeDeleteHook
} {
  return {
    beforeOperation: rememberDraftSave,
    beforeChange: async ({ collection: config, context, data, operation, originalDoc, req }) => {
      if (operation !== 'update' || !originalDoc?.id) return data
      if (savesDraftOnly(context, config.slug)) return data
      const proposed = withChange(originalDoc as Record<string, unknown>, data)
      delete proposed[ACKNOWLEDGE_FIELD]
      if (comparable(proposed) === comparable(originalDoc as Record<string, unknown>)) return data
      const hasDrafts = Boolean(config.versions && typeof config.versions === 'object' && config.versions.drafts)
      const unpublishing = hasDrafts && proposed._status !== 'published'
      const id = originalDoc.id as Id
      const impact = await assessLiveImpact(req, options, { collection, id, doc: proposed })
      await decide(
        req,
        options,
        impact,
        unpublishing ? 'source-unpublished' : 'source-changed',
        sourceLabel(collection, proposed, id),
        isAcknowledged(req, data),
      )
      return data
    },
    beforeDelete: async ({ id, req }) => {
      const impact = await assessLiveImpact(req, options, { collection, id, doc: null })
      if (impact.articles.length === 0) return
      const { docs } = await req.payload.find({
        collection: options.slugs[collection] as 'participants',
        where: { id: { equals: id } },
        depth: 0,
        limit: 1,
        overrideAccess: true,
        req,
      })
      await decide(
        req,
        options,
        impact,
        'source-deleted',
        sourceLabel(collection, docs[0] as Record<string, unknown> | undefined, id),
        isAcknowledged(req),
      )
    },
  }
}
