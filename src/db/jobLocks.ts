import type { Payload } from 'payload'

import { postgresOf } from './postgres.ts'
import { withAdvisoryLock } from './statements.ts'

type RunArgs = { allQueues?: boolean; queue?: string } & Record<string, unknown>

/**
 * Payload's queue claims jobs by reading them and then marking them as processing, in two steps,
 * so two servers running the same queue at the same moment can both take the same job: a
 * scheduled publish done twice, a webhook sent twice. Each run of a queue is therefore made to
 * hold a PostgreSQL advisory lock named after the queue, taken without waiting: while one server
 * runs a queue, another server's run of it returns at once and leaves the jobs to it.
 */
export function runJobQueuesExclusively(payload: Payload): void {
  const { pool } = postgresOf(payload)
  const jobs = payload.jobs as unknown as { run: (args?: RunArgs) => Promise<unknown> }
  if (!pool || typeof jobs.run !== 'function') return
  const run = jobs.run.bind(jobs)
  jobs.run = (args: RunArgs = {}) =>
    withAdvisoryLock(
      payload,
      `payload-jobs:${args.allQueues ? '*' : (args.queue ?? 'default')}`,
      () => run(args),
      () => ({ noJobsRemaining: false, remainingJobsFromQueried: 0 }),
    )
}
