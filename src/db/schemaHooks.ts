import type { Config } from 'payload'

import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import { snakeCase } from './postgres.ts'

interface SchemaHookArgs {
  schema: { tables: Record<string, unknown> }
  extendTable: (args: {
    table: unknown
    extraConfig: (table: Record<string, Parameters<ReturnType<typeof index>['on']>[0]>) => Record<string, unknown>
  }) => void
}

interface PostgresAdapterLike {
  name?: string
  afterSchemaInit?: ((args: SchemaHookArgs) => unknown)[]
}

/**
 * Indexes that field settings cannot express, added to the PostgreSQL schema (so both the dev push
 * and `migrate:create` see them):
 * - `articles_texts (parent_id)`. Payload stores `tags` there and indexes it on `(order, parent_id)`
 *   only, so every article read walked the whole index to find its tags — about a millisecond per
 *   article at 100,000 articles.
 * - `article_snapshots_rels (participants_id, path, parent_id)`, for a participant's list of
 *   articles. Every row of that table is a participant of a snapshot, so Payload's index on `path`
 *   selects all of them; with it the planner sometimes read the whole table (19 ms at 100,000
 *   articles) where this index finds the participant's snapshots directly.
 */
export function withSchemaIndexes(
  db: Config['db'],
  slugs: { articles: string; articleSnapshots: string; participants: string },
): Config['db'] {
  const textsTable = `${snakeCase(slugs.articles)}_texts`
  const snapshotRelsTable = `${snakeCase(slugs.articleSnapshots)}_rels`
  const participantColumn = `${snakeCase(slugs.participants)}_id`
  const addIndexes = ({ schema, extendTable }: SchemaHookArgs) => {
    const texts = schema.tables[textsTable]
    if (texts)
      extendTable({
        table: texts,
        extraConfig: (columns) => ({ newsroomTextsParent: index(`${textsTable}_parent_idx`).on(columns.parent!) }),
      })
    const snapshotRels = schema.tables[snapshotRelsTable]
    if (snapshotRels)
      extendTable({
        table: snapshotRels,
        extraConfig: (columns) => {
          // Keyed by the participants' slug, which hosts may rename: found by its SQL name.
          const participant = Object.values(columns).find(
            (column) => (column as { name?: string }).name === participantColumn,
          )
          if (!participant || !columns.path || !columns.parent) return {}
          return {
            newsroomSnapshotParticipants: index(`${snapshotRelsTable}_participant_path_parent_idx`).on(
              participant,
              columns.path,
              columns.parent,
            ),
          }
        },
      })
    return schema
  }
  return {
    ...db,
    init: (args) => {
      const adapter = db.init(args) as ReturnType<Config['db']['init']> & PostgresAdapterLike
      if (adapter.name === 'postgres' && Array.isArray(adapter.afterSchemaInit))
        adapter.afterSchemaInit.push(addIndexes)
      return adapter
    },
  }
}
