import fc from 'fast-check'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { evaluatePublish } from '../src/gate/evaluate.ts'
import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let f: GateFixtures
let token: string
let photoId: number
const options = resolveOptions({}, 'users')

beforeAll(async () => {
  app = await startTestApp('hostile_input')
  f = await createGateFixtures(app.payload)
  photoId = (await f.photo()).id
  await createUser(app.payload, 'editor@newsroom.test', ['editor'])
  token = await app.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
  app.rest.token = undefined
})

afterAll(async () => {
  await app?.close()
})

const gate = async (article: Record<string, unknown>) =>
  evaluatePublish({ req: await createLocalReq({}, app.payload), target: 'articles', doc: article, options })

/** Ids as a hostile or careless client sends them: of the wrong type, negative, huge, of other collections. */
const anyId = () =>
  fc.oneof(
    fc.integer({ min: -5, max: 2_000_000_000 }),
    fc.string({ maxLength: 12 }),
    fc.double(),
    fc.constantFrom(null, true, [], {}, { id: 'x' }, { relationTo: 'users', value: 1 }),
    fc
      .constantFrom(
        () => photoId,
        () => f.statement.id,
        () => f.iran.id,
      )
      .map((id) => id()),
  )

/** Lexical-like JSON: real node types mixed with nonsense, relation values of any kind. */
const lexicalNode: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constant('text'), text: fc.string({ unit: 'binary', maxLength: 40 }) }),
    fc.record({
      type: fc.constantFrom('paragraph', 'heading', 'list', 'listitem', 'quote', 'link', 'mystery'),
      children: fc.array(tie('node'), { maxLength: 4 }),
    }),
    fc.record({
      type: fc.constant('upload'),
      relationTo: fc.constantFrom('photos', 'users', 'articles', 42),
      value: anyId(),
    }),
    fc.record({
      type: fc.constant('relationship'),
      relationTo: fc.constantFrom('participants', 'joint-statements', 'nope'),
      value: anyId(),
    }),
    fc.record({
      type: fc.constant('block'),
      fields: fc.record({
        blockType: fc.constantFrom('quote', 'unknown', ''),
        text: fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer(), fc.constant(null)),
        attributedTo: fc.oneof(
          fc.constant(null),
          fc.record({ relationTo: fc.constantFrom('participants', 'joint-statements', 'photos'), value: anyId() }),
          fc.jsonValue(),
        ),
        manner: fc.oneof(fc.constantFrom('joint-statement', 'official-comment'), fc.string()),
      }),
    }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).node

const hostileArticle = fc.record(
  {
    // Mostly plausible values, so the deeper paths (the gate, the snapshot) are reached as well.
    title: fc.oneof(
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), weight: 8 },
      fc.integer(),
      fc.constant(null),
    ),
    heroPhoto: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, anyId()),
    body: fc.oneof(
      {
        arbitrary: fc.record({
          root: fc.record({ type: fc.constant('root'), children: fc.array(lexicalNode, { maxLength: 6 }) }),
        }),
        weight: 6,
      },
      fc.jsonValue({ maxDepth: 3 }),
    ),
    participants: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      fc.array(
        fc.record({
          participant: anyId(),
          role: fc.oneof(fc.constantFrom('host', 'guarantor'), fc.string({ maxLength: 10 })),
        }),
        { maxLength: 4 },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    statements: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      fc.array(anyId(), { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    dateline: fc.oneof(fc.string(), fc.constant(undefined)),
  },
  { requiredKeys: [] },
)

describe('the publish gate on hostile input', () => {
  it('always returns a verdict, never throws, and gives the same verdict twice', async () => {
    await fc.assert(
      fc.asyncProperty(hostileArticle, async (article) => {
        const first = await gate(article)
        const second = await gate(structuredClone(article))
        expect(typeof first.ok).toBe('boolean')
        expect(second).toEqual(first)
        for (const finding of [...first.errors, ...first.warnings])
          expect(finding.message).not.toMatch(/^The check .* failed/)
      }),
      { numRuns: 150 },
    )
  }, 120_000)

  it('judges a 10,000-node body and a body nested 500 deep, quickly and correctly', async () => {
    const wide = doc(...Array.from({ length: 5_000 }, (_, i) => paragraph(`Paragraph ${i} of a very long report.`)))
    let deep: Record<string, unknown> = { type: 'text', text: 'the bottom' }
    for (let level = 0; level < 500; level += 1) deep = { type: level % 2 ? 'list' : 'listitem', children: [deep] }
    const nested = { root: { type: 'root', children: [deep] } }
    for (const body of [wide, nested]) {
      const started = Date.now()
      const report = await gate({ title: 'Long', dateline: 'ASTANA', byline: 'Desk', body })
      expect(report.ok, JSON.stringify(report.errors.slice(0, 2))).toBe(true)
      expect(Date.now() - started).toBeLessThan(10_000)
    }
    // The same long body with one misquote deep inside is refused for it.
    const withMisquote = doc(
      ...wide.root.children,
      quote({
        text: 'should be universally ignored',
        attributedTo: { relationTo: 'joint-statements', value: f.statement.id },
        manner: 'joint-statement',
      }),
    )
    const refused = await gate({
      title: 'Long',
      dateline: 'ASTANA',
      byline: 'Desk',
      body: withMisquote,
      participants: [f.iran, f.russia, f.turkiye].map((p) => ({ participant: p.id, role: 'guarantor' })),
    })
    expect(refused.errors.map((e) => e.rule)).toContain('quote-in-statement')
  }, 60_000)

  it('refuses credit lines with hidden characters or look-alike letters, wherever they are put', async () => {
    const invisible = fc.constantFrom(
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u202E',
      '\u2066',
      '\uFEFF',
      '\u00AD',
    )
    const line = 'Ministry of Foreign Affairs'
    await fc.assert(
      fc.asyncProperty(invisible, fc.integer({ min: 0, max: line.length }), async (char, at) => {
        await app.payload.update({
          collection: 'photos',
          id: photoId,
          data: { credit: { line: line.slice(0, at) + char + line.slice(at) } } as never,
        })
        const report = await gate({
          title: 'Handout',
          dateline: 'ASTANA',
          byline: 'Desk',
          heroPhoto: photoId,
          body: doc(paragraph('Text.')),
        })
        expect(report.ok).toBe(false)
        expect(report.errors.find((e) => e.rule === 'deceptive-characters')?.message).toMatch(
          /invisible characters \(.+ U\+[0-9A-F]{4}\)/,
        )
      }),
      { numRuns: 25 },
    )
    // Latin letters swapped for Cyrillic or Greek look-alikes.
    const homoglyphs: [string, string][] = [
      ['M', 'М'],
      ['i', 'і'],
      ['o', 'о'],
      ['e', 'е'],
      ['a', 'а'],
      ['A', 'Α'],
      ['y', 'у'],
    ]
    for (const [latin, lookalike] of homoglyphs) {
      const spoofed = line.replace(latin, lookalike)
      await app.payload.update({ collection: 'photos', id: photoId, data: { credit: { line: spoofed } } as never })
      const report = await gate({
        title: 'Handout',
        dateline: 'ASTANA',
        byline: 'Desk',
        heroPhoto: photoId,
        body: doc(paragraph('Text.')),
      })
      expect(report.ok, spoofed).toBe(false)
      expect(report.errors.find((e) => e.rule === 'deceptive-characters')?.message).toMatch(
        /mixes (Latin|Cyrillic|Greek) and (Latin|Cyrillic|Greek) letters/,
      )
    }
    await app.payload.update({ collection: 'photos', id: photoId, data: { credit: { line } } as never })
    expect(
      (
        await gate({
          title: 'Handout',
          dateline: 'ASTANA',
          byline: 'Desk',
          heroPhoto: photoId,
          body: doc(paragraph('Text.'), upload('photos', photoId)),
        })
      ).ok,
    ).toBe(true)
  }, 120_000)

  it('matches quotations whatever their Unicode form, and refuses hidden characters and look-alikes in them', async () => {
    const base = {
      title: 'Quotes',
      dateline: 'ASTANA',
      byline: 'Desk',
      participants: [f.iran, f.russia, f.turkiye].map((p) => ({ participant: p.id, role: 'guarantor' })),
    }
    const quoted = (text: string) =>
      gate({
        ...base,
        body: doc(
          quote({
            text,
            attributedTo: { relationTo: 'joint-statements', value: f.statement.id },
            manner: 'joint-statement',
          }),
        ),
      })
    const sentence = "should be universally respected and complied with, including Syria's sovereignty"
    // Decomposed and composed forms, typographic apostrophes: the same words, accepted.
    for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const)
      expect((await quoted(sentence.replace("'", '\u2019').normalize(form))).ok, form).toBe(true)
    const rtl = await quoted(`should be universally\u200F respected and complied with`)
    expect(rtl.errors.map((e) => e.rule)).toEqual(['deceptive-characters'])
    const lookalike = await quoted('should be univеrsally respected and complied with') // Cyrillic е
    expect(lookalike.errors.map((e) => e.rule).sort()).toEqual(['deceptive-characters', 'quote-in-statement'])
  }, 60_000)
})

describe('the REST API on hostile input', () => {
  it('answers every malformed article with a clear 4xx or a verdict, never a 500', async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(
        hostileArticle,
        fc.oneof({ arbitrary: fc.constant('draft'), weight: 4 }, fc.constantFrom('published', 'nonsense', 7)),
        async (article, status) => {
          const response = await app.rest.post('/articles?depth=0', { ...article, _status: status }, { token })
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
          expect(response.status, JSON.stringify(response.json)?.slice(0, 400)).toBeLessThan(500)
          if (response.status >= 400) expect(JSON.stringify(response.json)).toMatch(/"message":"[^"]+/)
        },
      ),
      { numRuns: 120 },
    )
    console.log(`[hostile REST] statuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`)
  }, 180_000)

  it('publishes a 10,000-node body and takes a 500-deep one through REST without a server error', async () => {
    const wide = doc(...Array.from({ length: 5_000 }, (_, i) => paragraph(`Paragraph ${i} of a very long report.`)))
    let started = Date.now()
    const published = await app.rest.post(
      '/articles?depth=0',
      { title: 'Very long report', dateline: 'ASTANA', byline: 'Desk', body: wide, _status: 'published' },
      { token },
    )
    expect(published.status, JSON.stringify(published.json)?.slice(0, 300)).toBe(201)
    expect(Date.now() - started).toBeLessThan(60_000)
    expect((await app.rest.get(`/articles/${published.json.doc.slug}`, { token: null })).status).toBe(200)

    let deep: Record<string, unknown> = { type: 'text', text: 'the bottom', version: 1 }
    for (let level = 0; level < 500; level += 1) deep = { type: 'paragraph', version: 1, children: [deep] }
    started = Date.now()
    const nested = await app.rest.post(
      '/articles?depth=0',
      {
        title: 'Deeply nested',
        dateline: 'ASTANA',
        byline: 'Desk',
        body: { root: { type: 'root', version: 1, children: [deep] } },
        _status: 'draft',
      },
      { token },
    )
    expect(nested.status).toBeLessThan(500)
    expect(Date.now() - started).toBeLessThan(60_000)
    // 1,500 levels is past what the plugin accepts: a clear 400.
    for (let level = 0; level < 1_000; level += 1) deep = { type: 'paragraph', version: 1, children: [deep] }
    const tooDeep = await app.rest.post(
      '/articles?depth=0',
      { title: 'Too deep', body: { root: { type: 'root', children: [deep] } }, _status: 'draft' },
      { token },
    )
    expect(tooDeep.status).toBe(400)
    expect(JSON.stringify(tooDeep.json)).toMatch(/nested more than 1000 levels deep/)
  }, 180_000)

  it('answers ids of the wrong type or of other collections with 4xx', async () => {
    for (const id of ['abc', '-1', '1.5', '99999999999999999999', "1' or '1'='1", '%00']) {
      const response = await app.rest.get(`/articles/${encodeURIComponent(id)}?depth=0`, { token })
      expect(response.status, id).toBeGreaterThanOrEqual(400)
      expect(response.status, id).toBeLessThan(500)
    }
    const photoAsHero = await app.rest.post(
      '/articles',
      { title: 'Wrong relation', heroPhoto: f.statement.id * 1000 + 7, _status: 'draft' },
      { token },
    )
    expect(photoAsHero.status).toBe(400)
  })
})
