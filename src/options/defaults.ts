/**
 * Every default of the plugin's options, in one place. Like `types.ts`, it imports no code of the
 * plugin, so anything may read it.
 */
import type { NewsroomCollectionKey, NewsroomSystemCollectionKey, WebhookEventName } from './types.ts'

export const WEBHOOK_EVENTS: WebhookEventName[] = [
  'article.published',
  'article.unpublished',
  'article.deleted',
  'photo.changed',
  'photo.deleted',
  'photo.expired',
  'participant.changed',
  'participant.deleted',
  'joint-statement.changed',
  'joint-statement.deleted',
  'article.needs-attention',
  'article.attention-resolved',
]

export const DEFAULT_SLUGS: Record<NewsroomCollectionKey | NewsroomSystemCollectionKey, string> = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
  articleSnapshots: 'article-snapshots',
  webhookDeliveries: 'webhook-deliveries',
  needsAttention: 'needs-attention',
}

export const DEFAULTS = {
  usersSlug: 'users',
  photos: {
    maxFileSize: 25 * 1024 * 1024,
    maxPixels: 120_000_000,
    staticDir: 'media',
  },
  delivery: {
    cacheControl: 'public, max-age=0, s-maxage=300, stale-while-revalidate=86400',
  },
  webhooks: {
    maxAttempts: 8,
    retryDelayMs: 10_000,
    timeoutMs: 10_000,
    queue: 'newsroom-webhooks',
    /** Every five seconds (a cron pattern with seconds). */
    autoRun: '*/5 * * * * *',
    /** Shorter keys are refused: receivers must be able to trust the signature. */
    minimumSecretLength: 16,
  },
  rightsExpiry: {
    queue: 'newsroom-rights',
    /** Once a minute, at second 0 (a cron pattern with seconds). */
    autoRun: '0 * * * * *',
  },
} as const
