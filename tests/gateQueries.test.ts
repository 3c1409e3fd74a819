import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { evaluatePublish } from '../src/gate/evaluate.ts'
import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { countQueries } from './helpers/queries.ts'

let app: TestApp
let f: GateFixtures

/** A ministry's comment in Russian with its official English translation, quoted in each article too. */
let comment: { id: number }

beforeAll(async () => {
  app = await startTestApp('gate_queries')
  f = await createGateFixtures(app.payload)
  comment = await app.payload.create({
    collection: 'statements',
    data: {
      title: 'Comment of the Foreign Ministry on the talks',
      issuer: f.kazakhMfa.id,
      kind: 'official-comment',
      language: 'ru',
      text: doc(paragraph('Следующий раунд состоится в Астане осенью.')) as never,
      translations: [
        { language: 'en', text: doc(paragraph('The next round will be held in Astana in the autumn.')) as never },
        { language: 'kk', text: doc(paragraph('Келесі раунд күзде Астанада өтеді.')) as never, official: false },
      ],
      _status: 'published',
    } as never,
  })
})

afterAll(async () => {
  await app?.close()
})

/**
 * An article with `n` photos in the body, `n` quotes attributed to the joint statement and `n` to
 * the ministry's comment (checked against its English translation).
 */
async function articleWith(n: number) {
  const photos = []
  for (let i = 0; i < n; i += 1) photos.push(await f.photo())
  const nodes = photos.flatMap((photo) => [
    paragraph('A paragraph between photos.'),
    upload('photos', photo.id),
    quote({
      text: 'should be universally respected and complied with',
      attributedTo: { relationTo: 'joint-statements', value: f.statement.id },
      manner: 'joint-statement',
    }),
    quote({
      text: 'The next round will be held in Astana',
      attributedTo: { relationTo: 'statements', value: comment.id },
      manner: 'official-comment',
    }),
  ])
  return app.payload.create({
    collection: 'articles',
    data: {
      title: `Article with ${n} photos and quotes`,
      dateline: 'ASTANA',
      byline: 'Desk',
      heroPhoto: photos[0]!.id,
      body: doc(...nodes) as never,
      participants: [f.iran, f.russia, f.turkiye].map((p) => ({ participant: p.id, role: 'guarantor' as const })),
      statements: [f.statement.id],
      _status: 'draft',
    },
    draft: true,
  })
}

describe('the publish gate’s database work', () => {
  it('uses the same number of queries for 1 and for 50 photos and quotes', async () => {
    const small = await articleWith(1)
    const large = await articleWith(50)
    const options = resolveOptions({}, 'users')
    const { createLocalReq } = await import('payload')

    const gateQueries = async (article: { id: number }) => {
      const stored = await app.payload.findByID({ collection: 'articles', id: article.id, draft: true, depth: 0 })
      const req = await createLocalReq({}, app.payload)
      let report
      const counted = await countQueries(async () => {
        report = await evaluatePublish({ req, target: 'articles', doc: stored as never, options })
      })
      return { ...counted, report: report! as { ok: boolean } }
    }
    const one = await gateQueries(small)
    const fifty = await gateQueries(large)
    console.log(`[gate] queries for the checks: 1 photo+quote → ${one.count}, 50 photos+quotes → ${fifty.count}`)
    expect(one.report.ok).toBe(true)
    expect(fifty.report.ok).toBe(true)
    expect(fifty.count).toBe(one.count)
    // photos, joint statements, statements, participants: one query each, translations included
    expect(one.count).toBeLessThanOrEqual(4)

    const publish = (article: { id: number }) =>
      countQueries(() =>
        app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' }, depth: 0 }),
      )
    const publishOne = await publish(small)
    const publishFifty = await publish(large)
    console.log(`[gate] queries for a whole publish: 1 → ${publishOne.count}, 50 → ${publishFifty.count}`)
    expect(publishFifty.count).toBe(publishOne.count)
  })
})
