/**
 * A photo's rights end at `credit.rightsExpireAt`: from that moment anonymous readers no longer
 * get its record, file or sizes, and the rights task re-renders the published articles that show
 * it with a placeholder, tells webhook receivers and lists the articles for editors, once per
 * expiry. The clock is vitest's: only `Date` is faked, so timers and I/O run as usual.
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { RIGHTS_EXPIRY_TASK_SLUG } from '../src/jobs/rightsExpiry.ts'
import { makeJpeg } from './helpers/images.ts'
import { createUser } from './helpers/payload.ts'
import { startHostApp } from './helpers/hostApp.ts'

const QUEUE = 'newsroom-rights'
const HOUR = 60 * 60 * 1000
// Nothing listens there: deliveries are only recorded, never sent (the webhook queue is not run).
const RECEIVER = 'http://127.0.0.1:9/rights'

let app: Awaited<ReturnType<typeof startHostApp>>
let payload: Payload
let counter = 0

beforeAll(async () => {
  app = await startHostApp('rights_expiry', {
    webhooks: {
      endpoints: [{ url: RECEIVER, events: ['photo.expired'] }],
      secret: 'a-webhook-secret-for-rights-tests',
      autoRun: false,
    },
    rightsExpiry: { autoRun: false },
  })
  payload = app.payload
  await createUser(payload, 'editor@rights.test', ['editor'])
})

afterAll(async () => {
  await app?.close()
})

afterEach(() => {
  vi.useRealTimers()
})

/** Starts a clock that only moves when told, at the real time. */
function controlClock(): number {
  const start = Date.now()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(start)
  return start
}

/** A photo whose rights expire at `expiresAt`, in the body of a published article. */
async function publishedWithExpiringPhoto(expiresAt: number) {
  counter += 1
  const data = await makeJpeg(900, 600, '#557733')
  const photo = await payload.create({
    collection: 'photos',
    data: {
      alt: `Delegates ${counter}`,
      caption: 'Delegates arrive',
      credit: { line: 'Agency Photo', kind: 'agency', rightsExpireAt: new Date(expiresAt).toISOString() },
    } as never,
    file: { data, mimetype: 'image/jpeg', name: `expiring-${counter}.jpg`, size: data.length },
  })
  const article = await payload.create({
    collection: 'articles',
    data: {
      title: `Summit opens ${counter}`,
      byline: 'Desk',
      dateline: 'ASTANA',
      body: doc(paragraph('Leaders met.'), upload('photos', photo.id)),
      _status: 'published',
    } as never,
  })
  return { photo, article }
}

/** What an anonymous reader gets of one photo: the record by id, in a list, and every file. */
async function whatTheAnonymousSee(id: number | string) {
  const anonymous = { token: null }
  const stored = await payload.findByID({ collection: 'photos', id, depth: 0, overrideAccess: true })
  const files = [stored.filename!, ...Object.values(stored.sizes ?? {}).map((size) => size!.filename!)]
  return {
    byId: (await app.rest.get(`/photos/${id}`, anonymous)).status,
    inList: ((await app.rest.get('/photos?limit=100', anonymous)).json.docs as { id: number }[]).some(
      (p) => p.id === id,
    ),
    files: await Promise.all(files.map(async (file) => (await app.rest.get(`/photos/file/${file}`, anonymous)).status)),
  }
}

const publicForms = async (slug: string) => {
  const anonymous = { token: null }
  const html = await app.rest.get(`/articles/${slug}/html`, anonymous)
  const jsonLd = await app.rest.get(`/articles/${slug}/jsonld`, anonymous)
  return { html: html.text, etag: html.headers.get('etag'), jsonLd: JSON.parse(jsonLd.text) }
}

const runRightsTask = async () => {
  await payload.jobs.queue({ task: RIGHTS_EXPIRY_TASK_SLUG as never, input: {} as never, queue: QUEUE })
  await payload.jobs.run({ queue: QUEUE })
}

const expiredDeliveries = async (photoId: number | string) =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      where: { event: { equals: 'photo.expired' } },
      overrideAccess: true,
      pagination: false,
    })
  ).docs.filter((delivery) => (delivery.payload as { source?: { id?: unknown } }).source?.id === photoId)

const editorToken = () => app.rest.login('editor@rights.test', 'editor@rights.test-password')

describe('rights expiry', () => {
  it('rights expiry: the photo, its file and every size are public until rightsExpireAt, refused to readers at once after it, and still seen by the desk', async () => {
    const start = controlClock()
    const { photo, article } = await publishedWithExpiringPhoto(start + HOUR)
    const files = 1 + Object.keys(photo.sizes ?? {}).length
    expect(files).toBeGreaterThan(1)

    expect(await whatTheAnonymousSee(photo.id)).toEqual({ byId: 200, inList: true, files: Array(files).fill(200) })
    const before = await publicForms(article.slug!)
    expect(before.html).toContain(`data-photo-id="${photo.id}"`)
    expect(before.jsonLd.image).toHaveLength(1)

    // One minute past the expiry, nothing having run in between.
    vi.setSystemTime(start + HOUR + 60_000)
    const after = await whatTheAnonymousSee(photo.id)
    expect(after.byId).not.toBe(200)
    expect(after).toMatchObject({ inList: false, files: Array(files).fill(403) })
    const live = await app.rest.get(`/articles/${article.id}?depth=1`, { token: null })
    expect(live.status).toBe(200)
    expect(JSON.stringify(live.json)).not.toContain(photo.filename!)

    const editor = await editorToken()
    expect((await app.rest.get(`/photos/${photo.id}`, { token: editor })).status).toBe(200)
    expect((await app.rest.get(`/photos/file/${photo.filename}`, { token: editor })).status).toBe(200)
  })

  it('rights expiry: the task re-renders the article with a placeholder and without the image, tells receivers and lists the article, once per expiry', async () => {
    const start = controlClock()
    const { photo, article } = await publishedWithExpiringPhoto(start + HOUR)

    // Before the expiry the task has nothing to do.
    await runRightsTask()
    expect(await expiredDeliveries(photo.id)).toHaveLength(0)
    expect((await publicForms(article.slug!)).html).toContain(`data-photo-id="${photo.id}"`)

    vi.setSystemTime(start + HOUR + 60_000)
    await runRightsTask()

    const after = await publicForms(article.slug!)
    expect(after.html).not.toContain(`data-photo-id="${photo.id}"`)
    expect(after.html).not.toContain(photo.filename!)
    expect(after.html).toContain(
      '<figure class="photo photo--unavailable"><div class="photo__placeholder" role="img" aria-label="Photo no longer available"></div></figure>',
    )
    expect(after.jsonLd.image ?? []).toHaveLength(0)
    expect(JSON.stringify(after.jsonLd)).not.toContain(photo.filename!)

    const [delivery, ...more] = await expiredDeliveries(photo.id)
    expect(more).toHaveLength(0)
    expect(delivery).toMatchObject({ event: 'photo.expired', url: RECEIVER, status: 'pending' })
    expect(delivery!.payload).toMatchObject({
      event: 'photo.expired',
      source: { collection: 'photos', id: photo.id },
      articles: [{ id: article.id, slug: article.slug, change: 'updated' }],
    })

    const handled = await payload.findByID({ collection: 'photos', id: photo.id, overrideAccess: true })
    expect(handled.rightsExpiryHandledAt).toBeTruthy()

    const editor = await editorToken()
    const list = await app.rest.get('/articles/needs-attention', { token: editor })
    expect(list.status).toBe(200)
    const entry = (list.json.docs as { id: unknown; photos: { id: unknown; rightsExpireAt: string }[] }[]).find(
      (listed) => listed.id === article.id,
    )
    expect(entry).toMatchObject({
      slug: article.slug,
      reason: 'photo-rights-expired',
      photos: [{ id: photo.id, rightsExpireAt: new Date(start + HOUR).toISOString() }],
    })
    expect((await app.rest.get('/articles/needs-attention', { token: null })).status).toBe(401)
    // The admin's "Needs attention" list view reads the collection: one open item for the article.
    const listView = await app.rest.get(`/needs-attention?where[article][equals]=${article.id}&depth=0`, {
      token: editor,
    })
    expect(listView.json.docs).toMatchObject([
      {
        reason: 'photo-rights-expired',
        status: 'open',
        source: { collection: 'photos', documentId: String(photo.id) },
      },
    ])

    // A later run, even much later, handles nothing more.
    vi.setSystemTime(start + 3 * HOUR)
    await runRightsTask()
    expect(await expiredDeliveries(photo.id)).toHaveLength(1)
    expect((await publicForms(article.slug!)).etag).toBe(after.etag)
    const again = await payload.findByID({ collection: 'photos', id: photo.id, overrideAccess: true })
    expect(again.rightsExpiryHandledAt).toBe(handled.rightsExpiryHandledAt)

    // The desk still sees the photo and its record.
    expect((await app.rest.get(`/photos/${photo.id}`, { token: editor })).status).toBe(200)
  })

  it('rights expiry: the credits report marks the expired photo and the article still showing it', async () => {
    const start = controlClock()
    const issuer = await payload.create({
      collection: 'participants',
      data: { name: 'Press Agency', kind: 'international-organization', _status: 'published' } as never,
    })
    const { photo, article } = await publishedWithExpiringPhoto(start + HOUR)
    await payload.update({
      collection: 'photos',
      id: photo.id,
      data: { credit: { issuer: issuer.id } } as never,
      overrideAccess: true,
    })
    const editor = await editorToken()
    const report = async () =>
      (await app.rest.get(`/photos/credits?issuer=${issuer.id}`, { token: editor })).json as {
        photos: { id: unknown; rightsExpired: boolean }[]
        articlesShowingExpiredPhotos: { id: unknown; photos: unknown[] }[]
      }

    const before = await report()
    expect(before.photos).toMatchObject([{ id: photo.id, rightsExpired: false }])
    expect(before.articlesShowingExpiredPhotos).toEqual([])

    vi.setSystemTime(start + HOUR + 1000)
    const after = await report()
    expect(after.photos).toMatchObject([{ id: photo.id, rightsExpired: true }])
    expect(after.articlesShowingExpiredPhotos).toMatchObject([{ id: article.id, photos: [photo.id] }])
  })
})
