import type { PayloadRequest } from 'payload'

import { notifyInTransaction } from '../db/statements.ts'
import { DELIVERY_CHANNEL, type DeliveryNotice } from './publicRead.ts'

/**
 * Tells every delivery server listening on `DELIVERY_CHANNEL` what stopped being current, once the
 * request's transaction commits. Servers that miss it (disconnected at that moment) catch up by
 * revalidating, so this is the fast path, not the only one.
 */
export async function notifyDeliveryServers(req: PayloadRequest, notices: DeliveryNotice[]): Promise<void> {
  await notifyInTransaction(
    req,
    DELIVERY_CHANNEL,
    notices.map((notice) => JSON.stringify({ ...notice, slugs: [...new Set(notice.slugs)] })),
  )
}
