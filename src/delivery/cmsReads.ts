import type { Payload } from 'payload'

import type { DeliveryTables, PublicQuery } from './publicRead.ts'

import { postgresOf, tableNameOf } from '../db/postgres.ts'

/** The snapshot tables as the CMS's adapter named them (custom slugs and `dbName` included). */
export function deliveryTablesOf(
  payload: Payload,
  slugs: { articleSnapshots: string; participantSnapshots: string; participants: string },
): DeliveryTables {
  const db = postgresOf(payload)
  const snapshots = tableNameOf(db, slugs.articleSnapshots)
  return {
    snapshots,
    snapshotRels: db.tableNameMap.get(`${snapshots}_rels`) ?? `${snapshots}_rels`,
    participantColumn: `${tableNameOf(db, slugs.participants)}_id`,
    participants: tableNameOf(db, slugs.participantSnapshots),
    ...(db.schemaName && db.schemaName !== 'public' ? { schema: db.schemaName } : {}),
  }
}

/** Runs one of the public reads (`publicRead.ts`) on the CMS's own pool, as a prepared statement. */
export async function runPublicQuery<Row>(payload: Payload, query: PublicQuery): Promise<Row[]> {
  const { rows } = await postgresOf(payload).pool!.query<Row & Record<string, unknown>>(query)
  return rows
}
