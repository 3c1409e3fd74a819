import type { Payload } from 'payload'

import { postgresOf } from './postgres.ts'
import { withAdvisoryLock } from './statements.ts'

type RunArgs = { allQueues?: boolean; queue?: string } & Record<string, unknown>
type Run = (args?: RunArgs) => Promise<unknown>

/** Payload's own `jobs.run` of each instance, as it was before the lock was put around it. */
const runsWithoutLock = new WeakMap<Payload, Run>()

/**
 * Payload's queue claims jobs by reading them and then marking them as processing, in two steps,
 * so two servers running the same queue at the same moment can both take the same job: a
 * scheduled publish done twice, a webhook sent twice. Each run of a queue is therefore made to
 * hold a PostgreSQL advisory lock named after the queue, taken without waiting: while one server
 * runs a queue, another server's run of it returns at once and leaves the jobs to it.
 */
export function runJobQueuesExclusively(payload: Payload): void {
  const { pool } = postgresOf(payload)
  const jobs = payload.jobs as unknown as { run: Run }
  if (!pool || typeof jobs.run !== 'function') return
  const run = jobs.run.bind(jobs)
  runsWithoutLock.set(payload, run)
  jobs.run = (args: RunArgs = {}) =>
    withAdvisoryLock(
      payload,
      `payload-jobs:${args.allQueues ? '*' : (args.queue ?? 'default')}`,
      () => run(args),
      () => ({ noJobsRemaining: false, remainingJobsFromQueried: 0 }),
    )
}

/**
 * Runs a queue the way Payload does on its own, without the lock. The plugin never calls it: it is
 * kept reachable only so that a test (`tests/twoProcesses.test.ts`) can show, on two processes,
 * the duplicate jobs the lock prevents.
 */
export function runJobQueueWithoutLock(payload: Payload, args: RunArgs = {}): Promise<unknown> {
  const run = runsWithoutLock.get(payload) ?? (payload.jobs.run.bind(payload.jobs) as Run)
  return run(args)
}
