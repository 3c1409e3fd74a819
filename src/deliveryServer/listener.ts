/**
 * The connection on which the server hears the CMS's notifications (`LISTEN` on
 * `DELIVERY_CHANNEL`). It is a connection of its own, outside the pool: a pooled connection is
 * handed to reads and would miss notifications between them. When it drops (a restart, a
 * failover, a network cut) it reconnects by itself with growing pauses; every notification sent
 * while it was away is lost, so each successful `LISTEN` is reported and the server then checks
 * everything it holds again.
 */
import type pg from 'pg'

import { DELIVERY_CHANNEL, type DeliveryNotice } from '../delivery/publicRead.ts'
import type { DeliveryLogger } from './options.ts'

const FIRST_RETRY_MS = 200
const LONGEST_RETRY_MS = 5_000

export interface NoticeListenerOptions {
  /** A new, unconnected client for each attempt. */
  createClient: () => pg.Client
  /** A notice, or `undefined` for a notification that could not be read (assume anything changed). */
  onNotice: (notice: DeliveryNotice | undefined) => void
  /** Each time `LISTEN` takes effect: notifications from before it may have been missed. */
  onListening: () => void
  /** The connection dropped. */
  onLost?: (error: unknown) => void
  logger: DeliveryLogger
}

/** A notification's payload, if it is a notice this server understands. */
export function parseNotice(payload: string | undefined): DeliveryNotice | undefined {
  if (!payload) return undefined
  try {
    const value = JSON.parse(payload) as Partial<DeliveryNotice>
    const slugs = Array.isArray(value.slugs) ? value.slugs.filter((slug) => typeof slug === 'string') : []
    if (typeof value.id !== 'number') return undefined
    if (value.kind === 'article') {
      const etag = (value as { etag?: unknown }).etag
      return { kind: 'article', id: value.id, slugs, etag: typeof etag === 'string' ? etag : null }
    }
    if (value.kind === 'participant') return { kind: 'participant', id: value.id, slugs }
  } catch {
    // Not JSON: read as "something changed".
  }
  return undefined
}

export class NoticeListener {
  private client: pg.Client | undefined
  private stopped = false
  private retryTimer: NodeJS.Timeout | undefined
  private failures = 0
  /** Notices received since the start. */
  notices = 0
  listening = false

  constructor(private readonly options: NoticeListenerOptions) {}

  /** Connects and listens; resolves after the first attempt, whether or not it worked (later ones follow by themselves). */
  start(): Promise<void> {
    return this.attempt()
  }

  private async attempt(): Promise<void> {
    this.retryTimer = undefined
    if (this.stopped) return
    const client = this.options.createClient()
    this.client = client
    let lost = false
    const onLost = (error: unknown) => {
      if (lost) return
      lost = true
      const wasListening = this.listening
      this.listening = false
      if (this.client === client) this.client = undefined
      client.removeAllListeners('notification')
      // A failed client may still emit; the handler stays so nothing is unhandled.
      client.end().catch(() => {})
      if (this.stopped) return
      const reason = error instanceof Error ? error.message : String(error)
      if (wasListening) {
        this.options.logger.warn(`Lost the notification connection (${reason}); reconnecting`)
        this.options.onLost?.(error)
      } else if (this.failures === 0) {
        this.options.logger.warn(`Cannot listen for changes yet (${reason}); retrying`)
      }
      this.scheduleRetry()
    }
    client.on('error', onLost)
    client.on('end', () => onLost(new Error('Connection ended')))
    client.on('notification', (message) => {
      if (message.channel !== DELIVERY_CHANNEL) return
      this.notices += 1
      this.options.onNotice(parseNotice(message.payload))
    })
    try {
      await client.connect()
      await client.query(`listen "${DELIVERY_CHANNEL}"`)
    } catch (error) {
      onLost(error)
      return
    }
    if (lost || this.stopped) {
      if (this.stopped) await client.end().catch(() => {})
      return
    }
    if (this.failures > 0) this.options.logger.info('Listening for changes again')
    this.failures = 0
    this.listening = true
    this.options.onListening()
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return
    const pause = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures)
    this.failures += 1
    // Several servers losing one database should not all come back in the same millisecond.
    const jittered = pause / 2 + Math.random() * (pause / 2)
    this.retryTimer = setTimeout(() => void this.attempt(), jittered)
    this.retryTimer.unref()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.listening = false
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => {})
  }
}
