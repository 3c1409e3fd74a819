/**
 * The quotation rules of the publish gate on a long article: 50 Quote blocks of 20 to 1,000 words
 * quoting 5 joint statements of 20,000 words each, in memory (no database):
 *
 *   node --import tsx bench/gate.ts          # full size, 30 rounds after 5 warm-up rounds
 *   node --import tsx bench/gate.ts --smoke  # 10 quotes of statements of 2,000 words, 3 rounds
 *
 * Side by side in one run, rounds interleaved: every article rule (`runGate`) over quotations that
 * are right, over quotations with omissions, and over misquotations (one to three words changed
 * each, so every quote takes the closest-passage path and gets a diff); the two quotation rules
 * alone on the right quotations and on the misquotations (every other article rule reads each
 * quote too: the check for deceptive characters scans its text); the misquotations again with the
 * statements prepared afresh (a cold start: indexing 100,000 words); and the floor, plain
 * `indexOf` of each normalised quotation in its normalised statement, which answers only "is this
 * exact text there".
 */
import type { GateContext, LoadedStatement, QuoteUse } from '../src/gate/types.ts'

import { runGate } from '../src/gate/runGate.ts'
import { normaliseForComparison } from '../src/gate/text.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { interleaved, machine, smoke, writeResult } from './support.ts'

const STATEMENTS = smoke ? 2 : 5
const STATEMENT_WORDS = smoke ? 2_000 : 20_000
const QUOTES = smoke ? 10 : 50
const LONGEST_QUOTE = smoke ? 200 : 1_000
const rounds = smoke ? 3 : 30
const warmup = smoke ? 1 : 5
const TARGET_MS = 100

/** A small deterministic generator, so every run quotes the same texts. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

/**
 * Statement text with the shape of prose: a vocabulary of 4,000 words used with Zipf's
 * frequencies (so "the" and "of" are everywhere and most words are rare), sentences of 8 to 30
 * words, and a negation now and then.
 */
function statementWords(seed: number, count: number): string[] {
  const next = random(seed)
  const vocabulary = ['the', 'of', 'and', 'to', 'in', 'a', 'not', 'that', 'for', 'on']
  for (let index = vocabulary.length; index < 4_000; index += 1) vocabulary.push(`w${index.toString(36)}x`)
  const weights = vocabulary.map((_, rank) => 1 / (rank + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  weights.reduce((sum, weight) => (cumulative.push((sum + weight) / total), sum + weight), 0)
  const pick = () => {
    const target = next()
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return vocabulary[low]!
  }
  const words: string[] = []
  while (words.length < count) {
    const length = 8 + Math.floor(next() * 23)
    const sentence = Array.from({ length }, pick)
    sentence[0] = sentence[0]![0]!.toUpperCase() + sentence[0]!.slice(1)
    sentence[length - 1] += next() < 0.2 ? ',' : '.'
    words.push(...sentence)
  }
  return words.slice(0, count)
}

function article() {
  const next = random(7)
  const statements: LoadedStatement[] = []
  const texts: string[][] = []
  for (let index = 0; index < STATEMENTS; index += 1) {
    const words = statementWords(100 + index, STATEMENT_WORDS)
    texts.push(words)
    // Paragraphs of about 120 words, as the gate loads them.
    const paragraphs: string[] = []
    for (let at = 0; at < words.length; at += 120) paragraphs.push(words.slice(at, at + 120).join(' '))
    const plainText = paragraphs.join('\n\n')
    statements.push({
      id: index + 1,
      title: `Statement ${index + 1}`,
      plainText,
      texts: [{ language: 'en', plainText, official: true }],
    })
  }
  const exact: QuoteUse[] = []
  const elided: QuoteUse[] = []
  const misquoted: QuoteUse[] = []
  for (let number = 1; number <= QUOTES; number += 1) {
    const statement = (number - 1) % STATEMENTS
    const words = texts[statement]!
    const length = Math.max(20, Math.round((LONGEST_QUOTE * number) / QUOTES))
    const start = Math.floor(next() * (words.length - length - 200))
    const passage = words.slice(start, start + length)
    const use = (text: string): QuoteUse => ({
      number,
      text,
      attributedTo: { relationTo: 'joint-statements', value: statement + 1 },
      manner: 'joint-statement',
      path: 'body',
    })
    exact.push(use(passage.join(' ')))
    // The same passage with a stretch in its middle left out, and the end of the next 100 words.
    const middle = Math.floor(length / 2)
    const gap = words.slice(start + middle, start + middle + 10)
    const cut = gap.some((word) => word.toLowerCase().replace(/[^a-z]/g, '') === 'not') ? 0 : 10
    elided.push(
      use(
        `${passage.slice(0, middle).join(' ')} … ${words.slice(start + middle + cut, start + length + 100).join(' ')}`,
      ),
    )
    const changed = [...passage]
    for (let edit = 0; edit < 1 + (number % 3); edit += 1)
      changed[1 + Math.floor(next() * (length - 2))] = `changed${edit}`
    misquoted.push(use(changed.join(' ')))
  }
  return { statements, exact, elided, misquoted }
}

const { statements, exact, elided, misquoted } = article()
const options = resolveOptions({})
const slugs = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
  statements: 'statements',
}

function context(quotes: QuoteUse[], quotations = options.gate.quotations): GateContext {
  return {
    target: 'articles',
    doc: { title: 'Talks', dateline: 'ASTANA', byline: 'Desk', statements: statements.map((s) => s.id) },
    now: new Date(),
    slugs,
    photos: new Map(),
    participants: new Map(),
    statements: new Map(statements.map((statement) => [String(statement.id), { ...statement, _status: 'published' }])),
    issuedStatements: new Map(),
    photoUses: [],
    quotes,
    bareBlockquotes: [],
    runningText: [],
    citations: [],
    ministryWording: options.gate.ministryWording,
    quotations,
  }
}

/** The gate over one article; each call builds a new context, as each publish does. */
function gate(quotes: QuoteUse[], quotations = options.gate.quotations) {
  return runGate(context(quotes, quotations), options.gate)
}

/** The two quotation rules alone, to tell the matcher's share from the other rules' (which also read every quote). */
const quotationRules = {
  rules: options.gate.rules.filter((rule) => rule.id === 'quote-in-statement' || rule.id === 'quote-bracket-insertion'),
  severities: {},
}
const quotationRulesOnly = (quotes: QuoteUse[]) => runGate(context(quotes), quotationRules)

// The answers first: the benchmark measures the work the gate really does.
const quoteErrors = (quotes: QuoteUse[]) =>
  gate(quotes).errors.filter((finding) => finding.rule === 'quote-in-statement')
if (quoteErrors(exact).length !== 0 || quoteErrors(elided).length !== 0)
  throw new Error(`right quotations refused: ${[...quoteErrors(exact), ...quoteErrors(elided)][0]?.message}`)
const refused = quoteErrors(misquoted)
if (refused.length !== QUOTES || refused.some((finding) => !finding.diff?.some((part) => part.op === 'insert')))
  throw new Error(`expected ${QUOTES} misquotations with a diff, found ${refused.length}`)

const normalisedStatements = new Map(statements.map((s) => [s.id, normaliseForComparison(s.plainText)]))
const floor = (quotes: QuoteUse[]) => {
  let found = 0
  for (const quote of quotes)
    if (normalisedStatements.get(quote.attributedTo!.value as number)!.includes(normaliseForComparison(quote.text)))
      found += 1
  return found
}

async function main() {
  const timings = await interleaved(
    {
      'floor: indexOf of each right quotation': async () => floor(exact),
      'gate: 50 right quotations': async () => gate(exact),
      'gate: 50 quotations with an omission': async () => gate(elided),
      'gate: 50 misquotations (closest passage and diff)': async () => gate(misquoted),
      'quotation rules alone: 50 right quotations': async () => quotationRulesOnly(exact),
      'quotation rules alone: 50 misquotations': async () => quotationRulesOnly(misquoted),
      // New settings objects make a new matcher, which prepares the statements again.
      'gate: 50 misquotations, statements not yet indexed': async () => gate(misquoted, { ...options.gate.quotations }),
    },
    rounds,
    warmup,
  )
  const floorMean = timings['floor: indexOf of each right quotation']!.mean
  const rows = Object.entries(timings).map(([name, summary]) => ({
    case: name.replace('50', String(QUOTES)),
    'mean ms': summary.mean,
    'p50 ms': summary.p50,
    'p99 ms': summary.p99,
    '× floor (mean)': +(summary.mean / floorMean).toFixed(1),
  }))
  const quotedWords = exact.reduce((sum, quote) => sum + quote.text.split(' ').length, 0)
  console.log(
    `\n${QUOTES} quotations (${quotedWords.toLocaleString('en')} words) of ${STATEMENTS} statements of ` +
      `${STATEMENT_WORDS.toLocaleString('en')} words, mean of ${rounds} rounds after ${warmup} warm-up rounds:`,
  )
  console.table(rows)
  const slowest = Math.max(...Object.values(timings).map((summary) => summary.mean))
  if (!smoke) console.log(`target: the gate under ${TARGET_MS} ms: ${slowest < TARGET_MS ? 'met' : 'missed'}`)
  writeResult('gate', {
    benchmark: 'gate',
    date: new Date().toISOString(),
    machine: machine(),
    size: { quotes: QUOTES, quotedWords, statements: STATEMENTS, statementWords: STATEMENT_WORDS },
    rounds,
    warmup,
    rows,
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
