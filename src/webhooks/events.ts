import type { PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'

import { surrogateKey } from '../delivery/publicRead.ts'
import type { SnapshotChange } from '../delivery/snapshots.ts'
import type { ResolvedNewsroomOptions, WebhookEventName } from '../options/types.ts'
import type { Id } from '../model/documents.ts'

/** The JSON body of a webhook: what changed, and every article whose public form it changed. */
export interface WebhookEvent {
  /** The same for every receiver of this event; receivers can use it to ignore repeats. */
  id: string
  event: WebhookEventName
  occurredAt: string
  /** The document that was published, unpublished, changed or deleted. */
  source: { collection: string; id: Id; slug?: string }
  /** Articles to revalidate: `removed` ones are no longer public (unpublished or deleted). */
  articles: { id: Id; slug: string; change: SnapshotChange['change']; path: string }[]
  /**
   * On `purge`: the surrogate keys (`Surrogate-Key`, `Cache-Tag`) whose cached responses are no
   * longer current: the articles that changed, what they showed, and the lists they are on.
   */
  purge?: { keys: string[] }
  /**
   * On `article.needs-attention` and `article.attention-resolved`: why, and per article id what the
   * publish rules found (`findings`) or how it was resolved (`resolution`).
   */
  attention?: {
    reason?: string
    resolution?: string
    acknowledgedBy?: { id: Id; email?: string } | null
    findings?: Record<string, { rule: string; severity: string; path: string; message: string }[]>
  }
}

export const WEBHOOK_TASK_SLUG = 'newsroomDeliverWebhook'

/** What an event may carry besides the articles it changed. */
export interface WebhookEventExtras {
  /** For the attention events: why, and what the rules found or how it was resolved. */
  attention?: WebhookEvent['attention']
  /**
   * Keys that went stale with this change beyond its articles' (a participant's own identity and
   * list): they join the one `purge` event the change sends.
   */
  alsoPurge?: string[]
}

/**
 * Records one delivery per interested receiver and queues it on the jobs queue, inside the
 * caller's transaction: a change that is rolled back sends nothing, and the editor's save never
 * waits on a receiver. A change to what readers get is followed by one `purge` event with every
 * key it made stale.
 */
export async function queueWebhookEvent(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  event: WebhookEventName,
  source: WebhookEvent['source'],
  changes: SnapshotChange[],
  { attention, alsoPurge = [] }: WebhookEventExtras = {},
): Promise<void> {
  const api = req.payload.config.routes.api
  await queueEvent(req, options, {
    event,
    source,
    articles: changes.map(({ id, slug, change }) => ({
      id,
      slug,
      change,
      path: `${api}/${options.slugs.articles}/${slug}`,
    })),
    ...(attention ? { attention } : {}),
  })
  // Changes to what readers get carry the keys to purge (attention events change nothing public).
  if (changes.some((change) => change.purgeKeys) || alsoPurge.length > 0) {
    const keys = [...alsoPurge, ...changes.flatMap((change) => change.purgeKeys ?? [])]
    const own = sourceKey(options, source)
    await queuePurge(req, options, source, own ? [own, ...keys] : keys)
  }
}

/** The surrogate key of the document an event is about, when readers can see it. */
function sourceKey(options: ResolvedNewsroomOptions, source: WebhookEvent['source']): string | undefined {
  const { slugs } = options
  const kinds = {
    [slugs.articles]: 'article',
    [slugs.photos]: 'photo',
    [slugs.participants]: 'participant',
    [slugs.statements]: 'statement',
    [slugs.jointStatements]: 'joint-statement',
  } as const
  const kind = kinds[source.collection]
  return kind ? surrogateKey(kind, source.id) : undefined
}

/** Queues a `purge` event: the surrogate keys a CDN must drop, each once. */
export async function queuePurge(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  source: WebhookEvent['source'],
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return
  await queueEvent(req, options, { event: 'purge', source, articles: [], purge: { keys: [...new Set(keys)] } })
}

async function queueEvent(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  event: Omit<WebhookEvent, 'id' | 'occurredAt'>,
): Promise<void> {
  const receivers = options.webhooks.endpoints.filter((endpoint) => endpoint.events.includes(event.event))
  if (receivers.length === 0) return
  const body: WebhookEvent = {
    id: randomUUID(),
    event: event.event,
    occurredAt: new Date().toISOString(),
    source: event.source,
    articles: event.articles,
    ...(event.attention ? { attention: event.attention } : {}),
    ...(event.purge ? { purge: event.purge } : {}),
  }
  for (const receiver of receivers) {
    const delivery = await req.payload.create({
      collection: options.slugs.webhookDeliveries as 'webhook-deliveries',
      data: {
        event: body.event,
        eventId: body.id,
        url: receiver.url,
        status: 'pending',
        attempts: 0,
        payload: body as unknown as Record<string, unknown>,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      task: WEBHOOK_TASK_SLUG as never,
      input: { deliveryId: String(delivery.id) } as never,
      queue: options.webhooks.queue,
      req,
    })
  }
}
