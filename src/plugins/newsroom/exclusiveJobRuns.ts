import type { Payload } from 'payload'

import { postgresOf } from '../../db/postgres.ts'

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
  jobs.run = async (args: RunArgs = {}) => {
    const lockName = `payload-jobs:${args.allQueues ? '*' : (args.queue ?? 'default')}`
    const client = await pool.connect()
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [lockName])
      if (!rows[0]?.locked) return { noJobsRemaining: false, remainingJobsFromQueried: 0 }
      try {
        return await run(args)
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [lockName])
      }
    } finally {
      client.release()
    }
  }
}
