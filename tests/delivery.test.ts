import jsonld from 'jsonld'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, quote, text, upload } from '../src/demo/lexicalBuilders.ts'
import { DESK_TRANSLATED_QUOTE, DRAFT_ARTICLE_SLUG, PUBLISHED_ARTICLE_SLUG } from '../src/demo/demoContent.ts'
import { makeJpeg } from './helpers/images.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let editor: string

beforeAll(async () => {
  app = await startTestApp('delivery', { seed: true })
  editor = await app.rest.login('editor@newsroom.test', 'newsroom-editor')
  app.rest.token = undefined
})

afterAll(async () => {
  await app?.close()
})

const anonymous = { token: null }

describe('JSON-LD', () => {
  it('describes the demo article as a NewsArticle with credited images, citations, mentions and quotations', async () => {
    const response = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, anonymous)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/ld\+json/)
    const ld = response.json
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Kazakhstan ends the Astana talks on Syria after their 20th round',
      datePublished: '2023-06-21T15:00:00.000Z',
      dateline: 'ASTANA',
      author: [{ '@type': 'Organization', name: 'Diplomacy desk' }],
    })
    expect(ld.dateModified).toBeTruthy()
    expect(ld.image).toHaveLength(5)
    expect(ld.image[0]).toMatchObject({
      '@type': 'ImageObject',
      contentUrl: expect.stringMatching(/^http:\/\/localhost\/api\/photos\/file\/astana-syria-talks-plenary\.jpg$/),
      caption: 'Syrian talks in Astana.',
      creditText: 'Ministry of Foreign Affairs',
      copyrightHolder: {
        '@type': 'GovernmentOrganization',
        name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
      },
    })
    expect(ld.citation).toEqual([
      expect.objectContaining({
        '@type': 'CreativeWork',
        name: expect.stringMatching(/^Joint statement of Iran, Russia and Türkiye/),
      }),
    ])
    expect(ld.mentions).toContainEqual({
      '@type': 'Country',
      name: 'Republic of Kazakhstan',
      alternateName: 'Kazakhstan',
      sameAs: 'https://www.wikidata.org/wiki/Q232',
    })
    expect(ld.hasPart).toHaveLength(3)
    const part = (text: string) =>
      (ld.hasPart as { text: string }[]).find((quotation) => quotation.text.startsWith(text))
    expect(ld.hasPart[0]).toMatchObject({
      '@type': 'Quotation',
      creator: [
        { '@type': 'GovernmentOrganization', name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan' },
      ],
    })
    expect(part('should be universally respected')).toMatchObject({
      '@type': 'Quotation',
      text: 'should be universally respected and complied with',
      isBasedOn: { '@type': 'CreativeWork' },
      creator: expect.arrayContaining([
        expect.objectContaining({ name: 'Russian Federation', sameAs: 'https://www.wikidata.org/wiki/Q159' }),
      ]),
    })
    // The quotation the desk translated from the statement's Russian text says so.
    expect(part(DESK_TRANSLATED_QUOTE.text)).toMatchObject({
      '@type': 'Quotation',
      inLanguage: 'en',
      translationOfWork: { '@type': 'CreativeWork', inLanguage: 'ru' },
    })
  })

  it('expands cleanly with a JSON-LD processor', async () => {
    const { json } = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/jsonld`, anonymous)
    // schema.org's context is not fetched from the network: the same terms are expanded with a local vocabulary.
    const local = { ...json, '@context': { '@vocab': 'https://schema.org/' } }
    const expanded = (await jsonld.expand(local, { safe: true } as jsonld.Options.Expand)) as unknown as Record<
      string,
      unknown
    >[]
    expect(expanded).toHaveLength(1)
    const node = expanded[0] as Record<string, unknown>
    expect(node['@type']).toEqual(['https://schema.org/NewsArticle'])
    expect(node['https://schema.org/headline']).toEqual([
      { '@value': 'Kazakhstan ends the Astana talks on Syria after their 20th round' },
    ])
    expect((node['https://schema.org/image'] as unknown[]).length).toBe(5)
    expect(JSON.stringify(expanded)).toContain('https://schema.org/creditText')
  })

  it('is served for published articles only, by id or slug', async () => {
    const { docs } = await app.payload.find({
      collection: 'articles',
      where: { slug: { equals: PUBLISHED_ARTICLE_SLUG } },
    })
    expect((await app.rest.get(`/articles/${docs[0]!.id}/jsonld`, anonymous)).status).toBe(200)
    expect((await app.rest.get(`/articles/${DRAFT_ARTICLE_SLUG}/jsonld`, anonymous)).status).toBe(404)
    expect((await app.rest.get(`/articles/${DRAFT_ARTICLE_SLUG}/jsonld`, { token: editor })).status).toBe(404)
    expect((await app.rest.get(`/articles/${DRAFT_ARTICLE_SLUG}/html`, { token: editor })).status).toBe(404)
  })
})

describe('HTML', () => {
  it('renders photos as figures with their credit and quotations with their attribution', async () => {
    const response = await app.rest.get(`/articles/${PUBLISHED_ARTICLE_SLUG}/html`, anonymous)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = response.text
    expect(html.match(/<figure class="photo"/g)).toHaveLength(4)
    expect(html.match(/<span class="credit">Photo credit: Ministry of Foreign Affairs<\/span>/g)).toHaveLength(4)
    expect(html).toContain(
      '<figcaption><span class="caption">Representatives of Türkiye.</span> <span class="credit">Photo credit: Ministry of Foreign Affairs</span></figcaption>',
    )
    expect(html).toMatch(
      /<blockquote><p>initial goals of creating de-escalation zones.*<\/p><\/blockquote><figcaption>— <cite>Ministry of Foreign Affairs of the Republic of Kazakhstan<\/cite>, official comment, <time datetime="2023-06-21">2023-06-21<\/time><\/figcaption>/,
    )
    expect(html).toMatch(/<cite>Joint statement of Iran, Russia and Türkiye/)
  })

  it('escapes markup in captions, credits, quotations and text, and drops unsafe links', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    const data = await makeJpeg(60, 40)
    const photo = await app.payload.create({
      collection: 'photos',
      data: { alt: `"><svg onload=alert(1)>`, caption: hostile, credit: { line: `Agency ${hostile}`, kind: 'agency' } },
      file: { data, mimetype: 'image/jpeg', name: 'hostile.jpg', size: data.length },
    })
    const ministry = (await app.payload.find({ collection: 'participants', where: { kind: { equals: 'ministry' } } }))
      .docs[0]!
    const link = {
      type: 'link',
      fields: { url: 'javascript:alert(1)', linkType: 'custom' },
      children: [text('click')],
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 3,
    }
    await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Hostile text',
        slug: 'hostile-text',
        byline: 'Desk',
        dateline: 'X',
        body: doc(
          paragraph(hostile),
          paragraph(link as never),
          upload('photos', photo.id),
          quote({
            text: hostile,
            attributedTo: { relationTo: 'participants', value: ministry.id },
            manner: 'statement',
          }),
        ) as never,
        _status: 'published',
      },
    })
    const { text: html } = await app.rest.get('/articles/hostile-text/html', anonymous)
    // markup survives only as escaped text: no tag, attribute or script URL of its own
    expect(html).not.toMatch(/<script|<img src=x|<svg|"\s*onerror=|href="javascript:/i)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('alt="&quot;&gt;&lt;svg onload=alert(1)&gt;"')
    expect(html).toContain('Photo credit: Agency &lt;script&gt;')
  })
})

describe('GraphQL', () => {
  it('serves the article with its photo credits, participants and statements', async () => {
    const { json } = await app.rest.graphql(
      `query ($slug: String!) { Articles(where: { slug: { equals: $slug } }) { docs { title heroPhoto { alt credit { line kind issuer { name country } } } participants { role participant { name } } statements { title } } } }`,
      { slug: PUBLISHED_ARTICLE_SLUG },
      anonymous,
    )
    expect(json.errors).toBeUndefined()
    const article = json.data.Articles.docs[0]
    expect(article.heroPhoto.credit).toEqual({
      line: 'Ministry of Foreign Affairs',
      kind: 'handout',
      issuer: { name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan', country: 'KZ' },
    })
    expect(article.participants).toHaveLength(7)
    expect(article.statements[0].title).toMatch(/^Joint statement/)
  })
})

describe('no draft reaches the public', () => {
  let article: { id: number }
  let statement: { id: number }
  let participant: { id: number }

  beforeAll(async () => {
    participant = await app.payload.create({
      collection: 'participants',
      data: { name: 'Soon unpublished delegation', kind: 'delegation', _status: 'published' },
    })
    const signatories = (
      await app.payload.find({ collection: 'participants', where: { kind: { equals: 'state' } }, limit: 2 })
    ).docs.map((d) => d.id)
    statement = await app.payload.create({
      collection: 'joint-statements',
      data: {
        title: 'Statement later withdrawn',
        signatories,
        text: doc(paragraph('We agree on a text.')) as never,
        _status: 'published',
      },
    })
    article = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Live story',
        slug: 'live-story',
        byline: 'Desk',
        dateline: 'ASTANA',
        body: doc(
          paragraph('Text.'),
          quote({
            text: 'We agree on a text.',
            attributedTo: { relationTo: 'joint-statements', value: statement.id },
            manner: 'joint-statement',
          }),
          { type: 'relationship', relationTo: 'participants', value: participant.id, format: '', version: 2 } as never,
        ) as never,
        participants: [{ participant: participant.id, role: 'observer' }],
        statements: [statement.id],
        _status: 'published',
      },
    })
    // An editor works on a new draft of the live story, and the cited statement and participant are unpublished.
    await app.payload.update({
      collection: 'articles',
      id: article.id,
      data: { title: 'Unpublished new headline' },
      draft: true,
    })
    await app.payload.update({
      collection: 'joint-statements',
      id: statement.id,
      data: { _status: 'draft', title: 'Withdrawn draft title' },
      // Unpublishing what a live article cites needs the editor's confirmation.
      context: { acknowledgeLiveImpact: true },
    })
    await app.payload.update({
      collection: 'participants',
      id: participant.id,
      data: { _status: 'draft', name: 'Secret delegation name' },
      context: { acknowledgeLiveImpact: true },
    })
  })

  const leaks = (body: string) =>
    [
      'Unpublished new headline',
      'Withdrawn draft title',
      'Secret delegation name',
      'Astana could host Syria talks again',
    ].filter((secret) => body.includes(secret))

  it('through REST list, by-id, ?draft=true and counts', async () => {
    for (const path of [
      '/articles',
      '/articles?draft=true',
      `/articles/${article.id}`,
      `/articles/${article.id}?draft=true`,
      `/articles/${article.id}?draft=true&depth=2`,
      '/articles?depth=2&draft=true&limit=100',
      `/joint-statements/${statement.id}`,
      `/joint-statements?draft=true`,
      `/participants/${participant.id}?draft=true`,
    ] as const) {
      const response = await app.rest.get(path, anonymous)
      expect(leaks(response.text), path).toEqual([])
    }
    expect((await app.rest.get(`/articles/${article.id}?draft=true`, anonymous)).json.title).toBe('Live story')
    const count = await app.rest.get('/articles/count', anonymous)
    const published = await app.payload.count({ collection: 'articles', where: { _status: { equals: 'published' } } })
    expect(count.json.totalDocs).toBe(published.totalDocs)
  })

  it('through version endpoints', async () => {
    expect((await app.rest.get('/articles/versions', anonymous)).status).toBe(403)
    expect((await app.rest.get('/joint-statements/versions', anonymous)).status).toBe(403)
  })

  it('through relationships populated with depth, and references inside rich text', async () => {
    for (const depth of [0, 1, 2]) {
      const { json, text: body } = await app.rest.get(`/articles/${article.id}?depth=${depth}`, anonymous)
      expect(leaks(body), `depth ${depth}`).toEqual([])
      expect(json.statements, `depth ${depth}`).toEqual([])
      expect(json.participants, `depth ${depth}`).toEqual([])
      const quoteNode = json.body.root.children.find((n: { type: string }) => n.type === 'block')
      expect(quoteNode.fields.attributedTo, `depth ${depth}`).toBeNull()
      const relationshipNode = json.body.root.children.find((n: { type: string }) => n.type === 'relationship')
      expect(relationshipNode.value, `depth ${depth}`).toBeNull()
    }
    // the desk still sees everything
    const { json } = await app.rest.get(`/articles/${article.id}?depth=1`, { token: editor })
    expect(json.statements[0].title).toBe('Withdrawn draft title')
  })

  it('through GraphQL', async () => {
    const { json } = await app.rest.graphql(
      `{ Articles(draft: true, limit: 100) { docs { title statements { title } participants { participant { name } } } } Article(id: ${article.id}, draft: true) { title } JointStatements(draft: true) { docs { title } } }`,
      undefined,
      anonymous,
    )
    expect(leaks(JSON.stringify(json))).toEqual([])
    expect(json.data.Article.title).toBe('Live story')
    const versions = await app.rest.graphql(`{ versionsArticles { docs { id } } }`, undefined, anonymous)
    expect(versions.json.errors?.[0]?.message).toMatch(/not allowed/i)
  })

  it('through the JSON-LD and HTML endpoints', async () => {
    for (const output of ['jsonld', 'html']) {
      const response = await app.rest.get(`/articles/live-story/${output}`, { token: editor })
      expect(response.status).toBe(200)
      expect(leaks(response.text), output).toEqual([])
    }
  })
})
