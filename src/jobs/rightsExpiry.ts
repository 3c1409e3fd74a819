import type { PayloadRequest, TaskConfig } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { claimExpiredPhotos } from '../db/statements.ts'
import { publishedArticlesShowing } from '../delivery/affectedArticles.ts'
import { refreshArticleSnapshots, type SnapshotChange } from '../delivery/snapshots.ts'
import { flagArticles } from '../integrity/attention.ts'
import { queueWebhookEvent } from '../webhooks/events.ts'

export const RIGHTS_EXPIRY_TASK_SLUG = 'newsroomRightsExpiry'

/** One photo whose expiry a run handled, and the published articles that were showing it. */
export interface HandledExpiry {
  photo: Id
  rightsExpireAt: string
  articles: { id: Id; slug: string }[]
}

/**
 * Handles every expiry not handled yet: the snapshots of the published articles that show the
 * photo are rendered again (a public read no longer populates the photo, so its figure becomes the
 * placeholder and JSON-LD drops it), and receivers get `photo.expired` naming those articles.
 * Claiming, rendering and queueing the events share one transaction, so a failure leaves the
 * expiry to the next run instead of losing it.
 */
export async function handleExpiredPhotoRights(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  now: Date = new Date(),
): Promise<HandledExpiry[]> {
  const shouldCommit = await initTransaction(req)
  try {
    const expired = await claimExpiredPhotos(req, options.slugs.photos, now)
    const handled: HandledExpiry[] = []
    for (const photo of expired) {
      const articleIds = await publishedArticlesShowing(req, options, 'photos', photo.id)
      const changes = await refreshArticleSnapshots(req, options, articleIds)
      const articles = await articlesNamed(req, options, articleIds)
      handled.push({
        photo: photo.id,
        rightsExpireAt: photo.rightsExpireAt.toISOString(),
        articles: articles.map(({ id, slug }) => ({ id, slug })),
      })
      if (articles.length === 0) continue
      // An article re-rendered earlier (edited since the expiry) is still one the receiver should revalidate.
      const changed = new Map(changes.map((change) => [String(change.id), change]))
      await queueWebhookEvent(
        req,
        options,
        'photo.expired',
        { collection: options.slugs.photos, id: photo.id },
        articles.map((article) => changed.get(String(article.id)) ?? article),
      )
      const label = `photo “${photo.alt || photo.filename || `#${String(photo.id)}`}”`
      await flagArticles(req, options, {
        reason: 'photo-rights-expired',
        source: { collection: options.slugs.photos, id: photo.id, label },
        articles: articles.map(({ id, slug, title }) => {
          const finding = {
            rule: 'photo-rights-expired',
            severity: 'error' as const,
            path: '',
            message: `The rights to the ${label} expired on ${photo.rightsExpireAt.toISOString()}; readers no longer see it. Replace the photo or renew its rights.`,
          }
          return { id, slug, title, newErrors: [finding], errorsAfter: [finding] }
        }),
        now,
      })
    }
    if (shouldCommit) await commitTransaction(req)
    return handled
  } catch (error) {
    if (shouldCommit) await killTransaction(req)
    throw error
  }
}

async function articlesNamed(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  ids: Id[],
): Promise<(SnapshotChange & { title: string })[]> {
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection: options.slugs.articles as 'articles',
    where: { id: { in: ids } },
    depth: 0,
    draft: false,
    overrideAccess: true,
    pagination: false,
    sort: 'id',
    select: { slug: true, title: true },
    req,
  })
  return docs.map((article) => ({
    id: article.id,
    slug: article.slug || String(article.id),
    title: article.title,
    change: 'updated',
  }))
}

/**
 * The jobs-queue task behind `handleExpiredPhotoRights`. Payload's scheduler queues it on the
 * rights queue (one waiting job at a time) whenever that queue's auto-run comes round; with
 * auto-run off the host queues and runs it. It is registered whatever the options, since task
 * slugs and the scheduler's stats are part of the database schema.
 */
export const rightsExpiryTask = (options: ResolvedNewsroomOptions): TaskConfig => ({
  slug: RIGHTS_EXPIRY_TASK_SLUG,
  label: 'Handle expired photo rights',
  retries: 3,
  schedule: [
    {
      cron: options.rightsExpiry.autoRun === false ? '0 * * * * *' : options.rightsExpiry.autoRun,
      queue: options.rightsExpiry.queue,
    },
  ],
  handler: async ({ req }) => {
    if (options.disabled) return { output: { handled: 0 } }
    const handled = await handleExpiredPhotoRights(req, options)
    for (const { photo, articles } of handled) {
      if (articles.length > 0)
        req.payload.logger.info(
          `newsroomPlugin: the rights to photo ${photo} expired; re-rendered ${articles.length} published article(s) without it.`,
        )
    }
    return { output: { handled: handled.length } }
  },
})
