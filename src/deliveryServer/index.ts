/**
 * `payload-plugin-newsroom/delivery`: a lean server for the public reads of published articles,
 * next to the CMS, on the same database. It imports neither Payload nor Next.js.
 *
 * ```ts
 * import { createDeliveryServer } from 'payload-plugin-newsroom/delivery'
 *
 * const delivery = createDeliveryServer({ databaseUri: process.env.DELIVERY_DATABASE_URI })
 * await delivery.listen(3001)
 * ```
 */
export { createDeliveryServer, type DeliveryServer, type DeliveryStats, STALE_HEADER, STALE_REASON } from './server.ts'
export {
  DEFAULT_DELIVERY_TABLES,
  DELIVERY_DEFAULTS,
  type DeliveryLogger,
  type DeliveryServerOptions,
  type ResolvedDeliveryOptions,
} from './options.ts'
export { deliveryRoleSql, type DeliveryRoleOptions } from './role.ts'
export { negotiateEncoding, etagForCoding, type ContentCoding } from './encoding.ts'
export { DELIVERY_CHANNEL, type DeliveryNotice, type DeliveryTables } from '../delivery/publicRead.ts'
