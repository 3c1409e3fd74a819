import type { Payload, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph } from '../src/demo/lexicalBuilders.ts'
import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import { createTestDatabase } from './helpers/database.ts'

/**
 * Two app servers on one PostgreSQL database: two Payload instances, each with its own
 * connection pool, as two Node processes behind a load balancer would have.
 */
let databaseUri: string
let mediaDir: string
let receiverUrl: string
let receiver: http.Server
const received: { event: string; delivery: string }[] = []
const servers: Payload[] = []

async function startServer(name: string): Promise<Payload> {
  const config: SanitizedConfig = await buildConfig({
    secret: 'two-servers-test-secret',
    db: postgresAdapter({ pool: { connectionString: databaseUri } }),
    editor: lexicalEditor(),
    sharp,
    logger: { options: { level: 'fatal' } },
    plugins: [
      newsroomPlugin({
        photos: { staticDir: mediaDir },
        webhooks: { endpoints: [receiverUrl], secret: 'two-servers-webhook-secret', autoRun: false },
      }),
    ],
  })
  const payload = await getPayload({ config, key: name } as Parameters<typeof getPayload>[0])
  servers.push(payload)
  return payload
}

beforeAll(async () => {
  databaseUri = (await createTestDatabase('two_servers')).uri
  mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-two-servers-'))
  receiver = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      // A slow receiver widens the window in which a second server could send the same delivery.
      setTimeout(() => {
        received.push({
          event: String(request.headers['x-newsroom-event']),
          delivery: String(request.headers['x-newsroom-delivery']),
        })
        response.end('ok')
      }, 150)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})

afterAll(async () => {
  for (const payload of servers) await payload.destroy().catch(() => {})
  await new Promise<void>((resolve) => receiver?.close(() => resolve()))
  fs.rmSync(mediaDir, { recursive: true, force: true })
})

const article = (title: string) => ({
  title,
  dateline: 'ASTANA',
  byline: 'Desk',
  body: doc(paragraph('Text.')) as never,
})

describe('two app servers on one database', () => {
  let one: Payload
  let two: Payload

  beforeAll(async () => {
    one = await startServer('server-one')
    two = await startServer('server-two')
  })

  it('read on one what the other publishes, at once', async () => {
    const created = await one.create({
      collection: 'articles',
      data: { ...article('Published on server one'), _status: 'published' },
      depth: 0,
    })
    const seen = await two.find({
      collection: 'articles',
      where: { slug: { equals: created.slug } },
      overrideAccess: false,
      depth: 0,
    })
    expect(seen.docs.map((d) => d.title)).toEqual(['Published on server one'])
    const snapshot = await two.find({
      collection: 'article-snapshots',
      where: { slug: { equals: created.slug } },
      overrideAccess: true,
    })
    expect(snapshot.totalDocs).toBe(1)
  })

  it('lose nothing when one server restarts: the other delivers what it queued, and the restarted one sees it all', async () => {
    received.length = 0
    const created = await one.create({
      collection: 'articles',
      data: { ...article('Queued before a restart'), _status: 'published' },
      depth: 0,
    })
    // Server one goes away before it runs its queue.
    await one.destroy()
    servers.splice(servers.indexOf(one), 1)
    await two.jobs.run({ queue: 'newsroom-webhooks' })
    const [delivery] = (
      await two.find({
        collection: 'webhook-deliveries',
        overrideAccess: true,
        where: { 'payload.source.id': { equals: created.id } },
      })
    ).docs
    expect(delivery).toMatchObject({ status: 'delivered' })
    expect(received.filter((r) => r.delivery === String(delivery!.id))).toHaveLength(1)

    one = await startServer('server-one-again')
    const again = await one.findByID({ collection: 'articles', id: created.id, depth: 0 })
    expect(again.title).toBe('Queued before a restart')
    expect(
      (
        await one.find({
          collection: 'article-snapshots',
          where: { article: { equals: created.id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
  })
})
