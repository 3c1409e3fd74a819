/**
 * The check that keeps live articles true to their sources, with 1, 100 and 1,000 published
 * articles quoting one joint statement, for an edit of the statement that breaks every quotation:
 *
 *   node --import tsx bench/liveImpact.ts          # 1, 100 and 1,000 articles, 5 rounds
 *   node --import tsx bench/liveImpact.ts --smoke  # 1 and 20 articles, 2 rounds
 *
 * Side by side in one run, rounds interleaved: the batched check (`assessLiveImpact`), its two
 * floors — loading the articles alone (one query) and the rules alone over contexts already in
 * memory — and, for comparison, the publish gate run once per article as a publish runs it.
 * SQL statements are counted at the driver.
 */
import { createLocalReq } from 'payload'

import { paragraph, doc, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { evaluatePublish } from '../src/gate/evaluate.ts'
import { loadGateSources, referencesOf } from '../src/gate/loadContext.ts'
import { runGate } from '../src/gate/runGate.ts'
import { assessLiveImpact } from '../src/integrity/liveImpact.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import {
  benchDatabase,
  countQueries,
  createArticle,
  interleaved,
  localCreator,
  machine,
  smoke,
  startBenchPayload,
  STATEMENT_LINES,
  stopPayload,
  writeResult,
} from './support.ts'

const SLUGS = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}
const sizes = smoke ? [1, 20] : [1, 100, 1000]
const rounds = smoke ? 2 : 5
const QUOTED = 'should be universally respected and complied with'

async function main() {
  const database = await benchDatabase('live-impact')
  const { payload, mediaDir } = await startBenchPayload(database.uri)
  const options = resolveOptions({}, 'users')
  const fixtures = await createArticle(localCreator(payload), SLUGS, 1, 'live')
  const brokenText = doc(...STATEMENT_LINES.filter((line) => !line.includes(QUOTED)).map((line) => paragraph(line)))

  const rows: Record<string, unknown>[] = []
  let made = 0
  for (const size of sizes) {
    // One statement per size, quoted by `size` published articles.
    const statement = await payload.create({
      collection: 'joint-statements',
      data: {
        title: `Statement quoted ${size} times`,
        signatories: fixtures.participants.slice(1, 4).map((p) => p.id),
        text: doc(...STATEMENT_LINES.map((line) => paragraph(line))) as never,
        _status: 'published',
      },
    })
    const creating = performance.now()
    for (let i = 0; i < size; i += 1) {
      made += 1
      await payload.create({
        collection: 'articles',
        data: {
          title: `Article ${made} quoting the statement`,
          dateline: 'ASTANA',
          byline: 'Desk',
          body: doc(
            paragraph('The talks ended.'),
            upload('photos', fixtures.photos[0]!.id),
            quote({ text: QUOTED, attributedTo: { relationTo: 'joint-statements', value: statement.id } }),
          ) as never,
          participants: fixtures.participants.map((p) => ({ participant: p.id, role: 'guarantor' as const })),
          _status: 'published',
        },
        depth: 0,
      })
    }
    console.log(`${size} published articles made in ${((performance.now() - creating) / 1000).toFixed(1)} s`)

    const change = { collection: 'jointStatements' as const, id: statement.id, doc: { ...statement, text: brokenText } }
    const req = await createLocalReq({}, payload)

    const checked = await countQueries(() => assessLiveImpact(req, options, change))
    const breached = checked.result.articles.filter((article) => article.newErrors.length > 0).length
    if (checked.result.articles.length !== size || breached !== size)
      throw new Error(`expected ${size} articles in breach, found ${breached} of ${checked.result.articles.length}`)

    // The floors, prepared once: the articles as the check loads them, and their contexts.
    const { docs: articles } = await payload.find({
      collection: 'articles',
      where: { statementsCited: { in: [statement.id] } },
      depth: 0,
      draft: false,
      pagination: false,
    })
    const references = articles.map((article) => referencesOf('articles', article as never, options.slugs))
    const { before, after } = await loadGateSources(req, options.slugs, references, change)
    const contexts = (sources: typeof before) =>
      articles.map((article, index) => ({
        target: 'articles' as const,
        doc: article as never,
        now: new Date(),
        slugs: options.slugs,
        ministryWording: options.gate.ministryWording,
        ...references[index]!,
        ...sources,
      }))
    const afterContexts = contexts(after)
    const beforeContexts = contexts(before)

    const perArticle = await countQueries(async () => {
      for (const article of articles) await evaluatePublish({ req, target: 'articles', doc: article as never, options })
    })

    const timings = await interleaved(
      {
        'batched check': () => assessLiveImpact(req, options, change),
        'floor: load the articles (1 query)': () =>
          payload.find({
            collection: 'articles',
            where: { id: { in: articles.map((a) => a.id) } },
            depth: 0,
            draft: false,
            pagination: false,
            req,
          }),
        'floor: rules only, before and after': async () => {
          for (const context of afterContexts) runGate(context, options.gate)
          for (const context of beforeContexts) runGate(context, options.gate)
        },
        'publish gate once per article': async () => {
          for (const article of articles)
            await evaluatePublish({ req, target: 'articles', doc: article as never, options })
        },
      },
      rounds,
      1,
    )
    const batched = timings['batched check']!.p50
    for (const [name, summary] of Object.entries(timings)) {
      rows.push({
        'live articles': size,
        case: name,
        'median ms': +summary.p50.toFixed(1),
        'vs batched': `${(summary.p50 / batched).toFixed(2)}×`,
        'SQL statements':
          name === 'batched check'
            ? checked.count
            : name === 'publish gate once per article'
              ? perArticle.count
              : name.startsWith('floor: load')
                ? 1
                : 0,
      })
    }
  }
  console.log(`\nA statement edit breaking every quotation, median of ${rounds} interleaved rounds after a warm-up:`)
  console.table(rows)
  writeResult('live-impact', {
    benchmark: 'live-impact',
    date: new Date().toISOString(),
    machine: machine(),
    rounds,
    rows,
  })

  await stopPayload(payload)
  await database.stop()
  const fs = await import('node:fs')
  fs.rmSync(mediaDir, { recursive: true, force: true })
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
