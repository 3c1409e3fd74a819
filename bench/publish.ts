/**
 * Publishing articles with 1, 10, 50 and 200 photos and quotes:
 *
 *   node --import tsx bench/publish.ts          # 8 rounds per size
 *   node --import tsx bench/publish.ts --smoke  # 1 and 10, 2 rounds
 *
 * Each round saves a draft (not timed), then publishes it through the Local API, counting the SQL
 * statements at the driver. Beside it, on the same draft, the publish gate's checks alone and the
 * snapshot refresh alone are timed, to give their share of the publish.
 */
import { createLocalReq } from 'payload'

import { evaluatePublish } from '../src/gate/evaluate.ts'
import { refreshArticleSnapshots } from '../src/delivery/snapshots.ts'
import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import {
  benchDatabase,
  countQueries,
  createArticle,
  localCreator,
  machine,
  smoke,
  startBenchPayload,
  stopPayload,
  STATEMENT_LINES,
  writeResult,
} from './support.ts'

const SLUGS = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
}
const sizes = smoke ? [1, 10] : [1, 10, 50, 200]
const rounds = smoke ? 2 : 8

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function main() {
  const database = await benchDatabase('publish')
  const { payload, mediaDir } = await startBenchPayload(database.uri)
  const options = resolveOptions({}, 'users')
  // Participants, the statement and the largest size's photos, made once and shared by every size.
  const fixtures = await createArticle(localCreator(payload), SLUGS, Math.max(...sizes), 'publish')
  if (!STATEMENT_LINES.some((line) => line.includes('should be universally respected and complied with')))
    throw new Error('the quotation is not in the statement')

  const rows: Record<string, unknown>[] = []
  for (const size of sizes) {
    const publishMs: number[] = []
    const gateMs: number[] = []
    const snapshotMs: number[] = []
    const queries: number[] = []
    for (let round = 0; round < rounds + 1; round += 1) {
      const photos = fixtures.photos.slice(0, size)
      const draft = await payload.create({
        collection: 'articles',
        data: {
          title: `Publishing ${size} photos and quotes, round ${round}`,
          dateline: 'ASTANA',
          byline: 'Desk',
          heroPhoto: photos[0]!.id,
          body: doc(
            ...photos.flatMap((photo) => [
              paragraph('A paragraph between a photo and a quotation.'),
              upload('photos', photo.id),
              quote({
                text: 'should be universally respected and complied with',
                attributedTo: { relationTo: 'joint-statements', value: fixtures.statement.id },
                manner: 'joint-statement',
              }),
            ]),
          ) as never,
          participants: fixtures.participants.map((p) => ({ participant: p.id, role: 'guarantor' as const })),
          statements: [fixtures.statement.id],
          _status: 'draft',
        },
        draft: true,
        depth: 0,
      })

      const stored = await payload.findByID({ collection: 'articles', id: draft.id, draft: true, depth: 0 })
      let started = performance.now()
      const report = await evaluatePublish({
        req: await createLocalReq({}, payload),
        target: 'articles',
        doc: stored as never,
        options,
      })
      const gate = performance.now() - started
      if (!report.ok)
        throw new Error(`the gate refuses the ${size}-photo article: ${report.errors.map((e) => e.message).join(' ')}`)

      started = performance.now()
      const { count } = await countQueries(() =>
        payload.update({ collection: 'articles', id: draft.id, data: { _status: 'published' }, depth: 0 }),
      )
      const publish = performance.now() - started

      // The refresh alone, on the article just published (its snapshot is rewritten from scratch).
      await payload.delete({
        collection: 'article-snapshots',
        where: { article: { equals: draft.id } },
        overrideAccess: true,
      })
      started = performance.now()
      await refreshArticleSnapshots(await createLocalReq({}, payload), options, [draft.id])
      const snapshot = performance.now() - started

      if (round === 0) continue // warm-up
      publishMs.push(publish)
      gateMs.push(gate)
      snapshotMs.push(snapshot)
      queries.push(count)
    }
    const publish = median(publishMs)
    const gate = median(gateMs)
    const snapshot = median(snapshotMs)
    rows.push({
      'photos and quotes': size,
      'publish ms (median)': +publish.toFixed(1),
      'SQL statements': [...new Set(queries)].join(' / '),
      'gate checks ms': +gate.toFixed(1),
      'gate share': `${((gate / publish) * 100).toFixed(1)} %`,
      'snapshot refresh ms': +snapshot.toFixed(1),
      'snapshot share': `${((snapshot / publish) * 100).toFixed(1)} %`,
    })
  }
  console.log(`\nPublishing through the Local API, median of ${rounds} rounds after a warm-up round:`)
  console.table(rows)
  writeResult('publish', { benchmark: 'publish', date: new Date().toISOString(), machine: machine(), rounds, rows })

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
