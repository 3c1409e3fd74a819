import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { ResolvedNewsroomOptions, WebhookEventName } from '../options/types.ts'

import { type ArticleDependency, publishedArticlesShowing } from '../delivery/affectedArticles.ts'
import { refreshParticipantSnapshots, removeParticipantSnapshot } from '../delivery/participantSnapshots.ts'
import { participantListKey, surrogateKey } from '../delivery/publicRead.ts'
import { refreshArticleSnapshots, removeArticleSnapshot } from '../delivery/snapshots.ts'
import { queuePurge, queueWebhookEvent } from '../webhooks/events.ts'
import { isLive } from './liveState.ts'
import type { Id } from '../model/documents.ts'

async function hasSnapshot(req: PayloadRequest, options: ResolvedNewsroomOptions, articleId: Id): Promise<boolean> {
  const { totalDocs } = await req.payload.count({
    collection: options.slugs.articleSnapshots as 'article-snapshots',
    where: { article: { equals: articleId } },
    overrideAccess: true,
    req,
  })
  return totalDocs > 0
}

/** On every save of an article: publishing writes its snapshot, unpublishing removes it; drafts change nothing public. */
export const refreshSnapshotOnArticleChange =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ collection, doc, req }) => {
    if (doc._status !== 'published') {
      if (await isLive(req, collection.slug, doc.id)) return doc
      if (!(await hasSnapshot(req, options, doc.id))) return doc
    }
    const changes = await refreshArticleSnapshots(req, options, [doc.id])
    const change = changes[0]
    if (change) {
      await queueWebhookEvent(
        req,
        options,
        change.change === 'removed' ? 'article.unpublished' : 'article.published',
        { collection: collection.slug, id: doc.id, slug: change.slug },
        changes,
      )
    }
    return doc
  }

/**
 * Before an article is deleted: its snapshot goes (the snapshot points at the article's row) and
 * receivers learn it is gone, in the same transaction as the delete.
 */
export const removeSnapshotOnArticleDelete =
  (options: ResolvedNewsroomOptions): CollectionBeforeDeleteHook =>
  async ({ collection, id, req }) => {
    const removed = await removeArticleSnapshot(req, options, id)
    if (removed.length > 0)
      await queueWebhookEvent(
        req,
        options,
        'article.deleted',
        { collection: collection.slug, id, slug: removed[0]!.slug },
        removed,
      )
  }

const EVENT_PREFIX: Record<ArticleDependency, string> = {
  photos: 'photo',
  participants: 'participant',
  jointStatements: 'joint-statement',
  statements: 'statement',
}

const affectedKey = (collection: string, id: Id) => `newsroomAffectedArticles:${collection}:${id}`

/** What a participant's change does to its own public identity, the lists of its articles show it. */
const identityKey = (collection: string, id: Id) => `newsroomParticipantIdentity:${collection}:${id}`

/**
 * Photos, participants and statements: when one changes, every published article showing it gets
 * a fresh snapshot, and receivers hear of the articles whose public form really changed. A CDN
 * hears once: one `purge` with the articles' keys and, when a participant's public identity
 * changed, its own and its list's.
 */
export function refreshSnapshotsOnDependencyChange(
  options: ResolvedNewsroomOptions,
  dependency: ArticleDependency,
): {
  afterChange: CollectionAfterChangeHook
  beforeDelete: CollectionBeforeDeleteHook
  afterDelete: CollectionAfterDeleteHook
} {
  const refreshAndTell = async (
    req: PayloadRequest,
    event: WebhookEventName,
    source: { collection: string; id: Id },
    articleIds: Id[],
    identityChanged: boolean,
  ) => {
    const changes = await refreshArticleSnapshots(req, options, articleIds)
    const identityKeys = identityChanged ? [surrogateKey('participant', source.id), participantListKey(source.id)] : []
    if (changes.length > 0) await queueWebhookEvent(req, options, event, source, changes, { alsoPurge: identityKeys })
    else await queuePurge(req, options, source, identityKeys)
  }
  return {
    afterChange: async ({ collection, doc, req }) => {
      // A draft saved over a published participant or statement changes nothing public.
      if (doc._status === 'draft' && (await isLive(req, collection.slug, doc.id))) return doc
      // A participant's own public identity first: the lists of its articles show it.
      const identityChanged =
        dependency === 'participants' && (await refreshParticipantSnapshots(req, options, [doc.id])).length > 0
      const articleIds = await publishedArticlesShowing(req, options, dependency, doc.id)
      await refreshAndTell(
        req,
        `${EVENT_PREFIX[dependency]}.changed` as WebhookEventName,
        { collection: collection.slug, id: doc.id },
        articleIds,
        identityChanged,
      )
      return doc
    },
    // The references that lead to the articles are removed with the row, so they are read first;
    // a participant's public identity points at the row, so it goes first.
    beforeDelete: async ({ collection, context, id, req }) => {
      context[affectedKey(collection.slug, id)] = await publishedArticlesShowing(req, options, dependency, id)
      if (dependency === 'participants')
        context[identityKey(collection.slug, id)] = await removeParticipantSnapshot(req, options, id)
    },
    afterDelete: async ({ collection, context, id, req }) => {
      const articleIds = (context[affectedKey(collection.slug, id)] as Id[] | undefined) ?? []
      await refreshAndTell(
        req,
        `${EVENT_PREFIX[dependency]}.deleted` as WebhookEventName,
        { collection: collection.slug, id },
        articleIds,
        context[identityKey(collection.slug, id)] === true,
      )
    },
  }
}
