/**
 * The plugin's options: what a host passes (`NewsroomPluginOptions`) and what the rest of the
 * plugin reads once every default is applied (`ResolvedNewsroomOptions`). It declares types only,
 * and imports nothing but the type declarations of `model/`, so any layer may read it.
 */
import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { GateRule, GateSettings, SeveritySetting } from '../model/gate.ts'

/** The four content collections the plugin adds. */
export type NewsroomCollectionKey = 'articles' | 'photos' | 'participants' | 'jointStatements' | 'statements'

/** The collections the plugin keeps for itself: published snapshots (articles, participants), webhook deliveries, and what needs attention. */
export type NewsroomSystemCollectionKey =
  'articleSnapshots' | 'participantSnapshots' | 'webhookDeliveries' | 'needsAttention'

/** What a webhook event is about. */
export type WebhookEventName =
  | 'article.published'
  | 'article.unpublished'
  | 'article.deleted'
  | 'photo.changed'
  | 'photo.deleted'
  | 'photo.expired'
  | 'participant.changed'
  | 'participant.deleted'
  | 'joint-statement.changed'
  | 'joint-statement.deleted'
  | 'statement.changed'
  | 'statement.deleted'
  | 'article.needs-attention'
  | 'article.attention-resolved'
  | 'purge'

/** A receiver of webhook events. */
export interface WebhookEndpoint {
  /** Where events are POSTed. */
  url: string
  /**
   * Only these events are sent to this URL. `purge` (the surrogate keys a CDN must purge) is sent
   * only to receivers that ask for it.
   * @default every event but `purge`
   */
  events?: WebhookEventName[]
}

/**
 * Changes a host app makes to one of the plugin's collections.
 *
 * Everything except `fields` and `hooks` is shallow-merged over the plugin's collection config
 * (so `admin`, `access`, `labels`, … replace the plugin's values key by key). `hooks` are appended
 * after the plugin's own, so the plugin's checks keep running.
 */
export interface CollectionOverride extends Partial<Omit<CollectionConfig, 'fields' | 'hooks' | 'slug'>> {
  /** Receives the plugin's fields and returns the fields to use, e.g. `({ defaultFields }) => [...defaultFields, myField]`. */
  fields?: (args: { defaultFields: Field[] }) => Field[]
  /** Extra hooks, run after the plugin's hooks of the same kind. */
  hooks?: CollectionConfig['hooks']
}

export interface NewsroomPluginOptions {
  /**
   * Turns the plugin's behaviour off (hooks that check or change data, custom endpoints, seeding)
   * while keeping its collections and fields, so the database schema does not change when a host
   * switches the plugin off and on again.
   * @default false
   */
  disabled?: boolean
  /**
   * Collection slugs. Change them when the host app already has a collection of that name;
   * the relationships between the plugin's collections follow the new slugs.
   */
  slugs?: Partial<Record<NewsroomCollectionKey | NewsroomSystemCollectionKey, string>>
  /**
   * The auth collection whose users write articles and carry newsroom roles. When the host has
   * no collection with this slug the plugin adds one; otherwise it adds a `roles` field to it.
   * @default config.admin.user ?? 'users'
   */
  usersSlug?: string
  /**
   * The language of a new article, as an ISO 639-1 code (`en`, `ru`, `kk`…): what its `language`
   * field holds until an editor changes it.
   * @default 'en'
   */
  defaultLanguage?: string
  /** Per-collection changes: extra fields, admin settings, access, hooks. */
  overrides?: Partial<Record<NewsroomCollectionKey | 'users', CollectionOverride>>
  /** Upload settings for photos. */
  photos?: {
    /**
     * Use the host's own upload collection (e.g. `'media'`) for photos: the plugin adds its credit
     * fields, checks and endpoints to it instead of adding a `photos` collection. The host keeps its
     * upload settings and access.
     */
    collection?: string
    /** Largest accepted upload, in bytes. @default 25 MiB */
    maxFileSize?: number
    /**
     * Most pixels (width × height) an upload may have; larger ones are refused before any decoding,
     * so a small file claiming enormous dimensions cannot exhaust the server's memory.
     * @default 120 million (about 13,400 × 9,000)
     */
    maxPixels?: number
    /** Where uploaded files are stored on disk (Payload's `staticDir`). @default 'media' */
    staticDir?: string
  }
  /**
   * How published articles are served: the published snapshot behind `GET /api/articles/:idOrSlug`
   * (and its `/jsonld` and `/html`), and the HTTP caching headers of public reads.
   */
  delivery?: {
    /**
     * `Cache-Control` of public, published reads. Shared caches (a CDN) keep them for `s-maxage`
     * and may serve them stale while revalidating; browsers revalidate with the `ETag` every time.
     * Anything a signed-in user reads, and every draft, is `private, no-store`.
     * @default 'public, max-age=0, s-maxage=300, stale-while-revalidate=86400'
     */
    cacheControl?: string
    /**
     * The public origin used for absolute URLs in JSON-LD, e.g. `https://news.example.org`.
     * @default the config's `serverURL`, else the origin of each request
     */
    publicURL?: string
  }
  /**
   * Signed webhook events on publish, unpublish and delete of articles, and on changes to the
   * photos, participants and statements that published articles show. Deliveries run on Payload's
   * jobs queue, are retried with exponential back-off and are recorded in `webhook-deliveries`.
   */
  webhooks?: {
    /** Receivers: URLs, or `{ url, events }` to send only some events. */
    endpoints?: (string | WebhookEndpoint)[]
    /**
     * The signing secret, shared with the receivers. Each request is signed per the Standard Webhooks
     * specification (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`).
     * A `whsec_`-prefixed secret is the spec's form: the key is the base64 after the prefix, and it is
     * what the `standardwebhooks` library takes as is. Any other string is used as its UTF-8 bytes;
     * give receivers that use the library `whsec_` + the base64 of those bytes. The deprecated
     * `X-Newsroom-Signature: sha256=<hex digest of the body>` is still sent, keyed with the string as
     * configured. Required when there are endpoints.
     * @default process.env.NEWSROOM_WEBHOOK_SECRET
     */
    secret?: string
    /** Attempts per delivery, the first included. @default 8 */
    maxAttempts?: number
    /** Wait before the first retry; each later retry waits twice as long. @default 10_000 (ms) */
    retryDelayMs?: number
    /** How long a receiver may take to answer. @default 10_000 (ms) */
    timeoutMs?: number
    /** The jobs queue deliveries run on. @default 'newsroom-webhooks' */
    queue?: string
    /**
     * When this server runs the queue (a cron pattern with seconds), or `false` when you run it
     * yourself (`payload.jobs.run({ queue })`, e.g. from a separate worker).
     * @default every five seconds (the pattern with seconds: 0,5,10,… of every minute)
     */
    autoRun?: string | false
  }
  /**
   * The rights check of photos. A photo leaves public reads the moment its `credit.rightsExpireAt`
   * passes; a task on the jobs queue then re-renders the published articles that show it (the
   * photo gives way to a neutral placeholder), sends `photo.expired` and lists the articles for
   * editors (`GET /api/articles/needs-attention`). Each expiry is handled once.
   */
  rightsExpiry?: {
    /** The jobs queue the task runs on. @default 'newsroom-rights' */
    queue?: string
    /**
     * When this server queues and runs the task (a cron pattern with seconds), or `false` when you
     * run it yourself: `payload.jobs.queue({ task: 'newsroomRightsExpiry', queue })` then
     * `payload.jobs.run({ queue })`, e.g. from a separate worker. Until the task runs, expired photos
     * are already hidden from readers, but snapshots still hold their figure's markup.
     * @default once a minute, at second 0
     */
    autoRun?: string | false
  }
  /**
   * Settings of the publish gate: severities per rule id (`'error'`, `'warning'` or `'off'`),
   * extra rules and the wording that marks a credit as a ministry's.
   */
  gate?: {
    /** Severity per rule id: `'error'` blocks publishing, `'warning'` is reported, `'off'` skips the rule. */
    rules?: Record<string, SeveritySetting>
    /** Your own rules, run with the built-in ones. See `GateRule`. */
    customRules?: GateRule[]
    /**
     * Wording that marks a credit line as a ministry's. Strings match whole words, case-insensitively
     * (the Turkish I, İ, ı and i as one letter). Regular expressions lose the `g` and `y` flags and gain
     * `u` when valid with it; one with `\b` next to a non-ASCII letter, or matching an empty text, is
     * refused at start-up.
     * @default DEFAULT_MINISTRY_WORDING ("Ministry", "MFA", "Министерство", "МИД", "Министрлігі", …)
     */
    ministryWording?: (string | RegExp)[]
    /** Add to the default wording instead of replacing it. */
    extraMinistryWording?: (string | RegExp)[]
    /** How a Quote block attributed to a joint statement is compared with the statement's text. */
    quotations?: {
      /**
       * Words an omission or a bracket may not take away or add, by language code. A language given
       * here replaces that language's default list (`[]` turns it off); the other languages keep
       * theirs, and a new code adds a list. `word*` and `*word` match a word's start or end.
       * @default DEFAULT_NEGATIONS (en, ru, kk, tr, fa, ar)
       */
      negations?: Record<string, string[]>
      /** The fewest words a part of a quotation between omission marks may have. @default 2 */
      minFragmentWords?: number
    }
  }
}

export interface ResolvedWebhookOptions {
  endpoints: Required<WebhookEndpoint>[]
  secret: string
  maxAttempts: number
  retryDelayMs: number
  timeoutMs: number
  queue: string
  autoRun: string | false
}

export interface ResolvedNewsroomOptions {
  disabled: boolean
  slugs: NewsroomSlugs
  usersSlug: CollectionSlug
  defaultLanguage: string
  overrides: Partial<Record<NewsroomCollectionKey | 'users', CollectionOverride>>
  photos: { hostCollection?: string; maxFileSize: number; maxPixels: number; staticDir: string }
  gate: GateSettings
  delivery: { cacheControl: string; publicURL?: string }
  webhooks: ResolvedWebhookOptions
  rightsExpiry: { queue: string; autoRun: string | false }
}

/** The collection slugs the plugin's code is told, after the host's renames. */
export type NewsroomSlugs = Record<NewsroomCollectionKey | NewsroomSystemCollectionKey, CollectionSlug>
