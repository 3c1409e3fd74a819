import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { evaluatePublish } from '../src/gate/evaluate.ts'
import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { createGateFixtures, type GateFixtures } from './helpers/gateFixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { countQueries } from './helpers/queries.ts'

let app: TestApp
let f: GateFixtures

beforeAll(async () => {
  app = await startTestApp('gate_queries')
  f = await createGateFixtures(app.payload)
})

afterAll(async () => {
  await app?.close()
})

/** An article with `n` photos in the body and `n` quotes attributed to the statement. */
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
    // photos, statements, participants: one query each
    expect(one.count).toBeLessThanOrEqual(3)

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
