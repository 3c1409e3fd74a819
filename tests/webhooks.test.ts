import type { Payload } from 'payload'

import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { deliverWebhookTask } from '../src/webhooks/deliverWebhook.ts'
import { signWebhookBody, verifyWebhookSignature } from '../src/webhooks/signature.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { startHostApp } from './helpers/hostApp.ts'

const SECRET = 'a-webhook-secret-for-the-tests'
/** The same key in the spec's serialisation, which is what the `standardwebhooks` library takes. */
const SPEC_SECRET = `whsec_${Buffer.from(SECRET, 'utf8').toString('base64')}`
const QUEUE = 'newsroom-webhooks'

interface Received {
  headers: http.IncomingHttpHeaders
  body: string
}

/** A receiver on loopback that records each POST and answers with the next status it is given (200 when none). */
async function startReceiver() {
  const received: Received[] = []
  const statuses: number[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = statuses.shift() ?? 200
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A port nothing listens on: bound, then closed. */
async function deadUrl(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/down`
}

let receiver: Awaited<ReturnType<typeof startReceiver>>
/** A CDN's purge hook: asks for `purge` events only. */
let purger: Awaited<ReturnType<typeof startReceiver>>
let down: string
let app: Awaited<ReturnType<typeof startHostApp>>
let payload: Payload
let f: GateFixtures

beforeAll(async () => {
  receiver = await startReceiver()
  purger = await startReceiver()
  down = await deadUrl()
  // Payload logs every failed attempt with the whole job at error level; the tests check the records instead.
  app = await startHostApp(
    'webhooks',
    {
      webhooks: {
        endpoints: [receiver.url, { url: down, events: ['article.deleted'] }, { url: purger.url, events: ['purge'] }],
        secret: SECRET,
        maxAttempts: 3,
        retryDelayMs: 400,
        timeoutMs: 2000,
        autoRun: false,
      },
    },
    [],
    { logLevel: 'fatal' },
  )
  payload = app.payload
  f = await createGateFixtures(payload)
})

afterAll(async () => {
  await app?.close()
  await receiver?.close()
  await purger?.close()
})

beforeEach(async () => {
  // Deliveries of earlier tests are sent first, so each test sees its own.
  await payload.jobs.run({ queue: QUEUE })
  await payload.delete({ collection: 'webhook-deliveries', where: { id: { exists: true } }, overrideAccess: true })
  receiver.received.length = 0
  receiver.statuses.length = 0
  purger.received.length = 0
})

const deliveries = async (url = receiver.url) =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      where: { url: { equals: url } },
      overrideAccess: true,
      sort: 'id',
      pagination: false,
    })
  ).docs

const publishArticle = (title: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'articles',
    data: {
      title,
      dateline: 'ASTANA',
      byline: 'Desk',
      body: doc(paragraph('Text.')) as never,
      _status: 'published',
      ...extra,
    } as never,
    depth: 0,
  })

describe('publish webhooks', () => {
  it('POST a signed event naming the article once its publish is committed, from the jobs queue', async () => {
    const article = await publishArticle('Talks end in Astana')
    // Publishing only records and queues the delivery; nothing is sent yet.
    expect(receiver.received).toHaveLength(0)
    const [pending] = await deliveries()
    expect(pending).toMatchObject({ event: 'article.published', status: 'pending', attempts: 0 })

    await payload.jobs.run({ queue: QUEUE })
    expect(receiver.received).toHaveLength(1)
    const { headers, body } = receiver.received[0]!
    // The deprecated signature is recomputed here from the raw body, independently of the plugin's code.
    const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
    expect(headers['x-newsroom-signature']).toBe(expected)
    expect(verifyWebhookSignature(body, headers, SECRET)).toBe(true)
    expect(verifyWebhookSignature(body.replace('"article.published"', '"article.deleted"'), headers, SECRET)).toBe(
      false,
    )
    expect(verifyWebhookSignature(body, headers, 'another-secret-of-some-length')).toBe(false)
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-newsroom-event']).toBe('article.published')

    const event = JSON.parse(body)
    expect(event).toMatchObject({
      event: 'article.published',
      source: { collection: 'articles', id: article.id, slug: article.slug },
      articles: [{ id: article.id, slug: article.slug, change: 'published', path: `/api/articles/${article.slug}` }],
    })
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(event.occurredAt)).not.toBeNaN()

    const [delivered] = await deliveries()
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, lastError: null })
    expect(delivered!.deliveredAt).toBeTruthy()
  })

  it('tell receivers of unpublish and delete, each only the events it asked for', async () => {
    const article = await publishArticle('Short-lived item')
    await payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' } })
    await payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } })
    await payload.delete({ collection: 'articles', id: article.id })
    expect((await deliveries()).map((d) => d.event)).toEqual([
      'article.published',
      'article.unpublished',
      'article.published',
      'article.deleted',
    ])
    // The second receiver asked for deletions only.
    expect((await deliveries(down)).map((d) => d.event)).toEqual(['article.deleted'])

    await payload.jobs.run({ queue: QUEUE })
    // The queue runs jobs side by side: the order of arrival is not the order of events.
    const events = [...receiver.received]
      .sort((a, b) => Number(a.headers['x-newsroom-delivery']) - Number(b.headers['x-newsroom-delivery']))
      .map((r) => JSON.parse(r.body))
    expect(events.map((e) => [e.event, e.articles[0].change])).toEqual([
      ['article.published', 'published'],
      ['article.unpublished', 'removed'],
      ['article.published', 'published'],
      ['article.deleted', 'removed'],
    ])
  })

  it('name every published article a photo credit change touches', async () => {
    const photo = await f.photo()
    const first = await publishArticle('First use', { heroPhoto: photo.id })
    const second = await publishArticle('Second use', {
      body: doc(paragraph('Text.'), upload('photos', photo.id)) as never,
    })
    await payload.jobs.run({ queue: QUEUE })
    receiver.received.length = 0

    await payload.update({
      collection: 'photos',
      id: photo.id,
      data: { credit: { line: 'Ministry of Foreign Affairs / handout' } },
    })
    await payload.jobs.run({ queue: QUEUE })
    expect(receiver.received).toHaveLength(1)
    const event = JSON.parse(receiver.received[0]!.body)
    expect(event.event).toBe('photo.changed')
    expect(event.source).toMatchObject({ collection: 'photos', id: photo.id })
    expect(event.articles.map((a: { slug: string }) => a.slug).sort()).toEqual([first.slug, second.slug].sort())

    // A photo no published article shows concerns no reader: nothing is sent.
    const unused = await f.photo()
    await payload.update({
      collection: 'photos',
      id: unused.id,
      data: { credit: { line: 'Ministry of Foreign Affairs / handout' } },
    })
    await payload.jobs.run({ queue: QUEUE })
    expect(receiver.received).toHaveLength(1)
    expect((await deliveries()).filter((d) => d.event === 'photo.changed')).toHaveLength(1)
  })

  it('purge: a receiver that asks for it gets, for each change, the surrogate keys to purge; others never get it', async () => {
    const photo = await f.photo()
    const article = await publishArticle('Purged by key', {
      heroPhoto: photo.id,
      participants: [{ participant: f.russia.id, role: 'guarantor' }],
    })
    await payload.jobs.run({ queue: QUEUE })
    const onPublish = purger.received.map((received) => JSON.parse(received.body))
    expect(onPublish.map((event) => event.event)).toEqual(['purge'])
    expect(onPublish[0].source).toMatchObject({ collection: 'articles', id: article.id })
    expect(onPublish[0].purge.keys).toEqual(
      expect.arrayContaining([
        `article-${article.id}`,
        `photo-${photo.id}`,
        `participant-${f.russia.id}`,
        'articles',
        `participant-${f.russia.id}-articles`,
      ]),
    )
    // Signed like every other event.
    expect(purger.received[0]!.headers['webhook-signature']).toMatch(/^v1,/)
    expect(receiver.received.map((received) => JSON.parse(received.body).event)).not.toContain('purge')

    purger.received.length = 0
    await payload.update({ collection: 'photos', id: photo.id, data: { alt: 'A new description of the photo' } })
    await payload.jobs.run({ queue: QUEUE })
    const onChange = purger.received.map((received) => JSON.parse(received.body))
    expect(onChange).toHaveLength(1)
    expect(onChange[0].source).toMatchObject({ collection: 'photos', id: photo.id })
    expect(onChange[0].purge.keys).toEqual(expect.arrayContaining([`photo-${photo.id}`, `article-${article.id}`]))

    // A change no reader sees purges nothing.
    purger.received.length = 0
    const unused = await f.photo()
    await payload.update({ collection: 'photos', id: unused.id, data: { alt: 'Nobody sees this' } })
    await payload.jobs.run({ queue: QUEUE })
    expect(purger.received).toHaveLength(0)
  })

  it('purge: a participant renamed sends one purge with its own keys, its list’s and its articles’', async () => {
    const observer = await payload.create({
      collection: 'participants',
      data: {
        name: 'Hashemite Kingdom of Jordan',
        shortName: 'Jordan',
        kind: 'state',
        country: 'JO',
        _status: 'published',
      },
    } as never)
    const article = await publishArticle('Shows an observer', {
      participants: [{ participant: observer.id, role: 'observer' }],
    })
    // The keys of the purge events that renaming the participant sends, each event's sorted.
    const purgesOnRenaming = async (name: string) => {
      await payload.jobs.run({ queue: QUEUE })
      purger.received.length = 0
      await payload.update({ collection: 'participants', id: observer.id, data: { name } })
      await payload.jobs.run({ queue: QUEUE })
      return purger.received.map((received) => {
        const event = JSON.parse(received.body)
        expect(event.source).toMatchObject({ collection: 'participants', id: observer.id })
        return [...event.purge.keys].sort()
      })
    }
    const own = [`participant-${observer.id}`, `participant-${observer.id}-articles`]
    expect(await purgesOnRenaming('Jordan, observer state')).toEqual([
      [...own, `article-${article.id}`, 'articles'].sort(),
    ])

    // Without published articles, the participant's own keys alone.
    await payload.delete({ collection: 'articles', id: article.id })
    expect(await purgesOnRenaming('Hashemite Kingdom of Jordan')).toEqual([own.sort()])
  })

  it('send nothing for a publish the gate refuses', async () => {
    const uncredited = await f.photo({ credit: { line: '', kind: null, issuer: null } })
    await expect(publishArticle('Refused', { heroPhoto: uncredited.id })).rejects.toThrow()
    expect(await deliveries()).toHaveLength(0)
  })

  it('retry a failing receiver with growing waits, recording each attempt', async () => {
    receiver.statuses.push(500)
    await publishArticle('Retried')
    await payload.jobs.run({ queue: QUEUE })
    let [delivery] = await deliveries()
    expect(delivery).toMatchObject({
      status: 'retrying',
      attempts: 1,
      responseStatus: 500,
      lastError: 'The receiver answered HTTP 500.',
    })

    // Before the back-off has passed, the queue leaves it alone.
    await payload.jobs.run({ queue: QUEUE })
    expect((await deliveries())[0]!.attempts).toBe(1)

    await new Promise((resolve) => setTimeout(resolve, 900))
    await payload.jobs.run({ queue: QUEUE })
    ;[delivery] = await deliveries()
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 200, lastError: null })
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received.map((r) => r.headers['x-newsroom-attempt'])).toEqual(['1', '2'])
    // Both attempts carry the same event (each signed for its own time; see the Standard Webhooks tests).
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body)
  })

  it('let a publish succeed at once while a receiver is down, and give up after the last attempt', async () => {
    const article = await publishArticle('Published while the receiver is down')
    await payload.delete({ collection: 'articles', id: article.id })
    const started = Date.now()
    const [delivery] = await deliveries(down)
    expect(delivery).toMatchObject({ event: 'article.deleted', status: 'pending' })
    expect(Date.now() - started).toBeLessThan(5000)

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await payload.jobs.run({ queue: QUEUE })
      const [current] = await deliveries(down)
      expect(current!.attempts).toBe(attempt)
      expect(current!.lastError).toMatch(/Could not reach the receiver: ECONNREFUSED/)
      expect(current!.status).toBe(attempt < 3 ? 'retrying' : 'failed')
      // Back-off: 400 ms, then 800 ms.
      await new Promise((resolve) => setTimeout(resolve, 400 * 2 ** (attempt - 1) + 200))
    }
    await payload.jobs.run({ queue: QUEUE })
    expect((await deliveries(down))[0]!.attempts).toBe(3)
  })

  it('are listed for admins only', async () => {
    await publishArticle('Listed')
    const admin = await payload.create({
      collection: 'users',
      data: { email: 'admin@webhooks.test', password: 'admin-password', roles: ['admin'] },
      overrideAccess: true,
    })
    const editor = await payload.create({
      collection: 'users',
      data: { email: 'editor@webhooks.test', password: 'editor-password', roles: ['editor'] },
      overrideAccess: true,
    })
    expect(
      (await payload.find({ collection: 'webhook-deliveries', user: admin, overrideAccess: false })).totalDocs,
    ).toBeGreaterThan(0)
    await expect(
      payload.find({ collection: 'webhook-deliveries', user: editor, overrideAccess: false }),
    ).rejects.toThrow(/not allowed/)
  })
})

describe('webhook options', () => {
  it('refuse receivers without a signing secret, bad URLs and unknown events', () => {
    const previous = process.env.NEWSROOM_WEBHOOK_SECRET
    delete process.env.NEWSROOM_WEBHOOK_SECRET
    try {
      expect(() => resolveOptions({ webhooks: { endpoints: ['https://cdn.example.org/purge'] } })).toThrow(
        /NEWSROOM_WEBHOOK_SECRET/,
      )
      expect(() => resolveOptions({ webhooks: { endpoints: ['not a url'], secret: SECRET } })).toThrow(/not a URL/)
      expect(() =>
        resolveOptions({
          webhooks: {
            endpoints: [{ url: 'https://x.example', events: ['article.exploded' as never] }],
            secret: SECRET,
          },
        }),
      ).toThrow(/article.exploded/)
      process.env.NEWSROOM_WEBHOOK_SECRET = SECRET
      expect(resolveOptions({ webhooks: { endpoints: ['https://cdn.example.org/purge'] } }).webhooks.secret).toBe(
        SECRET,
      )
    } finally {
      if (previous === undefined) delete process.env.NEWSROOM_WEBHOOK_SECRET
      else process.env.NEWSROOM_WEBHOOK_SECRET = previous
    }
  })
})

/** Node's headers as the plain string record the `standardwebhooks` library reads. */
const headerRecord = (headers: http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(' ') : value]],
    ),
  )

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Publishes an article and lets the queue send its event; returns the one request the receiver got. */
async function deliverOne(title: string) {
  await publishArticle(title)
  const before = nowSeconds()
  await payload.jobs.run({ queue: QUEUE })
  const after = nowSeconds()
  expect(receiver.received).toHaveLength(1)
  const { headers, body } = receiver.received[0]!
  return { headers: headerRecord(headers), body, before, after }
}

/** Runs `check` with the clock (`Date` only) moved by `seconds`. */
function atClockOffset<T>(seconds: number, check: () => T): T {
  vi.useFakeTimers({ toFake: ['Date'] })
  try {
    vi.setSystemTime(Date.now() + seconds * 1000)
    return check()
  } finally {
    vi.useRealTimers()
  }
}

describe('Standard Webhooks', () => {
  it('a receiver verifies a real delivery with the standardwebhooks library', async () => {
    const { headers, body, before, after } = await deliverOne('Signed the standard way')
    const event = JSON.parse(body)
    const [delivery] = await deliveries()
    expect(headers['webhook-id']).toBe(`${event.id}_${delivery!.id}`)
    expect(headers['webhook-timestamp']).toMatch(/^\d+$/)
    expect(Number(headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before)
    expect(Number(headers['webhook-timestamp'])).toBeLessThanOrEqual(after)
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)

    expect(new Webhook(SPEC_SECRET).verify(body, headers)).toEqual(event)
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body, headers)).toThrow(
      /No matching signature/,
    )
    // The exported helper agrees, from Node's headers or from a Fetch `Headers`, with either form of the secret.
    expect(verifyWebhookSignature(body, headers, SECRET)).toBe(true)
    expect(verifyWebhookSignature(body, new Headers(headers), SPEC_SECRET)).toBe(true)
    expect(verifyWebhookSignature(body, headers, 'another-secret-of-some-length')).toBe(false)
  })

  it('a whsec_ secret is its base64 bytes and any other secret its UTF-8 bytes, as the library reads them', () => {
    const id = '5f1c7a9e-3b1d-4c7e-9a53-0d6c2b8e4f10_7'
    const timestamp = 1_790_000_000
    const body = '{"event":"article.published","title":"Астана"}'
    const generated = `whsec_${randomBytes(32).toString('base64')}`
    expect(signWebhookBody(id, timestamp, body, generated)).toBe(
      new Webhook(generated).sign(id, new Date(timestamp * 1000), body),
    )
    const plain = 'секрет-of-the-newsroom'
    expect(signWebhookBody(id, timestamp, body, plain)).toBe(
      new Webhook(`whsec_${Buffer.from(plain, 'utf8').toString('base64')}`).sign(id, new Date(timestamp * 1000), body),
    )
    // A damaged `whsec_` secret is refused rather than silently decoded to some other key, and the plugin
    // refuses to start with one.
    expect(() => signWebhookBody(id, timestamp, body, 'whsec_not base64 at all!')).toThrow(/whsec_/)
    expect(() =>
      deliverWebhookTask(
        resolveOptions({
          webhooks: { endpoints: ['https://cdn.example.org/purge'], secret: generated.slice(0, -2) },
        }),
      ),
    ).toThrow(/NEWSROOM_WEBHOOK_SECRET.*whsec_/)
  })

  it('a delivery replayed outside the tolerance window is rejected by the library and by verifyWebhookSignature', async () => {
    const { headers, body } = await deliverOne('Captured and replayed')
    // Four minutes on, the captured request still passes: the window is five minutes.
    atClockOffset(4 * 60, () => {
      expect(new Webhook(SPEC_SECRET).verify(body, headers)).toBeTruthy()
      expect(verifyWebhookSignature(body, headers, SECRET)).toBe(true)
    })
    atClockOffset(6 * 60, () => {
      expect(() => new Webhook(SPEC_SECRET).verify(body, headers)).toThrow(/too old/)
      expect(verifyWebhookSignature(body, headers, SECRET)).toBe(false)
      // The window is the receiver's to choose.
      expect(verifyWebhookSignature(body, headers, SECRET, { toleranceSeconds: 10 * 60 })).toBe(true)
    })
    // A timestamp ahead of the receiver's clock is refused the same way.
    atClockOffset(-6 * 60, () => {
      expect(() => new Webhook(SPEC_SECRET).verify(body, headers)).toThrow(/too new/)
      expect(verifyWebhookSignature(body, headers, SECRET)).toBe(false)
    })
  })

  it('a tampered body, or a re-dated or re-labelled delivery, is rejected', async () => {
    const { headers, body } = await deliverOne('Tampered with')
    const tampered: [string, string, Record<string, string>][] = [
      ['body', body.replace('"article.published"', '"article.deleted"'), headers],
      ['timestamp', body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }],
      ['id', body, { ...headers, 'webhook-id': `${headers['webhook-id']}0` }],
      ['signature', body, { ...headers, 'webhook-signature': headers['x-newsroom-signature']! }],
    ]
    for (const [what, tamperedBody, tamperedHeaders] of tampered) {
      expect(() => new Webhook(SPEC_SECRET).verify(tamperedBody, tamperedHeaders), what).toThrow(
        /No matching signature/,
      )
      expect(verifyWebhookSignature(tamperedBody, tamperedHeaders, SECRET), what).toBe(false)
    }
    const undated = { ...headers }
    delete undated['webhook-timestamp']
    expect(verifyWebhookSignature(body, undated, SECRET)).toBe(false)
  })

  it('retries of one delivery keep the same webhook-id, each attempt dated and signed afresh', async () => {
    receiver.statuses.push(500)
    await publishArticle('Retried, one id')
    const firstBefore = nowSeconds()
    await payload.jobs.run({ queue: QUEUE })
    const firstAfter = nowSeconds()
    await new Promise((resolve) => setTimeout(resolve, 900))
    const secondBefore = nowSeconds()
    await payload.jobs.run({ queue: QUEUE })
    const secondAfter = nowSeconds()

    const [delivery] = await deliveries()
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(receiver.received).toHaveLength(2)
    const [first, second] = receiver.received.map((r) => ({ headers: headerRecord(r.headers), body: r.body }))
    const event = JSON.parse(first!.body)
    expect(first!.headers['webhook-id']).toBe(`${event.id}_${delivery!.id}`)
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    // Each attempt carries its own time, so a retry long after the event still passes the receiver's window.
    expect(Number(first!.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(firstBefore)
    expect(Number(first!.headers['webhook-timestamp'])).toBeLessThanOrEqual(firstAfter)
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(secondBefore)
    expect(Number(second!.headers['webhook-timestamp'])).toBeLessThanOrEqual(secondAfter)
    for (const attempt of [first!, second!]) {
      expect(new Webhook(SPEC_SECRET).verify(attempt.body, attempt.headers)).toEqual(event)
    }

    // Another delivery is another message.
    receiver.received.length = 0
    const { headers: other } = await deliverOne('Another event')
    expect(other['webhook-id']).toMatch(/^[0-9a-f-]{36}_\d+$/)
    expect(other['webhook-id']).not.toBe(first!.headers['webhook-id'])
  })
})
