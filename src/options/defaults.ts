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
  'statement.changed',
  'statement.deleted',
  'article.needs-attention',
  'article.attention-resolved',
  'purge',
]

/** What a receiver that names no events gets: everything but `purge`, which is meant for a CDN's purge API. */
export const DEFAULT_WEBHOOK_EVENTS: WebhookEventName[] = WEBHOOK_EVENTS.filter((event) => event !== 'purge')

export const DEFAULT_SLUGS: Record<NewsroomCollectionKey | NewsroomSystemCollectionKey, string> = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
  statements: 'statements',
  articleSnapshots: 'article-snapshots',
  participantSnapshots: 'participant-snapshots',
  webhookDeliveries: 'webhook-deliveries',
  needsAttention: 'needs-attention',
}

export const DEFAULTS = {
  usersSlug: 'users',
  defaultLanguage: 'en',
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
  quotations: {
    /**
     * The fewest words of a part of a quotation between omission marks. One word alone, cut out of
     * a statement, can be put next to any other to say what the statement never said; two words
     * in a row still hold a phrase of the source, and the common "the sovereignty … of Syria" passes.
     */
    minFragmentWords: 2,
  },
} as const

/**
 * Words an omission ("…") or an insertion in brackets may not take out of a quotation or add to
 * it, because they reverse what the rest says: negations, and a few words such as "without" or
 * "except". Compared case aside, accents and other marks aside; `word*` matches every word that
 * begins with `word`, `*word` every word that ends with it. Every list applies to every quotation,
 * since a statement does not record its language.
 */
export const DEFAULT_NEGATIONS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'not',
    'no',
    'never',
    'neither',
    'nor',
    'none',
    'nothing',
    'nobody',
    'nowhere',
    'cannot',
    "*n't",
    'non',
    'non-*',
    'without',
    'except',
    'unless',
    'hardly',
    'barely',
    'scarcely',
  ],
  ru: [
    'не',
    'ни',
    'нет',
    'никогда',
    'ничто',
    'ничего',
    'никто',
    'никого',
    'нигде',
    'никуда',
    'никак',
    'нельзя',
    'без',
    'отнюдь',
    'кроме',
  ],
  kk: ['емес', 'жоқ', 'ешқашан', 'ешқандай', 'ешкім', 'ештеңе', 'ешбір', 'ешқайда', 'онсыз'],
  tr: ['değil', 'yok', 'hayır', 'asla', 'hiç', 'hiçbir', 'hiçbiri', 'kimse', 'hiçkimse', 'olmadan', 'dışında'],
  fa: ['نه', 'نیست', 'نیستند', 'نبود', 'نبودند', 'هرگز', 'هیچ', 'بدون', 'نباید', 'نخواهد', 'نمی*', 'بجز', 'جز'],
  ar: [
    'لا',
    'لم',
    'لن',
    'ليس',
    'ليست',
    'ليسوا',
    'غير',
    'بدون',
    'دون',
    'عدم',
    'أبدا',
    'ولا',
    'ولم',
    'ولن',
    'وليس',
    'فلا',
    'إلا',
    'سوى',
  ],
}
