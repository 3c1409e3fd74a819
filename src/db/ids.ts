import type { Payload } from 'payload'

/** PostgreSQL's `integer`, which Payload uses for serial ids. */
export const MAX_SERIAL_ID = 2_147_483_647

/**
 * Whether a value can be the id of a document in this collection. An id that cannot (a word where
 * ids are numbers, a number beyond the column's range) matches no document: it is left out of
 * queries rather than sent to the database, which would fail the whole statement.
 */
const hasNumericIds = (payload: Payload, collection: string) =>
  payload.db.defaultIDType === 'number' && payload.collections[collection as 'articles']?.customIDType !== 'text'

export function isStorableId(payload: Payload, collection: string, id: unknown): boolean {
  if (!hasNumericIds(payload, collection)) return (typeof id === 'string' && id.length > 0) || typeof id === 'number'
  const text = typeof id === 'number' ? String(id) : typeof id === 'string' ? id : ''
  if (!/^\d{1,10}$/.test(text)) return false
  const value = Number(text)
  return value >= 1 && value <= MAX_SERIAL_ID
}

/** The ids that can exist in the collection, as the database wants them. */
export function storableIds(payload: Payload, collection: string, ids: Iterable<unknown>): (number | string)[] {
  const numeric = hasNumericIds(payload, collection)
  return [...ids]
    .filter((id) => isStorableId(payload, collection, id))
    .map((id) => (numeric ? Number(id) : (id as string)))
}
