import type { TaskConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { WEBHOOK_TASK_SLUG } from './events.ts'
import { legacyBodySignature, signWebhookBody, webhookSigningKey } from './signature.ts'

interface Delivery {
  id: number | string
  event: string
  eventId?: string | null
  url: string
  status: string
  attempts: number
  payload: unknown
}

/**
 * The `webhook-id` of a delivery: the event's UUID, which keeps it unique across databases (a
 * staging and a production CMS, or one restored from a backup, reuse record ids), and the record's
 * id, which tells apart the deliveries of one event and matches what admins see. Both are fixed
 * when the delivery is recorded, so every retry carries the same id and receivers can de-duplicate.
 */
export function webhookMessageId(delivery: Pick<Delivery, 'id' | 'eventId' | 'payload'>): string {
  const eventId = delivery.eventId ?? (delivery.payload as { id?: unknown } | null)?.id
  return typeof eventId === 'string' && eventId ? `${eventId}_${delivery.id}` : String(delivery.id)
}

/** One POST of a recorded delivery. Resolves to the receiver's status, or an error message. */
async function post(
  delivery: Delivery,
  body: string,
  attempt: number,
  options: ResolvedNewsroomOptions,
): Promise<{ status?: number; error?: string }> {
  const id = webhookMessageId(delivery)
  // The time of this attempt, not of the event: a retry is signed afresh and passes the receiver's window.
  const timestamp = Math.floor(Date.now() / 1000)
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.webhooks.timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'payload-plugin-newsroom',
        'X-Newsroom-Event': delivery.event,
        'X-Newsroom-Delivery': String(delivery.id),
        'X-Newsroom-Attempt': String(attempt),
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhookBody(id, timestamp, body, options.webhooks.secret),
        // Deprecated: no timestamp, so replayable; kept while receivers move to `webhook-signature`.
        'X-Newsroom-Signature': legacyBodySignature(body, options.webhooks.secret),
      },
    })
    await response.body?.cancel()
    return response.ok
      ? { status: response.status }
      : { status: response.status, error: `The receiver answered HTTP ${response.status}.` }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${options.webhooks.timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message)
    return { error: `Could not reach the receiver: ${reason}.` }
  }
}

/**
 * The jobs-queue task that sends one webhook delivery. Each attempt is recorded on the delivery
 * (outside the job's own bookkeeping, so a failed attempt is kept); a failure throws, and
 * Payload's queue retries it later with exponential back-off until `maxAttempts`.
 */
export const deliverWebhookTask = (options: ResolvedNewsroomOptions): TaskConfig => {
  // A mistyped `whsec_` secret stops the start-up rather than failing every delivery later.
  if (options.webhooks.endpoints.length > 0) {
    try {
      webhookSigningKey(options.webhooks.secret)
    } catch (error) {
      throw new Error(`newsroomPlugin: NEWSROOM_WEBHOOK_SECRET (or webhooks.secret): ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
  return webhookTask(options)
}

const webhookTask = (options: ResolvedNewsroomOptions): TaskConfig => ({
  slug: WEBHOOK_TASK_SLUG,
  label: 'Deliver a newsroom webhook',
  inputSchema: [{ name: 'deliveryId', type: 'text', required: true }],
  retries: {
    attempts: options.webhooks.maxAttempts - 1,
    backoff: { type: 'exponential', delay: options.webhooks.retryDelayMs },
  },
  handler: async ({ input, req }) => {
    const { payload } = req
    const collection = options.slugs.webhookDeliveries as 'webhook-deliveries'
    const id = String((input as { deliveryId: string }).deliveryId)
    const delivery = (await payload.findByID({
      collection,
      id: /^\d+$/.test(id) ? Number(id) : id,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })) as Delivery | null
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return { output: {} }

    const attempt = (delivery.attempts ?? 0) + 1
    const body = JSON.stringify(delivery.payload)
    const result = await post(delivery, body, attempt, options)
    const finalAttempt = attempt >= options.webhooks.maxAttempts
    // No `req`: this update commits on its own, whatever becomes of the job.
    await payload.update({
      collection,
      id: delivery.id,
      depth: 0,
      overrideAccess: true,
      data: {
        attempts: attempt,
        responseStatus: result.status ?? null,
        lastError: result.error ?? null,
        status: result.error ? (finalAttempt ? 'failed' : 'retrying') : 'delivered',
        deliveredAt: result.error ? null : new Date().toISOString(),
      },
    })
    if (result.error) {
      if (finalAttempt)
        payload.logger.warn(
          `Webhook ${delivery.event} to ${delivery.url} failed ${attempt} times; last: ${result.error}`,
        )
      throw new Error(`${delivery.event} to ${delivery.url}, attempt ${attempt}: ${result.error}`)
    }
    return { output: { status: result.status } }
  },
})
