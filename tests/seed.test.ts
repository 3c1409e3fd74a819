import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  DESK_TRANSLATED_QUOTE,
  DRAFT_ARTICLE_SLUG,
  PUBLISHED_ARTICLE_SLUG,
  STATEMENT_SLUG,
} from '../src/demo/demoContent.ts'
import { demoSeedOptions } from '../src/demo/demoMode.ts'
import { seedDemoNewsroom } from '../src/demo/seedDemoNewsroom.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp

beforeAll(async () => {
  // Asks for the demo on init, as the first `npm run dev` does.
  app = await startTestApp('seed', { seed: true })
})

afterAll(async () => {
  await app?.close()
})

const COLLECTIONS = ['users', 'participants', 'joint-statements', 'photos', 'articles'] as const

async function counts() {
  const result: Record<string, number> = {}
  for (const collection of COLLECTIONS) {
    result[collection] = (await app.payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return result
}

describe('demo seed', () => {
  it('creates the demo newsroom on first start', async () => {
    expect(await counts()).toEqual({ users: 3, participants: 9, 'joint-statements': 1, photos: 6, articles: 2 })
    const ministry = await app.payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } } })
    expect(ministry.docs[0]).toMatchObject({
      country: 'KZ',
      aliases: expect.arrayContaining(['Ministry of Foreign Affairs']),
    })
  })

  it('changes nothing when run again, even twice at once', async () => {
    const before = await counts()
    const results = await Promise.all([
      seedDemoNewsroom(app.payload, { withDemoLogins: true }),
      seedDemoNewsroom(app.payload, { withDemoLogins: true }),
    ])
    expect(results.map((r) => r.created)).toEqual([0, 0])
    expect(await counts()).toEqual(before)
  })

  it('recognises its photos under another file name (Payload renames a file whose name is taken on disk)', async () => {
    const before = await counts()
    const pool = (app.payload.db as unknown as { pool: { query: (sql: string) => Promise<unknown> } }).pool
    await pool.query("update photos set filename = 'taken-' || filename")
    expect((await seedDemoNewsroom(app.payload, { withDemoLogins: true })).created).toBe(0)
    expect(await counts()).toEqual(before)
    await pool.query("update photos set filename = substr(filename, 7) where filename like 'taken-%'")
  })

  it('publishes one article for the public and keeps the other a draft', async () => {
    const { status, json } = await app.rest.get('/articles?depth=2', { token: null })
    expect(status).toBe(200)
    expect(json.docs.map((a: { slug: string }) => a.slug)).toEqual([PUBLISHED_ARTICLE_SLUG])
    expect(json.totalDocs).toBe(1)
    const article = json.docs[0]
    expect(article.heroPhoto.credit).toMatchObject({ line: 'Ministry of Foreign Affairs', kind: 'handout' })
    expect(article.participants.map((p: { role: string }) => p.role)).toEqual([
      'host',
      'guarantor',
      'guarantor',
      'guarantor',
      'party',
      'party',
      'observer',
    ])
    expect(article.statements[0].signatories).toHaveLength(3)

    const draft = await app.payload.find({
      collection: 'articles',
      where: { slug: { equals: DRAFT_ARTICLE_SLUG } },
      draft: true,
      depth: 1,
    })
    expect(draft.docs[0]?._status).toBe('draft')
    const hero = draft.docs[0]?.heroPhoto as { credit?: { line?: string | null } }
    expect(hero.credit?.line ?? null).toBeNull()
  })

  it('passes the publish gate with the published article and refuses the draft until its photo is credited', async () => {
    const token = await app.rest.login('editor@newsroom.test', 'newsroom-editor')
    const find = async (slug: string) =>
      (await app.payload.find({ collection: 'articles', where: { slug: { equals: slug } }, draft: true, depth: 0 }))
        .docs[0]!
    const published = await find(PUBLISHED_ARTICLE_SLUG)
    const draft = await find(DRAFT_ARTICLE_SLUG)

    // The one quotation the desk translated itself (from the statement's Russian text) is the only warning.
    const statement = (
      await app.payload.find({ collection: 'joint-statements', where: { slug: { equals: STATEMENT_SLUG } } })
    ).docs[0]!
    const publishedReport = (await app.rest.get(`/articles/${published.id}/preflight`, { token })).json
    expect(publishedReport).toEqual({
      ok: true,
      errors: [],
      warnings: [
        {
          rule: 'desk-translation',
          severity: 'warning',
          path: expect.stringMatching(/^body\b/),
          message: expect.stringMatching(
            new RegExp(
              `^Quote 3 \\(“They reviewed the latest .*\\) was translated by the desk from Russian \\(ru\\), so it is not compared with the statement 'Joint statement of Iran, Russia and Türkiye.*\\(#${statement.id}\\)\\. Check the translation against the original\\. The statement has an official English text: quoting it lets the quotation be checked\\.$`,
            ),
          ),
        },
      ],
    })

    const draftReport = (await app.rest.get(`/articles/${draft.id}/preflight`, { token })).json
    expect(draftReport.ok).toBe(false)
    expect(draftReport.errors.map((e: { rule: string }) => e.rule).sort()).toEqual([
      'photo-credit-kind',
      'photo-credit-line',
    ])
    const refused = await app.rest.patch(`/articles/${draft.id}`, { _status: 'published' }, { token })
    expect(refused.status).toBe(400)
    expect(refused.json.errors[0].data.errors).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringMatching(
          /^Photo 'Delegations arrive for the final day of talks' \(#\d+\), hero photo: has no credit line\. .*has no kind of credit/,
        ),
      },
    ])

    const ministry = (await app.payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } } }))
      .docs[0]!
    await app.rest.patch(
      `/photos/${draft.heroPhoto}`,
      { credit: { line: 'Ministry of Foreign Affairs', kind: 'handout', issuer: ministry.id } },
      { token },
    )
    expect((await app.rest.patch(`/articles/${draft.id}`, { _status: 'published' }, { token })).status).toBe(200)
    const { json } = await app.rest.get('/articles?depth=0', { token: null })
    expect(json.docs.map((a: { slug: string }) => a.slug).sort()).toEqual(
      [DRAFT_ARTICLE_SLUG, PUBLISHED_ARTICLE_SLUG].sort(),
    )
  })

  it('shows readers that the desk translated the quotation from Russian, and that the statement has that text', async () => {
    const statement = (
      await app.payload.find({
        collection: 'joint-statements',
        where: { slug: { equals: STATEMENT_SLUG } },
        depth: 0,
      })
    ).docs[0]!
    expect(statement.translations?.map((t) => [t.language, t.official])).toEqual([['ru', true]])

    // The demo page (src/app/(frontend)/articles/[slug]) shows this HTML as the article's body.
    const response = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/html`, { token: null })
    expect(response.status).toBe(200)
    const quotations = response.text.match(/<figure class="quotation">.*?<\/figure>/g) ?? []
    expect(quotations).toHaveLength(3)
    const translated = quotations.filter((figure) => figure.includes('class="translation"'))
    expect(translated).toEqual([
      `<figure class="quotation"><blockquote><p>${DESK_TRANSLATED_QUOTE.text}</p></blockquote>` +
        '<figcaption>— <cite>Joint statement of Iran, Russia and Türkiye on the 20th International Meeting on Syria in the Astana format</cite>, ' +
        '<time datetime="2023-06-21">2023-06-21</time>, <span class="translation">translated from Russian by the desk</span></figcaption></figure>',
    ])
  })

  it('lets the demo logins sign in', async () => {
    for (const [email, password] of [
      ['admin@newsroom.test', 'newsroom-admin'],
      ['editor@newsroom.test', 'newsroom-editor'],
      ['writer@newsroom.test', 'newsroom-writer'],
    ] as const) {
      await expect(app.rest.login(email, password)).resolves.toEqual(expect.any(String))
    }
  })

  it('creates no demo logins in production, even when the demo is asked for', async () => {
    await app.payload.delete({ collection: 'users', where: { email: { like: 'newsroom.test' } }, overrideAccess: true })
    const options = demoSeedOptions({ NODE_ENV: 'production', NEWSROOM_DEMO: '1' } as NodeJS.ProcessEnv)
    expect(options).toEqual({ withDemoLogins: false })
    await seedDemoNewsroom(app.payload, options!)
    expect((await app.payload.count({ collection: 'users', overrideAccess: true })).totalDocs).toBe(0)
  })
})
