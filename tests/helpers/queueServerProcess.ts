/**
 * One app server as a process of its own, for tests/twoProcesses.test.ts: it boots Payload with the
 * plugin on the database named by DATABASE_URI and does what the test process asks over the IPC
 * channel (`node --conditions=development --import tsx tests/helpers/queueServerProcess.ts`, spawned
 * with an `ipc` stdio; the condition is explained in scripts/nodeConditions.ts).
 *
 * Environment: DATABASE_URI, MEDIA_DIR, WEBHOOK_URL (the test's receiver), SERVER_NAME (for logs).
 */
import type { Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'

import { runJobQueueWithoutLock } from '../../src/db/jobLocks.ts'
import { doc, paragraph } from '../../src/demo/lexicalBuilders.ts'
import { newsroomPlugin } from '../../src/plugins/newsroom/index.ts'

/** What the test process asks; each request carries an id its answer repeats. */
export type QueueServerRequest =
  | { id: number; type: 'boot' }
  | { id: number; type: 'publish'; title: string }
  | { id: number; type: 'schedulePublish'; title: string }
  | { id: number; type: 'runQueue'; queue: string; lock: boolean }
  | { id: number; type: 'exit' }

export type QueueServerAnswer =
  { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: string } | { type: 'loaded' }

const { DATABASE_URI, MEDIA_DIR, WEBHOOK_URL } = process.env
if (!DATABASE_URI || !MEDIA_DIR || !WEBHOOK_URL || typeof process.send !== 'function')
  throw new Error('queueServerProcess: spawn it with DATABASE_URI, MEDIA_DIR, WEBHOOK_URL and an IPC channel')

const send = (answer: QueueServerAnswer) => process.send!(answer)

let payload: Payload | undefined

const article = (title: string) => ({
  title,
  dateline: 'ASTANA',
  byline: 'Desk',
  body: doc(paragraph('Text.')) as never,
})

async function boot(): Promise<void> {
  const config = await buildConfig({
    secret: 'two-processes-test-secret',
    db: postgresAdapter({ pool: { connectionString: DATABASE_URI } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'error' } },
    plugins: [
      newsroomPlugin({
        photos: { staticDir: MEDIA_DIR },
        // Neither server runs a queue on its own: the test says when.
        webhooks: { endpoints: [WEBHOOK_URL!], secret: 'two-processes-webhook-secret', autoRun: false },
        rightsExpiry: { autoRun: false },
      }),
    ],
  })
  payload = await getPayload({ config })
}

async function handle(request: QueueServerRequest): Promise<unknown> {
  if (request.type === 'boot') return boot()
  if (request.type === 'exit') {
    await payload?.destroy()
    setImmediate(() => process.exit(0))
    return undefined
  }
  if (!payload) throw new Error('not booted')
  switch (request.type) {
    case 'publish': {
      const created = await payload.create({
        collection: 'articles',
        data: { ...article(request.title), _status: 'published' },
        depth: 0,
      })
      return { articleId: created.id }
    }
    case 'schedulePublish': {
      // What the admin's "Schedule publish" does: a `schedulePublish` job on the default queue,
      // here due at once.
      const draft = await payload.create({
        collection: 'articles',
        data: { ...article(request.title), _status: 'draft' },
        draft: true,
        depth: 0,
      })
      const job = await payload.jobs.queue({
        task: 'schedulePublish',
        input: { type: 'publish', doc: { relationTo: 'articles', value: String(draft.id) } },
        waitUntil: new Date(Date.now() - 1000),
      } as never)
      return { articleId: draft.id, jobId: (job as { id: unknown }).id }
    }
    case 'runQueue': {
      const started = Date.now()
      const result = request.lock
        ? await payload.jobs.run({ queue: request.queue })
        : await runJobQueueWithoutLock(payload, { queue: request.queue })
      return { result, ms: Date.now() - started }
    }
  }
}

process.on('message', (request: QueueServerRequest) => {
  handle(request).then(
    (value) => send({ id: request.id, ok: true, value }),
    (error: unknown) => send({ id: request.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  )
})
// The test process going away ends this one too.
process.on('disconnect', () => process.exit(0))
send({ type: 'loaded' })
