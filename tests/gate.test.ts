import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, plainQuote, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let f: GateFixtures
let token: string
let goodPhoto: { id: number }

beforeAll(async () => {
  app = await startTestApp('gate')
  await createUser(app.payload, 'admin@newsroom.test', ['admin'])
  await createUser(app.payload, 'editor@newsroom.test', ['editor'])
  token = await app.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
  f = await createGateFixtures(app.payload)
  goodPhoto = await f.photo()
})

afterAll(async () => {
  await app?.close()
})

type ArticleData = Record<string, unknown>
let articleNumber = 0

/** An article that passes every rule; each test breaks one thing. */
const validArticle = (): ArticleData => ({
  title: `Talks end in Astana ${++articleNumber}`,
  dateline: 'ASTANA',
  byline: 'Diplomacy desk',
  heroPhoto: goodPhoto.id,
  body: doc(
    paragraph('The talks ended on 21 June.'),
    quote({
      text: 'should be universally respected and complied with',
      attributedTo: { relationTo: 'joint-statements', value: f.statement.id },
      manner: 'joint-statement',
    }),
  ),
  participants: [
    { participant: f.kazakhstan.id, role: 'host' },
    { participant: f.iran.id, role: 'guarantor' },
    { participant: f.russia.id, role: 'guarantor' },
    { participant: f.turkiye.id, role: 'guarantor' },
  ],
  statements: [f.statement.id],
})

async function draftArticle(data: ArticleData) {
  return app.payload.create({ collection: 'articles', data: { ...data, _status: 'draft' } as never, draft: true })
}

async function preflight(collection: string, id: number | string) {
  const response = await app.rest.get(`/${collection}/${id}/preflight`, { token })
  expect(response.status).toBe(200)
  return response.json as {
    ok: boolean
    errors: { rule: string; path: string; message: string }[]
    warnings: { rule: string; path: string; message: string }[]
  }
}

/** Publishes through the Local API; returns the field errors of a refusal, or [] when published. */
async function publishLocal(collection: string, id: number | string): Promise<{ path: string; message: string }[]> {
  try {
    await app.payload.update({ collection: collection as 'articles', id, data: { _status: 'published' } })
    return []
  } catch (error) {
    const errors = (error as { data?: { errors?: { path: string; message: string }[] } }).data?.errors
    if (!errors) throw error
    return errors
  }
}

async function publishRest(collection: string, id: number | string) {
  const response = await app.rest.patch(`/${collection}/${id}`, { _status: 'published' }, { token })
  const errors: { path: string; message: string }[] = response.json?.errors?.[0]?.data?.errors ?? []
  return { status: response.status, errors }
}

/**
 * Checks one rule both ways on two articles: the broken one is reported under `rule` by the
 * preflight and refused by the Local API and by REST (or, for a warning, published anyway);
 * the valid one publishes.
 */
async function expectRule(
  rule: string,
  broken: ArticleData,
  expected: { path: string; message: RegExp; severity?: 'error' | 'warning' },
) {
  const severity = expected.severity ?? 'error'
  const bad = await draftArticle(broken)
  const report = await preflight('articles', bad.id)
  const findings = severity === 'error' ? report.errors : report.warnings
  const finding = findings.find((item) => item.rule === rule)
  expect(finding, `${rule} in ${JSON.stringify(report)}`).toBeDefined()
  expect(finding!.path).toBe(expected.path)
  expect(finding!.message).toMatch(expected.message)

  if (severity === 'error') {
    const local = await publishLocal('articles', bad.id)
    expect(local.find((error) => error.path === expected.path)?.message).toMatch(expected.message)
    const rest = await publishRest('articles', bad.id)
    expect(rest.status).toBe(400)
    expect(rest.errors.find((error) => error.path === expected.path)?.message).toMatch(expected.message)
    const stored = await app.payload.findByID({ collection: 'articles', id: bad.id, draft: true })
    expect(stored._status).toBe('draft')
  } else {
    expect(report.ok).toBe(true)
    expect((await publishRest('articles', bad.id)).status).toBe(200)
  }

  const good = await draftArticle(validArticle())
  const goodReport = await preflight('articles', good.id)
  expect(goodReport.errors.filter((item) => item.rule === rule)).toEqual([])
  expect(goodReport.warnings.filter((item) => item.rule === rule)).toEqual([])
  expect(await publishLocal('articles', good.id)).toEqual([])
}

describe('photo rules', () => {
  it('photo-credit-line: a photo needs a credit line', async () => {
    const photo = await f.photo({
      caption: 'Syrian talks in Astana',
      credit: { line: '', kind: 'staff', issuer: null },
    })
    await expectRule(
      'photo-credit-line',
      { ...validArticle(), heroPhoto: photo.id },
      {
        path: 'heroPhoto',
        message: new RegExp(`Photo 'Syrian talks in Astana' \\(#${photo.id}\\), hero photo: has no credit line`),
      },
    )
  })

  it('photo-credit-kind: a photo needs a kind of credit', async () => {
    const photo = await f.photo({ credit: { kind: null } })
    await expectRule(
      'photo-credit-kind',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /has no kind of credit/ },
    )
  })

  it('photo-handout-issuer: a handout names its issuer', async () => {
    const photo = await f.photo({ credit: { line: 'Pool photo', issuer: null } })
    await expectRule(
      'photo-handout-issuer',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /is a handout but does not name its issuer/ },
    )
  })

  it('ministry-credit: "Ministry of Foreign Affairs" credited to Russia’s Ministry of Defence is refused', async () => {
    const photo = await f.photo({ credit: { issuer: f.russianDefence.id } })
    await expectRule(
      'ministry-credit',
      { ...validArticle(), heroPhoto: photo.id },
      {
        path: 'heroPhoto',
        message:
          /the credit “Ministry of Foreign Affairs” does not match its issuer 'Ministry of Defence of the Russian Federation'/,
      },
    )
  })

  it('ministry-credit: a photo in the body is checked too, and wording such as "МИД" marks a ministry', async () => {
    const photo = await f.photo({ credit: { line: 'Пресс-служба МИД России', kind: 'handout', issuer: f.russia.id } })
    const article = validArticle()
    article.body = doc(paragraph('Text.'), upload('photos', photo.id))
    await expectRule('ministry-credit', article, {
      path: 'body',
      message:
        /body, image 1: the credit “Пресс-служба МИД России” names a ministry but its issuer 'Russian Federation' .* is not a ministry/,
    })
  })

  it('ministry-credit: the issuing ministry must be published', async () => {
    const draftMinistry = await app.payload.create({
      collection: 'participants',
      data: {
        name: 'Ministry of Foreign Affairs of Iran',
        aliases: ['Ministry of Foreign Affairs'],
        kind: 'ministry',
        country: 'IR',
        parent: f.iran.id,
        _status: 'draft',
      },
      draft: true,
    })
    const photo = await f.photo({ credit: { issuer: draftMinistry.id } })
    await expectRule(
      'ministry-credit',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /is not published\. Publish the ministry first/ },
    )
  })

  it('ministry-credit: a credit line matching an alias, in another case and spelling of diacritics, passes', async () => {
    const photo = await f.photo({ credit: { line: 'MINISTRY OF FOREIGN AFFAIRS / handout' } })
    const article = await draftArticle({ ...validArticle(), heroPhoto: photo.id })
    expect((await preflight('articles', article.id)).errors).toEqual([])
  })

  it('ministry-credit: a credit line naming another state the article does not cite is refused, with the name found', async () => {
    const uzbekistan = await app.payload.create({
      collection: 'participants',
      data: {
        name: 'Republic of Uzbekistan',
        shortName: 'Uzbekistan',
        kind: 'state',
        country: 'UZ',
        _status: 'published',
      },
    })
    const photo = await f.photo({ credit: { line: 'Ministry of Foreign Affairs of Uzbekistan' } })
    await expectRule(
      'ministry-credit',
      { ...validArticle(), heroPhoto: photo.id },
      {
        path: 'heroPhoto',
        message: new RegExp(
          `names “Uzbekistan” \\('Republic of Uzbekistan' \\(#${uzbekistan.id}\\), a state\\) besides its issuer 'Ministry of Foreign Affairs of the Republic of Kazakhstan'`,
        ),
      },
    )
  })

  it('photo-exists: a photo deleted after it was placed in the body is reported', async () => {
    const photo = await f.photo()
    const article = await draftArticle({
      ...validArticle(),
      body: doc(paragraph('The talks ended on 21 June.'), upload('photos', photo.id)),
    })
    await app.payload.delete({ collection: 'photos', id: photo.id })
    const report = await preflight('articles', article.id)
    expect(report.errors).toEqual([
      {
        rule: 'photo-exists',
        severity: 'error',
        path: 'body',
        message: `Photo #${photo.id}, body, image 1: no longer exists (it was deleted). Choose another photo, or take this one out.`,
      },
    ])
    expect(await publishLocal('articles', article.id)).toEqual([
      expect.objectContaining({ path: 'body', message: expect.stringContaining('no longer exists') }),
    ])
  })

  it('photo-rights-expired: rights that have run out block publishing', async () => {
    const photo = await f.photo({ credit: { rightsExpireAt: new Date(Date.now() - 86_400_000).toISOString() } })
    await expectRule(
      'photo-rights-expired',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /its rights expired on \d{4}-\d{2}-\d{2}/ },
    )
    const future = await f.photo({ credit: { rightsExpireAt: new Date(Date.now() + 86_400_000).toISOString() } })
    const ok = await draftArticle({ ...validArticle(), heroPhoto: future.id })
    expect((await preflight('articles', ok.id)).ok).toBe(true)
  })

  it('photo-alt: a photo needs alt text', async () => {
    const photo = await f.photo({ alt: null })
    await expectRule(
      'photo-alt',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /has no alt text/ },
    )
  })

  it('caption-credit-mismatch (warning): a credit in the caption must agree with the credit line', async () => {
    const photo = await f.photo({ caption: 'Iran at the talks. Photo credit: Reuters' })
    await expectRule(
      'caption-credit-mismatch',
      { ...validArticle(), heroPhoto: photo.id },
      {
        path: 'heroPhoto',
        message: /the caption credits “Reuters” but the credit line is “Ministry of Foreign Affairs”/,
        severity: 'warning',
      },
    )
    const agreeing = await f.photo({ caption: 'Iran at the talks. Photo credit: Ministry of Foreign Affairs.' })
    const ok = await draftArticle({ ...validArticle(), heroPhoto: agreeing.id })
    expect((await preflight('articles', ok.id)).warnings).toEqual([])
  })

  it('photo-not-distributable (warning)', async () => {
    const photo = await f.photo({ credit: { distributable: false } })
    await expectRule(
      'photo-not-distributable',
      { ...validArticle(), heroPhoto: photo.id },
      { path: 'heroPhoto', message: /not distributable/, severity: 'warning' },
    )
  })
})

describe('attribution rules', () => {
  const statementQuote = (text: string) =>
    quote({ text, attributedTo: { relationTo: 'joint-statements', value: f.statement.id }, manner: 'joint-statement' })

  it('quote-attribution: every Quote block is attributed', async () => {
    await expectRule(
      'quote-attribution',
      { ...validArticle(), body: doc(quote({ text: 'We will not host the talks again.' })) },
      {
        path: 'body',
        message: /Quote 1 \(“We will not host the talks again\.”\) is not attributed/,
      },
    )
  })

  it('bare-blockquote: a plain block quote must become a Quote block', async () => {
    await expectRule(
      'bare-blockquote',
      { ...validArticle(), body: doc(paragraph('Intro.'), plainQuote('The goals have been achieved.')) },
      {
        path: 'body',
        message: /The block quote “The goals have been achieved\.” has no attribution/,
      },
    )
  })

  describe('quote-in-statement', () => {
    const misquotes: [string, string][] = [
      ['a changed word', 'The parties do not accept any attempt to create new realities on the ground.'],
      ['a dropped "not"', 'The parties do accept any attempts to create new realities on the ground.'],
      [
        'two sentences spliced without an elision mark',
        'The parties do not accept any attempts to create new realities on the ground. They called for more humanitarian aid to the whole of Syria',
      ],
    ]
    for (const [name, text] of misquotes) {
      it(`refuses ${name}, showing the closest passage`, async () => {
        await expectRule(
          'quote-in-statement',
          { ...validArticle(), body: doc(statementQuote(text)) },
          {
            path: 'body',
            message:
              /does not appear in the statement 'Joint statement of Iran, Russia and Türkiye' \(#\d+\)\. Closest passage: “The parties do not accept any attempts to create new realities on the ground\./,
          },
        )
      })
    }

    it('accepts typographic quotation marks, apostrophes, dashes, spacing and an ellipsis', async () => {
      const texts = [
        '“The parties do not accept any attempts … on the ground.”',
        'the UN Charter should be universally respected and complied with, including Syria’s   sovereignty',
        'They called for more humanitarian aid to the whole of Syria -- including water [...] electricity supply.'.replace(
          '--',
          '—',
        ),
        "They stressed that the UN Charter... including Syria's sovereignty.",
      ]
      const article = await draftArticle({ ...validArticle(), body: doc(...texts.map(statementQuote)) })
      const report = await preflight('articles', article.id)
      expect(report.errors).toEqual([])
      expect(await publishLocal('articles', article.id)).toEqual([])
    })
  })

  it('cited-unpublished: cited participants and statements must be published', async () => {
    await expectRule(
      'cited-unpublished',
      {
        ...validArticle(),
        participants: [
          ...(validArticle().participants as unknown[]),
          { participant: f.unpublished.id, role: 'observer' },
        ],
      },
      {
        path: 'participants.4.participant',
        message: /The participant 'Unpublished delegation' \(#\d+\), cited in participant 5, is not published/,
      },
    )
    await expectRule(
      'cited-unpublished',
      { ...validArticle(), statements: [f.draftStatement.id] },
      { path: 'statements', message: /The joint statement 'Unpublished statement'.* is not published/ },
    )
    await expectRule(
      'cited-unpublished',
      {
        ...validArticle(),
        body: doc(
          quote({
            text: 'We came.',
            attributedTo: { relationTo: 'participants', value: f.unpublished.id },
            manner: 'statement',
          }),
        ),
      },
      { path: 'body', message: /cited in quote 1, is not published/ },
    )
  })

  it('statement-signatories-listed (warning): a quoted statement’s signatories are participants', async () => {
    const article = validArticle()
    article.participants = [{ participant: f.kazakhstan.id, role: 'host' }]
    await expectRule('statement-signatories-listed', article, {
      path: 'participants',
      message: /does not list its signatories Islamic Republic of Iran, Russian Federation, Republic of Türkiye/,
      severity: 'warning',
    })
  })

  it('unattributed-quotation (warning): quoted speech in running text', async () => {
    const body = doc(
      paragraph('The ministry said the process had “achieved its initial goals of stopping the bloodshed” in Syria.'),
    )
    await expectRule(
      'unattributed-quotation',
      { ...validArticle(), body },
      {
        path: 'body',
        message: /quotes “achieved its initial goals of stopping the bloodshed” outside a Quote block/,
        severity: 'warning',
      },
    )
    const short = await draftArticle({
      ...validArticle(),
      body: doc(paragraph('The so-called “Astana format” ended.')),
    })
    expect((await preflight('articles', short.id)).warnings.filter((w) => w.rule === 'unattributed-quotation')).toEqual(
      [],
    )
  })

  it('byline-dateline (warning): an article has a byline and a dateline', async () => {
    await expectRule(
      'byline-dateline',
      { ...validArticle(), byline: '', dateline: '' },
      { path: 'byline', message: /no byline/, severity: 'warning' },
    )
  })
})

describe('rules for statements and participants', () => {
  it('statements of one participant: quoted in the article’s language, under embargo, issued by a published participant', async () => {
    const comment = (data: Record<string, unknown>) =>
      app.payload.create({
        collection: 'statements',
        data: {
          title: 'Comment on the talks',
          issuer: f.kazakhMfa.id,
          kind: 'official-comment',
          language: 'ru',
          text: doc(paragraph('Следующий раунд состоится в Астане осенью.')),
          _status: 'published',
          ...data,
        } as never,
      })
    const quoting = (id: number | string, extra: Record<string, unknown> = {}) => ({
      ...validArticle(),
      body: doc(
        quote({
          text: 'The next round will be held in Astana',
          attributedTo: { relationTo: 'statements', value: id },
          manner: 'official-comment',
          ...extra,
        } as never),
      ),
    })

    const russianOnly = await comment({ title: 'Comment in Russian only' })
    await expectRule('quote-translation-marked', quoting(russianOnly.id), {
      path: 'body',
      message:
        /has no official text in English \(en\), the article’s language; it has texts in Russian \(ru, original\)/,
    })
    await expectRule('desk-translation', quoting(russianOnly.id, { translatedFrom: 'ru' }), {
      path: 'body',
      message: /was translated by the desk from Russian \(ru\), so it is not compared/,
      severity: 'warning',
    })

    const embargoed = await comment({
      title: 'Comment under embargo',
      translations: [{ language: 'en', text: doc(paragraph('The next round will be held in Astana in the autumn.')) }],
      embargoUntil: '2099-01-01T09:00:00.000Z',
    })
    await expectRule('statement-embargo', quoting(embargoed.id), {
      path: 'body',
      message:
        /under embargo until 1 January 2099, 09:00 UTC\. .*scheduling its publication for that moment is allowed/,
    })

    const byDraft = await app.payload.create({
      collection: 'statements',
      data: {
        title: 'Draft issuer',
        issuer: f.unpublished.id,
        language: 'en',
        text: doc(paragraph('Text.')),
        _status: 'draft',
      } as never,
      draft: true,
    })
    expect(await publishLocal('statements', byDraft.id)).toEqual([
      { path: 'issuer', message: expect.stringMatching(/The issuer 'Unpublished delegation' .* is not published/) },
    ])
  })

  it('statement-signatories: at least two, all published', async () => {
    const one = await app.payload.create({
      collection: 'joint-statements',
      data: {
        title: 'One signatory',
        signatories: [f.iran.id],
        text: doc(paragraph('Text.')),
        _status: 'draft',
      } as never,
      draft: true,
    })
    expect((await preflight('joint-statements', one.id)).errors.map((e) => e.rule)).toContain('statement-signatories')
    expect((await publishLocal('joint-statements', one.id))[0]).toMatchObject({
      path: 'signatories',
      message: expect.stringMatching(/at least two different signatories; it has 1/),
    })
    const rest = await publishRest('joint-statements', one.id)
    expect(rest.status).toBe(400)

    const withDraft = await app.payload.create({
      collection: 'joint-statements',
      data: {
        title: 'Draft signatory',
        signatories: [f.iran.id, f.unpublished.id],
        text: doc(paragraph('Text.')),
        _status: 'draft',
      } as never,
      draft: true,
    })
    expect(await publishLocal('joint-statements', withDraft.id)).toEqual([
      { path: 'signatories', message: expect.stringMatching(/'Unpublished delegation' .* is not published/) },
    ])

    const fine = await app.payload.create({
      collection: 'joint-statements',
      data: {
        title: 'Fine',
        signatories: [f.iran.id, f.russia.id],
        text: doc(paragraph('Text.')),
        issuedOn: '2023-06-21T00:00:00.000Z',
        _status: 'draft',
      } as never,
      draft: true,
    })
    expect(await publishLocal('joint-statements', fine.id)).toEqual([])
  })

  it('statement-text: the statement has text and is not dated in the future', async () => {
    const empty = await app.payload.create({
      collection: 'joint-statements',
      data: {
        title: 'No text',
        signatories: [f.iran.id, f.russia.id],
        issuedOn: '2999-01-01T00:00:00.000Z',
        _status: 'draft',
      } as never,
      draft: true,
    })
    const errors = await publishLocal('joint-statements', empty.id)
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'text', message: expect.stringMatching(/has no text/) },
        { path: 'issuedOn', message: expect.stringMatching(/2999-01-01, which is in the future/) },
      ]),
    )
    expect((await publishRest('joint-statements', empty.id)).status).toBe(400)
  })

  it('ministry-parent: a ministry has a country and a parent', async () => {
    const ministry = await app.payload.create({
      collection: 'participants',
      data: { name: 'Ministry without parent', kind: 'ministry', _status: 'draft' } as never,
      draft: true,
    })
    expect((await preflight('participants', ministry.id)).errors.map((e) => e.path).sort()).toEqual([
      'country',
      'parent',
    ])
    expect((await publishRest('participants', ministry.id)).errors).toEqual(
      expect.arrayContaining([{ path: 'parent', message: expect.stringMatching(/needs a parent/) }]),
    )
    await app.payload.update({
      collection: 'participants',
      id: ministry.id,
      data: { country: 'KZ', parent: f.kazakhstan.id },
      draft: true,
    })
    expect(await publishLocal('participants', ministry.id)).toEqual([])
  })
})

describe('mechanics', () => {
  it('never checks a draft save or an autosave', async () => {
    const photo = await f.photo({ alt: null, credit: { line: '', kind: null, issuer: null } })
    const article = await draftArticle({
      title: 'Work in progress',
      heroPhoto: photo.id,
      body: doc(quote({ text: 'unattributed' })),
    })
    const autosave = await app.rest.patch(
      `/articles/${article.id}?draft=true&autosave=true`,
      { title: 'Work in progress, saved again' },
      { token },
    )
    expect(autosave.status).toBe(200)
    const report = await preflight('articles', article.id)
    expect(report.ok).toBe(false)
  })

  it('keeps the editor’s latest content as the draft when a publish is refused, and the published version stays live', async () => {
    const article = await draftArticle(validArticle())
    expect(await publishLocal('articles', article.id)).toEqual([])
    const uncredited = await f.photo({ credit: { line: '' } })
    const refused = await app.rest.patch(
      `/articles/${article.id}`,
      { title: 'A new headline the editor wrote', heroPhoto: uncredited.id, _status: 'published' },
      { token },
    )
    expect(refused.status).toBe(400)
    expect(refused.json.errors[0].data.errors).toEqual([
      { path: 'heroPhoto', message: expect.stringMatching(/has no credit line/) },
    ])

    const latest = await app.rest.get(`/articles/${article.id}?draft=true&depth=0`, { token })
    expect(latest.json.title).toBe('A new headline the editor wrote')
    expect(latest.json.heroPhoto).toBe(uncredited.id)
    const live = await app.rest.get(`/articles/${article.id}?depth=0`, { token: null })
    expect(live.json.title).toBe(article.title)
    expect(live.json._status).toBe('published')
  })

  it('refuses a publish through GraphQL with the same messages', async () => {
    const photo = await f.photo({ alt: null })
    const article = await draftArticle({ ...validArticle(), heroPhoto: photo.id })
    const { json } = await app.rest.graphql(
      `mutation ($id: Int!) { updateArticle(id: $id, data: { _status: published }) { id _status } }`,
      { id: article.id },
      { token },
    )
    expect(json.errors?.[0]?.message).toMatch(/invalid/i)
    expect(JSON.stringify(json.errors)).toMatch(/has no alt text/)
    expect((await app.payload.findByID({ collection: 'articles', id: article.id, draft: true }))._status).toBe('draft')
  })

  it('refuses to create an article that is published straight away with errors', async () => {
    const photo = await f.photo({ credit: { kind: null } })
    const response = await app.rest.post(
      '/articles',
      { ...validArticle(), heroPhoto: photo.id, _status: 'published' },
      { token },
    )
    expect(response.status).toBe(400)
    expect(response.json.errors[0].data.errors[0]).toMatchObject({
      path: 'heroPhoto',
      message: expect.stringMatching(/has no kind of credit/),
    })
  })

  it('fails a scheduled publish of an article that breaks a rule and leaves it unpublished', async () => {
    const photo = await f.photo({ credit: { line: '' } })
    const article = await draftArticle({ ...validArticle(), heroPhoto: photo.id })
    const good = await draftArticle(validArticle())
    const schedule = (id: number) =>
      app.payload.jobs.queue({
        task: 'schedulePublish',
        input: { type: 'publish', doc: { relationTo: 'articles', value: String(id) } },
        waitUntil: new Date(Date.now() - 1000),
      } as never)
    const refusedJob = await schedule(article.id)
    await schedule(good.id)
    await app.payload.jobs.run({ allQueues: true } as never)

    expect((await app.payload.findByID({ collection: 'articles', id: article.id, draft: true }))._status).toBe('draft')
    expect((await app.rest.get(`/articles/${article.id}`, { token: null })).status).toBe(404)
    const job = await app.payload.findByID({ collection: 'payload-jobs', id: refusedJob.id })
    expect(job.hasError).toBe(true)
    expect(JSON.stringify(job.log ?? job.error)).toMatch(/invalid|credit line/i)
    expect((await app.payload.findByID({ collection: 'articles', id: good.id }))._status).toBe('published')
  })

  it('preflight is for signed-in users only', async () => {
    const article = await draftArticle(validArticle())
    expect((await app.rest.get(`/articles/${article.id}/preflight`, { token: null })).status).toBe(401)
    expect((await app.rest.get(`/articles/999999/preflight`, { token })).status).toBe(404)
  })
})
