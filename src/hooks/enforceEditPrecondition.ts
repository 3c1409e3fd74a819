import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'
import { APIError } from 'payload'

import { postgresOf, tableNameOf } from '../db/postgres.ts'

interface Session {
  execute: (query: ReturnType<typeof sql>) => Promise<{ rows: { updated_at: Date | string | null }[] }>
}

interface DrizzleSessions {
  sessions: Record<string | number, { db: Session } | undefined>
  drizzle: Session
}

/** The version the client says it edited: `If-Match: "<updatedAt>"` over HTTP, `context.expectedUpdatedAt` in the Local API. */
function expectedVersion(req: PayloadRequest, context: Record<string, unknown>): string | undefined {
  const fromContext = context.expectedUpdatedAt
  if (typeof fromContext === 'string' && fromContext) return fromContext
  const header = req.headers?.get('if-match')
  if (!header) return undefined
  return header.trim().replace(/^W\//, '').replace(/^"|"$/g, '') || undefined
}

/**
 * Optimistic concurrency for editors working through the API (the admin has Payload's document
 * locks): a save that names the version it was based on is refused with `412 Precondition Failed`
 * when someone else saved in between, instead of silently overwriting their work. The live row is
 * locked for the rest of the transaction first, so two such saves based on the same version cannot
 * both pass.
 */
export const enforceEditPrecondition: CollectionBeforeChangeHook = async ({ collection, context, data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const expected = expectedVersion(req, context)
  if (!expected) return data
  const expectedTime = Date.parse(expected)
  if (Number.isNaN(expectedTime)) {
    throw new APIError(`If-Match must carry the document's updatedAt as you loaded it, e.g. "2026-11-28T09:00:00.000Z"; got ${expected}.`, 400, undefined, true)
  }

  const db = postgresOf(req.payload)
  const { sessions, drizzle } = req.payload.db as unknown as DrizzleSessions
  const session = (req.transactionID ? sessions[await req.transactionID]?.db : undefined) ?? drizzle
  const table = tableNameOf(db, collection.slug)
  const versions = collection.versions ? tableNameOf(db, collection.slug, { versions: true }) : undefined
  const { rows } = await session.execute(
    versions
      ? sql`select greatest(t.updated_at, (select max(v.version_updated_at) from ${sql.identifier(versions)} v where v.parent_id = t.id)) as updated_at from ${sql.identifier(table)} t where t.id = ${originalDoc.id} for update of t`
      : sql`select t.updated_at from ${sql.identifier(table)} t where t.id = ${originalDoc.id} for update of t`,
  )
  const current = rows[0]?.updated_at ? new Date(rows[0].updated_at) : undefined
  if (current && Math.abs(current.getTime() - expectedTime) > 0) {
    throw new APIError(
      `Someone else saved this document at ${current.toISOString()}, after the version you edited (${new Date(expectedTime).toISOString()}). ` +
        'Reload it to see their changes, then apply yours again.',
      412,
      { currentUpdatedAt: current.toISOString() },
      true,
    )
  }
  return data
}
