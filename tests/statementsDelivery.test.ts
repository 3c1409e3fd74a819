/**
 * Readers are told where a quotation comes from: the HTML cites the statement's address and names
 * its issuer, kind and date, and labels a desk translation; the JSON-LD gives each quotation its
 * language, the work it is based on (with that work's language, address and author), and, for a
 * desk translation, the work it translates.
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { doc, paragraph, quote } from '../src/demo/lexicalBuilders.ts'
import { startHostApp } from './helpers/hostApp.ts'
import { createUser } from './helpers/payload.ts'

const COMMENT = 'The Astana format has fulfilled its mission and the talks may now move elsewhere.'
const RUSSIAN = 'Стороны подтвердили приверженность суверенитету Сирии.'

let app: Awaited<ReturnType<typeof startHostApp>>
let payload: Payload
let slug: string

beforeAll(async () => {
  app = await startHostApp('statements_delivery', {})
  payload = app.payload
  await createUser(payload, 'admin@sources.test', ['admin'])
  const participant = (data: Record<string, unknown>) =>
    payload.create({ collection: 'participants', data: { _status: 'published', ...data } as never })
  const kazakhstan = await participant({ name: 'Republic of Kazakhstan', kind: 'state', country: 'KZ' })
  const russia = await participant({ name: 'Russian Federation', kind: 'state', country: 'RU' })
  const iran = await participant({ name: 'Islamic Republic of Iran', kind: 'state', country: 'IR' })
  const ministry = await participant({
    name: 'Ministry of Foreign Affairs of Kazakhstan',
    kind: 'ministry',
    country: 'KZ',
    parent: kazakhstan.id,
    wikidataId: 'Q4294406',
  })
  const comment = await payload.create({
    collection: 'statements',
    data: {
      title: 'Official comment on the end of the Astana talks',
      issuer: ministry.id,
      kind: 'official-comment',
      issuedOn: '2023-06-21T00:00:00.000Z',
      sourceUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1',
      language: 'en',
      text: doc(paragraph(COMMENT)),
      _status: 'published',
    } as never,
  })
  const joint = await payload.create({
    collection: 'joint-statements',
    data: {
      title: 'Joint statement of Iran and Russia',
      signatories: [iran.id, russia.id],
      language: 'ru',
      text: doc(paragraph(RUSSIAN)),
      _status: 'published',
    } as never,
  })
  const article = await payload.create({
    collection: 'articles',
    data: {
      title: 'Astana talks end',
      byline: 'Desk',
      dateline: 'ASTANA',
      language: 'en',
      participants: [
        { participant: iran.id, role: 'guarantor' },
        { participant: russia.id, role: 'guarantor' },
      ],
      body: doc(
        paragraph('The talks ended.'),
        quote({ text: COMMENT, attributedTo: { relationTo: 'statements', value: comment.id } }),
        quote({
          text: "The sides confirmed their commitment to Syria's sovereignty.",
          attributedTo: { relationTo: 'joint-statements', value: joint.id },
          translatedFrom: 'ru',
        } as never),
      ),
      _status: 'published',
    } as never,
  })
  slug = article.slug!
}, 120_000)

afterAll(async () => {
  await app?.close()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('delivery of quotations from statements', () => {
  it('HTML cites the statement, names its issuer, kind and date, and labels a desk translation', async () => {
    const { status, text } = await app.rest.get(`/articles/${slug}/html`, { token: null })
    expect(status).toBe(200)
    expect(text).toContain('<blockquote cite="https://www.gov.kz/memleket/entities/mfa/press/news/details/1">')
    expect(text).toContain(
      '<cite>Ministry of Foreign Affairs of Kazakhstan</cite>, official comment, <time datetime="2023-06-21">21 June 2023</time>',
    )
    expect(text).toContain('translated from Russian by the desk')
  })

  it('JSON-LD gives each quotation its language, the work it is based on, and what a desk translation translates', async () => {
    const { status, json } = await app.rest.get(`/articles/${slug}/jsonld`, { token: null })
    expect(status).toBe(200)
    const [fromComment, translated] = json.hasPart as Record<string, unknown>[]
    expect(fromComment).toMatchObject({
      '@type': 'Quotation',
      inLanguage: 'en',
      isBasedOn: {
        name: 'Official comment on the end of the Astana talks',
        inLanguage: 'en',
        url: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1',
        author: [
          { name: 'Ministry of Foreign Affairs of Kazakhstan', sameAs: 'https://www.wikidata.org/wiki/Q4294406' },
        ],
      },
    })
    expect(translated).toMatchObject({
      inLanguage: 'en',
      isBasedOn: { name: 'Joint statement of Iran and Russia', inLanguage: 'ru' },
      translationOfWork: { '@type': 'CreativeWork', inLanguage: 'ru' },
    })
  })

  it('a statement under embargo is not readable by anonymous readers until its embargo lifts (a clock we control)', async () => {
    const start = Date.now()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(start)
    const issuer = await payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } }, limit: 1 })
    const embargoed = await payload.create({
      collection: 'statements',
      data: {
        title: 'Communiqué handed to the press in advance',
        issuer: issuer.docs[0]!.id,
        kind: 'press-release',
        language: 'en',
        text: doc(paragraph('The parties will meet again next year.')),
        embargoUntil: new Date(start + 60 * 60 * 1000).toISOString(),
        _status: 'published',
      } as never,
    })
    const anonymous = { token: null }
    const seen = async () => ({
      byId: (await app.rest.get(`/statements/${embargoed.id}`, anonymous)).status,
      inList: ((await app.rest.get('/statements?limit=100', anonymous)).json.docs as { id: unknown }[]).some(
        (statement) => statement.id === embargoed.id,
      ),
      graphql: (
        (await app.rest.graphql('{ Statements(limit: 100) { docs { id } } }', undefined, anonymous)).json.data
          .Statements.docs as { id: unknown }[]
      ).some((statement) => statement.id === embargoed.id),
    })
    expect(await seen()).toEqual({ byId: 404, inList: false, graphql: false })

    vi.setSystemTime(start + 2 * 60 * 60 * 1000)
    expect(await seen()).toEqual({ byId: 200, inList: true, graphql: true })
  })

  it('publish when the embargo lifts: one action schedules the publication, and the checks run again when it fires', async () => {
    const token = await app.rest.login('admin@sources.test', 'admin@sources.test-password')
    const start = Date.now()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(start)
    const HOUR = 60 * 60 * 1000
    const issuer = await payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } }, limit: 1 })
    const embargoed = await payload.create({
      collection: 'statements',
      data: {
        title: 'Press release under embargo',
        issuer: issuer.docs[0]!.id,
        kind: 'press-release',
        language: 'en',
        text: doc(paragraph('The parties agreed to meet again in the autumn of next year.')),
        embargoUntil: new Date(start + HOUR).toISOString(),
        _status: 'published',
      } as never,
    })
    const draft = await payload.create({
      collection: 'articles',
      data: {
        title: 'Talks to resume',
        byline: 'Desk',
        dateline: 'ASTANA',
        body: doc(
          quote({
            text: 'The parties agreed to meet again in the autumn of next year.',
            attributedTo: { relationTo: 'statements', value: embargoed.id },
          }),
        ),
        _status: 'draft',
      } as never,
      draft: true,
    })
    const preflight = await app.rest.get(`/articles/${draft.id}/preflight`, { token })
    expect(preflight.json.errors.map((finding: { rule: string }) => finding.rule)).toEqual(['statement-embargo'])
    expect((await app.rest.patch(`/articles/${draft.id}`, { _status: 'published' }, { token })).status).toBe(400)

    const scheduled = await app.rest.post(`/articles/${draft.id}/publish-after-embargo`, {}, { token })
    expect(scheduled.status, scheduled.text).toBe(200)
    expect(scheduled.json.scheduledFor).toBe(new Date(start + HOUR).toISOString())
    expect((await app.rest.post(`/articles/${draft.id}/publish-after-embargo`, {}, { token: null })).status).toBe(401)

    // Before the embargo lifts the job waits; after it, the scheduled publish passes the checks.
    await payload.jobs.run({ allQueues: true } as never)
    expect((await payload.findByID({ collection: 'articles', id: draft.id, depth: 0 }))._status).toBe('draft')
    vi.setSystemTime(start + 2 * HOUR)
    await payload.jobs.run({ allQueues: true } as never)
    expect((await payload.findByID({ collection: 'articles', id: draft.id, depth: 0 }))._status).toBe('published')
  })

  it('an embargo set on a statement a live article quotes (confirmed) takes it out of the snapshot, JSON-LD and HTML until it lifts', async () => {
    const start = Date.now()
    const issuer = await payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } }, limit: 1 })
    const briefing = await payload.create({
      collection: 'statements',
      data: {
        title: 'Briefing of the spokesperson on the talks',
        issuer: issuer.docs[0]!.id,
        kind: 'briefing',
        language: 'en',
        sourceUrl: 'https://www.gov.kz/briefing',
        text: doc(paragraph('The next round will take place in the capital of Kazakhstan.')),
        _status: 'published',
      } as never,
    })
    const article = await payload.create({
      collection: 'articles',
      data: {
        title: 'Spokesperson on the next round',
        byline: 'Desk',
        dateline: 'ASTANA',
        body: doc(
          quote({
            text: 'The next round will take place in the capital of Kazakhstan.',
            attributedTo: { relationTo: 'statements', value: briefing.id },
          }),
        ),
        _status: 'published',
      } as never,
    })
    const anonymous = { token: null }
    const forms = async () => ({
      html: (await app.rest.get(`/articles/${article.slug}/html`, anonymous)).text,
      jsonLd: JSON.stringify((await app.rest.get(`/articles/${article.slug}/jsonld`, anonymous)).json),
      document: JSON.stringify((await app.rest.get(`/articles/${article.slug}`, anonymous)).json),
    })
    const before = await forms()
    expect(before.html).toContain('https://www.gov.kz/briefing')
    expect(before.jsonLd).toContain('Briefing of the spokesperson on the talks')

    await payload.update({
      collection: 'statements',
      id: briefing.id,
      data: { embargoUntil: new Date(start + 60 * 60 * 1000).toISOString() } as never,
      context: { acknowledgeLiveImpact: true },
    })
    const during = await forms()
    for (const form of [during.html, during.jsonLd, during.document]) {
      expect(form).not.toContain('Briefing of the spokesperson on the talks')
      expect(form).not.toContain('https://www.gov.kz/briefing')
    }
  })
})
