import type { Config } from 'payload'

import { runJobQueuesExclusively } from './jobLocks.ts'
import { answerDatabaseOutage, answerInvalidData, surviveDatabaseRestarts } from './outages.ts'
import { withSchemaIndexes } from './schemaHooks.ts'

/**
 * Everything the plugin does for PostgreSQL in particular, added to a config in one step: the
 * schema's extra indexes, API answers for an unreachable database and for data it refuses, pooled
 * connections that survive a restart, and job queues run by one server at a time. The connection
 * pieces are installed before anything else starts.
 */
export function withPostgresSupport(
  config: Config,
  slugs: { articles: string; articleSnapshots: string; participants: string },
): Config {
  return {
    ...config,
    db: withSchemaIndexes(config.db, slugs),
    hooks: {
      ...config.hooks,
      afterError: [...(config.hooks?.afterError ?? []), answerDatabaseOutage, answerInvalidData],
    },
    onInit: async (payload) => {
      surviveDatabaseRestarts(payload)
      runJobQueuesExclusively(payload)
      await config.onInit?.(payload)
    },
  }
}
