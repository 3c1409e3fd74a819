/**
 * Publishing articles with 1, 10, 50 and 200 photos, each followed by a quotation, plus two more:
 *
 *   node --import tsx bench/publish.ts          # 8 rounds per size
 *   node --import tsx bench/publish.ts --smoke  # 1 and 10, 2 rounds
 *
 * The quotations come from every kind of source the gate checks: a joint statement (in English, the
 * article's language), a ministry's statement issued in Russian and quoted from its official English
 * translation, and one quotation the desk translated itself from another statement's Russian text.
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
/** The ministry's statement: issued in Russian, with the official English translation it published. */
const TRANSLATED_STATEMENT = {
  ru: [
    'Министерство иностранных дел Республики Казахстан приветствует итоги двадцатого раунда переговоров.',
    'Стороны подтвердили приверженность суверенитету, независимости, единству и территориальной целостности Сирии.',
  ],
  en: [
    'The Ministry of Foreign Affairs of the Republic of Kazakhstan welcomes the outcome of the twentieth round of talks.',
    'The parties confirmed their commitment to the sovereignty, independence, unity and territorial integrity of Syria.',
  ],
}
const TRANSLATION_QUOTE = 'confirmed their commitment to the sovereignty, independence, unity and territorial integrity'
/** A briefing with its Russian text only, which the desk translates. */
const BRIEFING_RU = 'Следующая встреча может пройти в Астане, если об этом попросят все участники.'
const DESK_QUOTE = 'The next meeting could take place in Astana if all the participants ask for it.'
const JOINT_QUOTE = 'should be universally respected and complied with'

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
  if (!STATEMENT_LINES.some((line) => line.includes(JOINT_QUOTE)))
    throw new Error('the quotation is not in the statement')
  if (!TRANSLATED_STATEMENT.en.some((line) => line.includes(TRANSLATION_QUOTE)))
    throw new Error('the quotation is not in the translation')
  const statement = (data: Record<string, unknown>) =>
    payload.create({
      collection: 'statements',
      data: {
        issuer: fixtures.ministry.id,
        issuedOn: '2023-06-21T00:00:00.000Z',
        _status: 'published',
        ...data,
      } as never,
      depth: 0,
    })
  const translated = await statement({
    title: 'Comment of the ministry on the 20th round',
    kind: 'official-comment',
    language: 'ru',
    text: doc(...TRANSLATED_STATEMENT.ru.map((line) => paragraph(line))),
    translations: [
      { language: 'en', official: true, text: doc(...TRANSLATED_STATEMENT.en.map((line) => paragraph(line))) },
    ],
  })
  const briefing = await statement({
    title: 'Briefing of the ministry’s spokesperson',
    kind: 'briefing',
    language: 'ru',
    text: doc(paragraph(BRIEFING_RU)),
  })
  const jointQuote = () =>
    quote({
      text: JOINT_QUOTE,
      attributedTo: { relationTo: 'joint-statements', value: fixtures.statement.id },
      manner: 'joint-statement',
    })
  const translationQuote = () =>
    quote({
      text: TRANSLATION_QUOTE,
      attributedTo: { relationTo: 'statements', value: translated.id },
      manner: 'official-comment',
    })

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
            paragraph('The opening paragraph, with a quotation of the joint statement.'),
            jointQuote(),
            paragraph('What the spokesperson said, in the desk’s translation.'),
            quote({
              text: DESK_QUOTE,
              attributedTo: { relationTo: 'statements', value: briefing.id },
              manner: 'statement',
              translatedFrom: 'ru',
            }),
            // Then the statement's official translation and the joint statement in turn, one after each photo.
            ...photos.flatMap((photo, i) => [
              paragraph('A paragraph between a photo and a quotation.'),
              upload('photos', photo.id),
              i % 2 === 0 ? translationQuote() : jointQuote(),
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
      // The desk's translation is the one quotation not compared word for word.
      const warnings = report.warnings.map((w) => w.rule)
      if (warnings.join() !== 'desk-translation')
        throw new Error(`unexpected warnings for the ${size}-photo article: ${warnings.join(', ')}`)

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
    const jointQuotes = 1 + Math.floor(size / 2)
    rows.push({
      photos: size,
      'quotes (joint statement / official translation / desk)': `${size + 2} (${jointQuotes} / ${size + 1 - jointQuotes} / 1)`,
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
