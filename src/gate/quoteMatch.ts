/**
 * Matching a quotation with the text it claims to come from, word by word.
 *
 * Both texts are normalised (`normaliseForComparison`) and cut into words at white space, so a
 * paragraph break in the source is a word boundary like any other. The quotation is cut at its
 * omission marks ("…", "...", "[…]") into parts; each part must be a run of whole words of the
 * source, the parts in the source's order. Words are compared as written, with the style guide's
 * allowances only:
 *
 * - the case of the quotation's first letter;
 * - the punctuation at the very end of the quotation, and next to an omission mark;
 * - quotation marks at the edges of a word: double and single, « » „ “ ‹ ›, are one mark;
 * - words in square brackets stand for words of the source (reported as insertions).
 *
 * An omission may not take out a negation (or another word that reverses the meaning), a bracket
 * may not add or remove one, and a part between omission marks needs a few words of its own.
 *
 * Cost: the source is indexed once (word → positions); each part is looked up from its rarest word
 * and checked in place. For a misquotation, the closest passage is found by letting the rare words
 * the quotation shares with the source vote for an alignment, then a diff bounded in edit distance
 * runs on that passage alone.
 */
import type { DiffPart, QuotationSettings } from './types.ts'

import { DEFAULT_NEGATIONS, DEFAULTS } from '../options/defaults.ts'
import { foldCase, normaliseForComparison, stripEnclosingQuotes } from './text.ts'

/** "…", "..." and "[…]" mark an omission. After NFKC "…" is "...". */
const ELISION = /\s*(?:\[\s*\.\.\.\s*\]|\.\.\.)\s*/

/** The most source words a bracket in the middle of a quotation may stand for. */
const MAX_BRACKET_SPAN = 8
/** A quotation's word is "rare" in the source, and may anchor a passage, up to this many times. */
const RARE = 32
/** Work allowed to one diff (positions times edits) before it gives a coarser answer. */
const DIFF_BUDGET = 400_000

export const DEFAULT_QUOTATION_SETTINGS: QuotationSettings = {
  negations: Object.fromEntries(Object.entries(DEFAULT_NEGATIONS).map(([language, words]) => [language, [...words]])),
  minFragmentWords: DEFAULTS.quotations.minFragmentWords,
}

/** What a bracket in the quotation puts in place of the source's words (`replaces` may be empty). */
export interface BracketInsertion {
  inserted: string
  replaces: string
}

export type QuoteProblem =
  | { kind: 'empty' }
  | { kind: 'misquote' }
  | { kind: 'order' }
  | { kind: 'short-fragment'; fragment: string; words: number; minimum: number }
  | { kind: 'elided-negation'; before: string; removed: string; removedWords: number; negations: string[] }
  | { kind: 'bracket-negation'; inserted: string; replaces: string; negations: string[] }

export interface QuoteMatch {
  found: boolean
  /** Why the quotation was refused. */
  problem?: QuoteProblem
  /** For a misquotation: the passage of the source closest to it, with a word of context either side. */
  closest?: string
  /** For a misquotation: the quotation word by word against that passage. */
  diff?: DiffPart[]
  /** The bracketed insertions of a quotation that matched, in order; left out when there are none. */
  insertions?: BracketInsertion[]
}

// ---------------------------------------------------------------------------------------------
// Words

const EDGES = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u
const QUOTE_MARKS = /['"\u2039\u203A]/g
const NOT_ALNUM = /[^\p{L}\p{N}]/gu

/** The punctuation before a word, the word, the punctuation after; quotation marks at the edges made one. */
function splitWord(word: string): [lead: string, core: string, trail: string] {
  // Most words begin and end with a letter or digit.
  if (ALNUM_CHAR.test(word[0] ?? '') && ALNUM_CHAR.test(word.at(-1) ?? '')) return ['', word, '']
  const [, lead = '', core = '', trail = ''] = EDGES.exec(word) ?? []
  return [lead.replace(QUOTE_MARKS, '"'), core, trail.replace(QUOTE_MARKS, '"')]
}

const ALNUM_CHAR = /[\p{L}\p{N}]/u
const PLAIN_ASCII = /^[a-z0-9]*$/

/** The word case and punctuation aside, for looking words up. */
const looseKey = (word: string) => (PLAIN_ASCII.test(word) ? word : foldCase(word).replace(NOT_ALNUM, ''))

/** The word with its first letter's case set aside. */
function withFoldedFirst(core: string): string {
  const first = core.codePointAt(0)
  if (first === undefined) return core
  const letter = String.fromCodePoint(first)
  return foldCase(letter) + core.slice(letter.length)
}

const endsSentence = (word: string) => /[.!?;:][^\p{L}\p{N}]*$/u.test(word)

// ---------------------------------------------------------------------------------------------
// Negations

/** Whether a word (as written, and its loose key) is one of the negations. */
type NegationTest = (word: string, key?: string) => boolean

const foldForNegation = (word: string) =>
  foldCase(word)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')

const isPlain = (text: string) => !NOT_ALNUM_ONCE.test(text)
/** A word with something inside other than letters and digits (an apostrophe, a hyphen). */
const MAY_BE_WRITTEN = /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u
const NOT_ALNUM_ONCE = /[^\p{L}\p{N}]/u

/**
 * Entries of letters only are compared with a word's loose key (case, marks and punctuation
 * aside), which is already at hand for every word; entries with an apostrophe or a hyphen
 * ("*n't", "non-*") with the word itself, only for words that have one.
 */
function negationTest(negations: Record<string, string[]>): NegationTest {
  const exact = new Set<string>()
  const prefixes: string[] = []
  const suffixes: string[] = []
  const written: { kind: 'exact' | 'prefix' | 'suffix'; text: string }[] = []
  for (const entry of Object.values(negations).flat()) {
    const trimmed = entry.trim().normalize('NFKC')
    const kind =
      trimmed.length > 1 && trimmed.endsWith('*')
        ? 'prefix'
        : trimmed.length > 1 && trimmed.startsWith('*')
          ? 'suffix'
          : 'exact'
    const bare = kind === 'prefix' ? trimmed.slice(0, -1) : kind === 'suffix' ? trimmed.slice(1) : trimmed
    if (!bare) continue
    if (!isPlain(bare))
      written.push({
        kind,
        text: foldCase(bare)
          .normalize('NFKD')
          .replace(/\p{M}+/gu, ''),
      })
    else if (kind === 'prefix') prefixes.push(looseKey(bare))
    else if (kind === 'suffix') suffixes.push(looseKey(bare))
    else exact.add(looseKey(bare))
  }
  return (word, key = looseKey(word)) => {
    if (!key) return false
    if (exact.has(key)) return true
    for (const prefix of prefixes) if (key.length > prefix.length && key.startsWith(prefix)) return true
    for (const suffix of suffixes) if (key.length > suffix.length && key.endsWith(suffix)) return true
    if (written.length === 0 || !MAY_BE_WRITTEN.test(word)) return false
    const folded = foldForNegation(word)
    return written.some(({ kind, text }) =>
      kind === 'exact'
        ? folded === text
        : folded.length > text.length && (kind === 'prefix' ? folded.startsWith(text) : folded.endsWith(text)),
    )
  }
}

// ---------------------------------------------------------------------------------------------
// The source, prepared once

interface Source {
  words: string[]
  /** Each word cut into punctuation before, word, punctuation after; filled in as words are compared. */
  parts: ([lead: string, core: string, trail: string] | undefined)[]
  /** Loose key (case and punctuation aside) → positions, ascending. */
  index: Map<string, number[]>
  /** Positions of negations, ascending. */
  negations: number[]
}

function prepareSource(text: string, isNegation: NegationTest): Source {
  const normalised = normaliseForComparison(text)
  const words = normalised ? normalised.split(' ') : []
  const index = new Map<string, number[]>()
  const negations: number[] = []
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at]!
    const key = looseKey(word)
    const positions = index.get(key)
    if (positions) positions.push(at)
    else index.set(key, [at])
    if (isNegation(word, key)) negations.push(at)
  }
  return { words, parts: new Array(words.length), index, negations }
}

function partsOf(source: Source, at: number): [lead: string, core: string, trail: string] {
  return (source.parts[at] ??= splitWord(source.words[at]!))
}

/** The last position in an ascending list below `limit`, or -1. */
function lastBelow(sorted: number[], limit: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! < limit) low = middle + 1
    else high = middle
  }
  return low > 0 ? sorted[low - 1]! : -1
}

// ---------------------------------------------------------------------------------------------
// The quotation, read into parts

interface WordItem {
  kind: 'word'
  text: string
  key: string
  lead: string
  core: string
  trail: string
  /** The quotation's first word: the case of its first letter is the quotation's own. */
  foldFirst: boolean
  /** Next to an omission mark or at the quotation's end: the punctuation on that side is not compared. */
  ignoreLead: boolean
  ignoreTrail: boolean
}

/** A word with a bracket inside ("[T]he", "govern[ment]"): stands for exactly one source word. */
interface MixedItem {
  kind: 'mixed'
  text: string
  /** The word without its brackets, case aside. */
  plain: string
}

/** Words in brackets between words ("[the ministry]"): stand for up to MAX_BRACKET_SPAN source words. */
interface BracketItem {
  kind: 'bracket'
  text: string
  /** How many words it holds, for guessing what a bracket at the edge of a part replaces. */
  words: number
}

type Item = WordItem | MixedItem | BracketItem

interface Fragment {
  text: string
  items: Item[]
  /** Words quoted from the source (brackets aside). */
  quotedWords: number
}

const hasAlnum = (text: string) => /[\p{L}\p{N}]/u.test(text)

/** Cuts a part of a quotation at white space, keeping what is in brackets together. */
function rawWords(text: string): { text: string; bracketed: boolean }[] {
  if (!text.includes('[')) return text ? text.split(' ').map((word) => ({ text: word, bracketed: false })) : []
  const out: { text: string; bracketed: boolean }[] = []
  let current = ''
  let bracketed = false
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!
    if (char === '[') {
      const close = text.indexOf(']', at + 1)
      if (close > at) {
        current += text.slice(at, close + 1)
        bracketed = true
        at = close
        continue
      }
    }
    if (char === ' ') {
      if (current) out.push({ text: current, bracketed })
      current = ''
      bracketed = false
      continue
    }
    current += char
  }
  if (current) out.push({ text: current, bracketed })
  return out
}

function readFragments(quotation: string): Fragment[] {
  const quote = stripEnclosingQuotes(normaliseForComparison(quotation))
  const pieces = quote.split(ELISION)
  const fragments: Fragment[] = []
  pieces.forEach((piece, index) => {
    const raw = rawWords(piece.trim())
    // Punctuation standing alone next to an omission mark or at the end belongs to neither side.
    while (raw.length && !raw[0]!.bracketed && !hasAlnum(raw[0]!.text) && index > 0) raw.shift()
    while (raw.length && !raw.at(-1)!.bracketed && !hasAlnum(raw.at(-1)!.text)) raw.pop()
    if (raw.length === 0) return
    const items: Item[] = []
    raw.forEach((word, position) => {
      if (word.bracketed) {
        const outside = word.text.replace(/\[[^\]]*\]/g, '')
        if (hasAlnum(outside)) {
          items.push({ kind: 'mixed', text: word.text, plain: looseKey(word.text.replace(/[[\]]/g, '')) })
          return
        }
        const previous = items.at(-1)
        const words = word.text.split(' ').length
        if (previous?.kind === 'bracket') {
          previous.text += ` ${word.text}`
          previous.words += words
        } else items.push({ kind: 'bracket', text: word.text, words })
        return
      }
      const [lead, core, trail] = splitWord(word.text)
      items.push({
        kind: 'word',
        text: word.text,
        key: looseKey(word.text),
        lead,
        core,
        trail,
        foldFirst: false,
        ignoreLead: position === 0 && index > 0,
        ignoreTrail: position === raw.length - 1,
      })
    })
    fragments.push({
      text: raw.map((word) => word.text).join(' '),
      items,
      quotedWords: items.filter((item) => item.kind !== 'bracket').length,
    })
  })
  const first = fragments[0]?.items[0]
  if (first?.kind === 'word') first.foldFirst = true
  return fragments
}

// ---------------------------------------------------------------------------------------------
// Finding a part in the source

function wordMatches(item: WordItem, source: Source, at: number): boolean {
  const [lead, core, trail] = partsOf(source, at)
  if (!item.ignoreLead && item.lead !== lead) return false
  if (!item.ignoreTrail && item.trail !== trail) return false
  if (item.foldFirst) return withFoldedFirst(item.core) === withFoldedFirst(core)
  return item.core === core
}

function itemMatches(item: Item, source: Source, at: number): boolean {
  if (item.kind === 'word') return wordMatches(item, source, at)
  if (item.kind === 'mixed') return at < source.words.length
  return false
}

interface Occurrence {
  /** First and past-the-last source positions of the part's quoted words. */
  start: number
  end: number
  /** For each bracket of the part, in order: the source positions it stands for. */
  brackets: { item: BracketItem | MixedItem; from: number; to: number }[]
}

/** The items of a part between its first and last quoted words (brackets at its edges left out). */
function coreItems(fragment: Fragment): { items: Item[]; leading?: BracketItem; trailing?: BracketItem } {
  const items = [...fragment.items]
  const leading = items[0]?.kind === 'bracket' ? (items.shift() as BracketItem) : undefined
  const trailing = items.at(-1)?.kind === 'bracket' ? (items.pop() as BracketItem) : undefined
  return { items, leading, trailing }
}

/** Matches `items` from `k` at source position `at`; brackets try the fewest words first. */
function matchFrom(items: Item[], k: number, source: Source, at: number, spans: Occurrence['brackets']): number {
  if (k === items.length) return at
  const item = items[k]!
  if (item.kind === 'bracket') {
    for (let span = 0; span <= MAX_BRACKET_SPAN && at + span <= source.words.length; span += 1) {
      spans.push({ item, from: at, to: at + span })
      const end = matchFrom(items, k + 1, source, at + span, spans)
      if (end >= 0) return end
      spans.pop()
    }
    return -1
  }
  if (at >= source.words.length || !itemMatches(item, source, at)) return -1
  if (item.kind === 'mixed') spans.push({ item, from: at, to: at + 1 })
  const end = matchFrom(items, k + 1, source, at + 1, spans)
  if (end < 0 && item.kind === 'mixed') spans.pop()
  return end
}

/** Every place the part's quoted words match, by start. */
function occurrences(fragment: Fragment, source: Source, limit = 20_000): Occurrence[] {
  const { items } = coreItems(fragment)
  if (items.length === 0) return []
  // Anchor on the rarest word before the first bracket, whose offset in the part is fixed.
  let anchor = -1
  let anchorPositions: number[] | undefined
  for (let k = 0; k < items.length; k += 1) {
    const item = items[k]!
    if (item.kind === 'bracket') break
    if (item.kind !== 'word') continue
    const positions = source.index.get(item.key) ?? []
    if (!anchorPositions || positions.length < anchorPositions.length) {
      anchor = k
      anchorPositions = positions
    }
  }
  const found: Occurrence[] = []
  const candidates = anchorPositions ? anchorPositions.length : source.words.length
  for (let c = 0; c < candidates; c += 1) {
    const start = anchorPositions ? anchorPositions[c]! - anchor : c
    if (start < 0) continue
    const brackets: Occurrence['brackets'] = []
    const end = matchFrom(items, 0, source, start, brackets)
    if (end >= 0) found.push({ start, end, brackets })
    if (found.length >= limit) break
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// Matching

type Matcher = (quotation: string, source: string) => QuoteMatch

const matchers = new WeakMap<QuotationSettings, Matcher>()

/** A matcher for these settings; sources are prepared once and kept for the next quotation. */
export function quoteMatcher(settings: QuotationSettings = DEFAULT_QUOTATION_SETTINGS): Matcher {
  const known = matchers.get(settings)
  if (known) return known
  const isNegation = negationTest(settings.negations)
  const prepared = new Map<string, Source>()
  const sourceOf = (text: string) => {
    let source = prepared.get(text)
    if (source) {
      prepared.delete(text)
    } else {
      source = prepareSource(text, isNegation)
      if (prepared.size >= 16) prepared.delete(prepared.keys().next().value!)
    }
    prepared.set(text, source)
    return source
  }
  const matcher: Matcher = (quotation, sourceText) =>
    match(readFragments(quotation), sourceOf(sourceText), settings, isNegation)
  matchers.set(settings, matcher)
  return matcher
}

/** Finds the quotation in the source, word by word (see the top of this file). */
export function findQuotation(
  quotation: string,
  source: string,
  settings: QuotationSettings = DEFAULT_QUOTATION_SETTINGS,
): QuoteMatch {
  return quoteMatcher(settings)(quotation, source)
}

function match(fragments: Fragment[], source: Source, settings: QuotationSettings, isNegation: NegationTest) {
  const refused = (problem: QuoteProblem, extra: Partial<QuoteMatch> = {}): QuoteMatch => ({
    found: false,
    problem,
    ...extra,
  })
  if (fragments.length === 0 || fragments.every((fragment) => fragment.quotedWords === 0))
    return refused({ kind: 'empty' })
  if (fragments.length > 1) {
    const short = fragments.find((fragment) => fragment.quotedWords < settings.minFragmentWords)
    if (short)
      return refused({
        kind: 'short-fragment',
        fragment: short.text,
        words: short.quotedWords,
        minimum: settings.minFragmentWords,
      })
  }

  const found = fragments.map((fragment) => occurrences(fragment, source))
  const chain = bestChain(found, source)
  if (!chain) {
    const problem: QuoteProblem = found.every((list) => list.length > 0) ? { kind: 'order' } : { kind: 'misquote' }
    return refused(problem, problem.kind === 'misquote' ? closestPassageOf(fragments, source, found) : {})
  }

  if (!chain.clean) {
    // Show the first omission that takes out a negation.
    for (let k = 1; k < chain.picked.length; k += 1) {
      const from = chain.picked[k - 1]!.end
      const to = chain.picked[k]!.start
      const gap = source.words.slice(from, to)
      const negations = gap.filter((word) => isNegation(word))
      if (negations.length === 0) continue
      return refused({
        kind: 'elided-negation',
        before: source.words.slice(Math.max(chain.picked[k - 1]!.start, from - 4), from).join(' '),
        removed: abbreviate(gap, isNegation),
        removedWords: gap.length,
        negations: [...new Set(negations)],
      })
    }
  }

  const insertions: BracketInsertion[] = []
  for (const [k, occurrence] of chain.picked.entries()) {
    const { leading, trailing } = coreItems(fragments[k]!)
    const lower = k > 0 ? chain.picked[k - 1]!.end : 0
    const upper = k + 1 < chain.picked.length ? chain.picked[k + 1]!.start : source.words.length
    const spans = [...occurrence.brackets]
    // What a bracket at the edge of a part stands for is a guess: as many words as it holds, not
    // past the end of a sentence, and further while the source's words are also in the bracket.
    if (leading) {
      const own = new Set(leading.text.split(' ').map(looseKey))
      let from = occurrence.start
      while (
        from > lower &&
        !endsSentence(source.words[from - 1]!) &&
        (occurrence.start - from < leading.words || own.has(looseKey(source.words[from - 1]!)))
      )
        from -= 1
      spans.unshift({ item: leading, from, to: occurrence.start })
    }
    if (trailing) {
      const own = new Set(trailing.text.split(' ').map(looseKey))
      let to = occurrence.end
      while (to < upper && (to - occurrence.end < trailing.words || own.has(looseKey(source.words[to]!)))) {
        to += 1
        if (endsSentence(source.words[to - 1]!)) break
      }
      spans.push({ item: trailing, from: occurrence.end, to })
    }
    for (const span of spans) {
      const replaced = source.words.slice(span.from, span.to)
      const inserted = span.item.text.replace(/[[\]]/g, '').split(' ')
      const added = inserted.filter((word) => isNegation(word))
      const removed = replaced.filter((word) => isNegation(word))
      if (added.length !== removed.length)
        return refused({
          kind: 'bracket-negation',
          inserted: span.item.text,
          replaces: replaced.join(' '),
          negations: [...new Set([...added, ...removed])],
        })
      insertions.push({ inserted: span.item.text, replaces: replaced.join(' ') })
    }
  }
  return insertions.length ? { found: true, insertions } : { found: true }
}

/**
 * Picks one place per part, in order. A chain whose omissions take out no negation wins; without
 * one, the chain with the shortest omissions is returned, marked not clean.
 */
function bestChain(found: Occurrence[][], source: Source): { picked: Occurrence[]; clean: boolean } | undefined {
  if (found.some((list) => list.length === 0)) return undefined
  // reach[k][i]: the index in found[k-1] of a predecessor of found[k][i], -1 for none; per flavour.
  const anyFrom: number[][] = [found[0]!.map(() => -2)]
  const cleanFrom: number[][] = [found[0]!.map(() => -2)]
  for (let k = 1; k < found.length; k += 1) {
    const previous = found[k - 1]!
    // Ends of the reachable predecessors, ascending, with their indexes.
    const ends = (reach: number[]) =>
      previous
        .map((occurrence, index) => ({ end: occurrence.end, index }))
        .filter(({ index }) => reach[index] !== -1)
        .sort((a, b) => a.end - b.end)
    const anyEnds = ends(anyFrom[k - 1]!)
    const cleanEnds = ends(cleanFrom[k - 1]!)
    const latestUpTo = (list: { end: number; index: number }[], limit: number) => {
      let low = 0
      let high = list.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (list[middle]!.end <= limit) low = middle + 1
        else high = middle
      }
      return low > 0 ? list[low - 1]! : undefined
    }
    anyFrom.push(found[k]!.map((occurrence) => latestUpTo(anyEnds, occurrence.start)?.index ?? -1))
    cleanFrom.push(
      found[k]!.map((occurrence) => {
        const latest = latestUpTo(cleanEnds, occurrence.start)
        if (!latest) return -1
        // Clean when no negation lies between the predecessor's end and this start.
        return lastBelow(source.negations, occurrence.start) < latest.end ? latest.index : -1
      }),
    )
  }
  const walk = (reach: number[][]) => {
    const last = found.length - 1
    const end = reach[last]!.findIndex((from) => from !== -1)
    if (end === -1) return undefined
    const picked: Occurrence[] = []
    let index = end
    for (let k = last; k >= 0; k -= 1) {
      picked.unshift(found[k]![index]!)
      index = reach[k]![index]!
    }
    return picked
  }
  const clean = walk(cleanFrom)
  if (clean) return { picked: clean, clean: true }
  const any = walk(anyFrom)
  return any ? { picked: any, clean: false } : undefined
}

/** The words an omission took out: all of them when few, else the start, each negation in its context, and the end. */
function abbreviate(words: string[], isNegation: NegationTest): string {
  if (words.length <= 60) return words.join(' ')
  const keep = new Set<number>()
  for (let at = 0; at < 12; at += 1) keep.add(at)
  for (let at = words.length - 8; at < words.length; at += 1) keep.add(at)
  words.forEach((word, at) => {
    if (!isNegation(word)) return
    for (let near = Math.max(0, at - 5); near <= Math.min(words.length - 1, at + 5); near += 1) keep.add(near)
  })
  const out: string[] = []
  let previous = -1
  for (const at of [...keep].sort((a, b) => a - b)) {
    if (at !== previous + 1) out.push('…')
    out.push(words[at]!)
    previous = at
  }
  return out.join(' ')
}

// ---------------------------------------------------------------------------------------------
// The closest passage of a misquotation

interface Alignment {
  start: number
  end: number
  diff: DiffPart[]
}

/**
 * For each part: where it matched, or the passage its rare words point to, compared word by word.
 * Parts are looked for after the previous part's passage first.
 */
function closestPassageOf(
  fragments: Fragment[],
  source: Source,
  found: Occurrence[][],
): Pick<QuoteMatch, 'closest' | 'diff'> {
  const alignments: Alignment[] = []
  let after = 0
  for (const [k, fragment] of fragments.entries()) {
    const exact = found[k]!.find((occurrence) => occurrence.start >= after) ?? found[k]![0]
    const alignment = exact
      ? { start: exact.start, end: exact.end, diff: [{ op: 'equal' as const, text: fragment.text }] }
      : alignFragment(fragment, source, after)
    if (!alignment) continue
    alignments.push(alignment)
    after = alignment.end
  }
  if (alignments.length === 0) return {}
  const first = alignments[0]!
  const last = alignments.at(-1)!
  const passages = alignments.map((alignment) => source.words.slice(alignment.start, alignment.end).join(' '))
  const closest = [
    ...(first.start > 0 ? [source.words[first.start - 1]!] : []),
    passages.join(' … '),
    ...(last.end < source.words.length ? [source.words[last.end]!] : []),
  ].join(' ')
  const diff: DiffPart[] = []
  alignments.forEach((alignment, index) => {
    if (index > 0) diff.push({ op: 'equal', text: '…' })
    diff.push(...alignment.diff)
  })
  return { closest, diff: mergeParts(diff) }
}

/** The passage the part's rare words agree on, and the part compared with it. */
function alignFragment(fragment: Fragment, source: Source, after: number): Alignment | undefined {
  const items = fragment.items
  const n = items.length
  // Anchors: (position in the part, position in the source) for the part's rare words, the
  // rarest first, until they have cast about two votes per word of the part.
  const byCount: { i: number; positions: number[] }[][] = []
  let rarestCommon: { i: number; positions: number[] } | undefined
  for (let i = 0; i < n; i += 1) {
    const item = items[i]!
    if (item.kind !== 'word') continue
    const positions = source.index.get(item.key)
    if (!positions) continue
    if (positions.length <= RARE) (byCount[positions.length] ??= []).push({ i, positions })
    else if (!rarestCommon || positions.length < rarestCommon.positions.length) rarestCommon = { i, positions }
  }
  const chosen: { i: number; positions: number[] }[] = []
  let votes = 0
  for (const group of byCount) {
    for (const candidate of group ?? []) {
      if (chosen.length > 0 && votes + candidate.positions.length > 2 * n + 16) break
      chosen.push(candidate)
      votes += candidate.positions.length
    }
  }
  if (chosen.length === 0 && rarestCommon) chosen.push(rarestCommon)
  if (chosen.length === 0) return undefined
  const diagonalsOf = (from: number) => {
    const out: number[] = []
    for (const { i, positions } of chosen) for (const p of positions) if (p >= from) out.push(p - i)
    return Int32Array.from(out).sort()
  }
  let diagonals = diagonalsOf(after)
  if (diagonals.length === 0) diagonals = diagonalsOf(0)
  // The band of diagonals (alignments shifted by a few insertions or deletions) with the most votes.
  const width = 3 + Math.floor(n / 10)
  let best = { votes: 0, low: 0, high: 0 }
  let low = 0
  for (let high = 0; high < diagonals.length; high += 1) {
    while (diagonals[high]! - diagonals[low]! > width) low += 1
    if (high - low + 1 > best.votes) best = { votes: high - low + 1, low, high }
  }
  // A diagonal says where the part's first word would stand; the band spans the shifts between
  // them, leaving out a diagonal only one word voted for when others have more.
  const band = [...diagonals.subarray(best.low, best.high + 1)]
  const supported = band.filter((diagonal, index) => band[index - 1] === diagonal || band[index + 1] === diagonal)
  const voted = supported.length ? supported : band
  const from = Math.max(0, voted[0]!)
  const to = Math.min(source.words.length, Math.max(from + 1, voted.at(-1)! + n))
  const ops = diffWords(items, source, from, to)
  // The passage: from the first to the last source word the part keeps or changes.
  let head = 0
  while (head < ops.length && ops[head]!.op === 'delete') head += 1
  let tail = ops.length
  while (tail > head && ops[tail - 1]!.op === 'delete') tail -= 1
  if (!ops.slice(head, tail).some((op) => op.op === 'equal')) return undefined
  let kept = ops.slice(head, tail)
  let start = from + head
  let end = to - (ops.length - tail)
  // A change at either end that takes out more source words than the quotation puts in stops at
  // as many: the rest of the source lies beyond the quotation, not in it.
  const excess = (block: WordOp[]) =>
    block.filter((op) => op.op === 'delete').length - block.filter((op) => op.op === 'insert').length
  let lastEqual = kept.length - 1
  while (lastEqual >= 0 && kept[lastEqual]!.op !== 'equal') lastEqual -= 1
  const tailExtra = excess(kept.slice(lastEqual + 1))
  if (tailExtra > 0) {
    let drop = tailExtra
    kept = kept
      .reverse()
      .filter((op) => !(op.op === 'delete' && drop-- > 0))
      .reverse()
    end -= tailExtra
  }
  const firstEqual = kept.findIndex((op) => op.op === 'equal')
  const headExtra = excess(kept.slice(0, firstEqual))
  if (headExtra > 0) {
    let drop = headExtra
    kept = kept.filter((op) => !(op.op === 'delete' && drop-- > 0))
    start += headExtra
  }
  return { start, end, diff: mergeParts(kept.map((op) => ({ op: op.op, text: op.text }))) }
}

interface WordOp {
  op: DiffPart['op']
  text: string
}

/**
 * The part against source words [from, to), word by word: common words at either end first, then
 * Myers' diff on what is left, bounded by DIFF_BUDGET; past the budget the middle is shown as
 * replaced whole.
 */
function diffWords(items: Item[], source: Source, from: number, to: number): WordOp[] {
  const equal = (i: number, j: number) => {
    const item = items[i]!
    // A word with a bracket in it is the same word when only case and the brackets differ ("[T]he").
    if (item.kind === 'mixed') return item.plain === looseKey(source.words[from + j]!)
    return itemMatches(item, source, from + j)
  }
  const n = items.length
  const m = to - from
  let prefix = 0
  while (prefix < n && prefix < m && equal(prefix, prefix)) prefix += 1
  let suffix = 0
  while (suffix < n - prefix && suffix < m - prefix && equal(n - 1 - suffix, m - 1 - suffix)) suffix += 1
  const head: WordOp[] = []
  for (let k = 0; k < prefix; k += 1) head.push({ op: 'equal', text: source.words[from + k]! })
  const tail: WordOp[] = []
  for (let k = suffix; k > 0; k -= 1) tail.push({ op: 'equal', text: source.words[from + m - k]! })
  const middle = myers(
    n - prefix - suffix,
    m - prefix - suffix,
    (i, j) => equal(prefix + i, prefix + j),
    Math.max(8, Math.floor(DIFF_BUDGET / Math.max(1, n + m))),
  )
  const ops: WordOp[] = [...head]
  if (middle) {
    for (const [kind, i, j] of middle) {
      if (kind === 'equal') ops.push({ op: 'equal', text: source.words[from + prefix + j]! })
      else if (kind === 'delete') ops.push({ op: 'delete', text: source.words[from + prefix + j]! })
      else ops.push({ op: 'insert', text: items[prefix + i]!.text })
    }
  } else {
    for (let j = prefix; j < m - suffix; j += 1) ops.push({ op: 'delete', text: source.words[from + j]! })
    for (let i = prefix; i < n - suffix; i += 1) ops.push({ op: 'insert', text: items[i]!.text })
  }
  return [...ops, ...tail]
}

type Step = ['equal' | 'delete' | 'insert', i: number, j: number]

/**
 * Myers' O((N+M)·D) diff of a (length n, the quotation) against b (length m, the source), or
 * undefined when more than `maxEdits` edits are needed.
 */
function myers(n: number, m: number, equal: (i: number, j: number) => boolean, maxEdits: number): Step[] | undefined {
  if (n === 0 && m === 0) return []
  const limit = Math.min(n + m, maxEdits)
  const offset = limit + 1
  let v = new Int32Array(2 * offset + 1)
  const trace: Int32Array[] = []
  for (let d = 0; d <= limit; d += 1) {
    trace.push(v.slice())
    const next = v.slice()
    for (let k = -d; k <= d; k += 2) {
      // x runs along the source (b), y along the quotation (a).
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1
      let y = x - k
      while (x < m && y < n && equal(y, x)) {
        x += 1
        y += 1
      }
      next[offset + k] = x
      if (x >= m && y >= n) {
        trace.push(next)
        return backtrack(trace, offset, n, m, d)
      }
    }
    v = next
  }
  return undefined
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, edits: number): Step[] {
  const steps: Step[] = []
  let x = m
  let y = n
  for (let d = edits; d > 0; d -= 1) {
    const v = trace[d]!
    const k = x - y
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
    const previousK = down ? k + 1 : k - 1
    const previousX = v[offset + previousK]!
    const previousY = previousX - previousK
    while (x > previousX && y > previousY) {
      x -= 1
      y -= 1
      steps.push(['equal', y, x])
    }
    if (down) {
      y -= 1
      steps.push(['insert', y, x])
    } else {
      x -= 1
      steps.push(['delete', y, x])
    }
  }
  while (x > 0 && y > 0) {
    x -= 1
    y -= 1
    steps.push(['equal', y, x])
  }
  return steps.reverse()
}

/** Joins neighbouring words of the same kind; in each change, what the source says comes first. */
function mergeParts(parts: DiffPart[]): DiffPart[] {
  const ordered: DiffPart[] = []
  let pendingDelete: string[] = []
  let pendingInsert: string[] = []
  const flush = () => {
    if (pendingDelete.length) ordered.push({ op: 'delete', text: pendingDelete.join(' ') })
    if (pendingInsert.length) ordered.push({ op: 'insert', text: pendingInsert.join(' ') })
    pendingDelete = []
    pendingInsert = []
  }
  for (const part of parts) {
    if (part.op === 'delete') pendingDelete.push(part.text)
    else if (part.op === 'insert') pendingInsert.push(part.text)
    else {
      flush()
      const previous = ordered.at(-1)
      if (previous?.op === 'equal') previous.text += ` ${part.text}`
      else ordered.push({ ...part })
    }
  }
  flush()
  return ordered
}

/** The passage of the source closest to the quotation, with a word of context either side. */
export function closestPassage(quotation: string, source: string): string | undefined {
  const fragments = readFragments(quotation)
  const prepared = prepareSource(source, () => false)
  return closestPassageOf(
    fragments,
    prepared,
    fragments.map((fragment) => occurrences(fragment, prepared)),
  ).closest
}
