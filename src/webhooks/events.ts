import type { PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'

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

/**
 * Records one delivery per interested receiver and queues it on the jobs queue, inside the
 * caller's transaction: a change that is rolled back sends nothing, and the editor's save never
 * waits on a receiver.
 */
export async function queueWebhookEvent(
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  event: WebhookEventName,
  source: WebhookEvent['source'],
  changes: SnapshotChange[],
  attention?: WebhookEvent['attention'],
): Promise<void> {
  const receivers = options.webhooks.endpoints.filter((endpoint) => endpoint.events.includes(event))
  if (receivers.length === 0) return
  const api = req.payload.config.routes.api
  const body: WebhookEvent = {
    id: randomUUID(),
    event,
    occurredAt: new Date().toISOString(),
    source,
    articles: changes.map((change) => ({ ...change, path: `${api}/${options.slugs.articles}/${change.slug}` })),
    ...(attention ? { attention } : {}),
  }
  for (const receiver of receivers) {
    const delivery = await req.payload.create({
      collection: options.slugs.webhookDeliveries as 'webhook-deliveries',
      data: {
        event,
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
