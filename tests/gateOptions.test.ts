import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { GateRule } from '../src/plugins/newsroom/index.ts'

import { doc, paragraph, quote } from '../src/demo/lexicalBuilders.ts'
import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { startHostApp } from './helpers/hostApp.ts'

/** The example custom rule: quoting a statement means citing it. */
const quotedStatementsAreCited: GateRule = {
  id: 'quoted-statement-cited',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'An article quoting a joint statement cites it in `statements`.',
  check: ({ doc, quotes, slugs, statements }) => {
    const cited = new Set((Array.isArray(doc.statements) ? doc.statements : []).map(String))
    return quotes
      .filter((q) => q.attributedTo?.relationTo === slugs.jointStatements && !cited.has(String(q.attributedTo.value)))
      .map((q) => ({
        path: 'statements',
        message: `Quote ${q.number} comes from “${statements.get(String(q.attributedTo!.value))?.title ?? 'a statement'}”, which the article does not cite.`,
      }))
  },
}

let host: Awaited<ReturnType<typeof startHostApp>>
let f: GateFixtures

beforeAll(async () => {
  host = await startHostApp('gate_options', {
    gate: {
      rules: { 'photo-alt': 'warning', 'byline-dateline': 'off' },
      customRules: [quotedStatementsAreCited],
      extraMinistryWording: ['Press Office'],
    },
  })
  f = await createGateFixtures(host.payload)
})

afterAll(async () => {
  await host?.close()
})

async function publish(data: Record<string, unknown>) {
  const article = await host.payload.create({
    collection: 'articles',
    data: { title: `Options ${Math.random()}`, _status: 'draft', ...data } as never,
    draft: true,
  })
  try {
    await host.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } })
    return { published: true, errors: [] as { path: string; message: string }[] }
  } catch (error) {
    return {
      published: false,
      errors: (error as { data: { errors: { path: string; message: string }[] } }).data.errors,
    }
  }
}

describe('publish gate options', () => {
  it('lowers a rule to a warning', async () => {
    const photo = await f.photo({ alt: null })
    expect(await publish({ heroPhoto: photo.id, byline: 'Desk', dateline: 'ASTANA' })).toEqual({
      published: true,
      errors: [],
    })
  })

  it('turns a rule off', async () => {
    const { payload } = host
    const article = await payload.create({
      collection: 'articles',
      data: { title: 'No byline', _status: 'draft' },
      draft: true,
    })
    const { evaluatePublish } = await import('../src/gate/evaluate.ts')
    const { createLocalReq } = await import('payload')
    const { resolveOptions } = await import('../src/plugins/newsroom/resolveOptions.ts')
    const report = await evaluatePublish({
      req: await createLocalReq({}, payload),
      target: 'articles',
      doc: article as never,
      options: resolveOptions({ gate: { rules: { 'byline-dateline': 'off' } } }),
    })
    expect(report.warnings.map((w) => w.rule)).not.toContain('byline-dateline')
    expect(report.ok).toBe(true)
  })

  it('runs a custom rule, and a failing custom rule blocks publishing', async () => {
    const body = doc(
      quote({
        text: 'should be universally respected and complied with',
        attributedTo: { relationTo: 'joint-statements', value: f.statement.id },
      }),
    )
    const participants = [f.iran, f.russia, f.turkiye].map((p) => ({ participant: p.id, role: 'guarantor' }))
    const refused = await publish({ body, participants })
    expect(refused.published).toBe(false)
    expect(refused.errors).toEqual([
      {
        path: 'statements',
        message: 'Quote 1 comes from “Joint statement of Iran, Russia and Türkiye”, which the article does not cite.',
      },
    ])
    expect(await publish({ body, participants, statements: [f.statement.id] })).toEqual({ published: true, errors: [] })
  })

  it('adds ministry wording', async () => {
    const photo = await f.photo({
      credit: { line: 'Presidential Press Office', kind: 'handout', issuer: f.kazakhstan.id },
    })
    const result = await publish({ heroPhoto: photo.id })
    expect(result.errors[0]?.message).toMatch(/names a ministry but its issuer 'Republic of Kazakhstan'/)
  })

  it('refuses options that name an unknown rule, or two rules with one id', () => {
    expect(() => newsroomPlugin({ gate: { rules: { 'photo-alt-text': 'off' } } })({} as never)).toThrow(
      /"photo-alt-text", which is not a rule/,
    )
    expect(() =>
      newsroomPlugin({ gate: { customRules: [{ ...quotedStatementsAreCited, id: 'photo-alt' }] } })({} as never),
    ).toThrow(/two publish rules have the id "photo-alt"/)
  })

  it('serves the preflight report with the configured severities', async () => {
    await host.payload.create({
      collection: 'users',
      data: { email: 'ed@host.test', password: 'pw-123456', roles: ['editor'] },
    })
    await host.rest.login('ed@host.test', 'pw-123456')
    const photo = await f.photo({ alt: null })
    const article = await host.payload.create({
      collection: 'articles',
      data: { title: 'Preflight', heroPhoto: photo.id, body: doc(paragraph('x')) as never, _status: 'draft' },
      draft: true,
    })
    const { json } = await host.rest.get(`/articles/${article.id}/preflight`)
    expect(json.ok).toBe(true)
    expect(json.warnings).toEqual([
      { rule: 'photo-alt', severity: 'warning', path: 'heroPhoto', message: expect.stringMatching(/has no alt text/) },
    ])
  })
})
