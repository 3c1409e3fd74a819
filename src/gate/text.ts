/**
 * Text comparison for quotations. Two texts count as the same when they differ only in white
 * space, straight versus typographic quotation marks and apostrophes, dash forms, Unicode
 * normalisation and invisible format characters (reported by their own rule). Nothing else is
 * forgiven: a changed word or a dropped "not" is a misquote.
 */

import { withoutInvisibleCharacters } from './deceptiveText.ts'

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g

export function normaliseForComparison(input: string): string {
  return withoutInvisibleCharacters(input)
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Editors sometimes type the quotation marks around a quote; they are not part of it. */
export function stripEnclosingQuotes(text: string): string {
  return text.replace(/^\s*["']+\s*/, '').replace(/\s*["']+\s*$/, '')
}

/** "…", "..." and "[…]" mark an omission. After NFKC "…" is "...". */
const ELISION = /\s*(?:\[\s*\.\.\.\s*\]|\.\.\.)\s*/

export interface QuoteMatch {
  found: boolean
  /** When not found: the passage of the source closest to the quotation. */
  closest?: string
}

/** Finds each part of the quotation, between elisions, in order in the source. */
export function findQuotation(quotation: string, source: string): QuoteMatch {
  const quote = stripEnclosingQuotes(normaliseForComparison(quotation))
  const text = normaliseForComparison(source)
  const parts = quote
    .split(ELISION)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
  if (parts.length === 0) return { found: false, closest: undefined }

  let from = 0
  for (const part of parts) {
    const at = text.indexOf(part, from)
    if (at === -1) return { found: false, closest: closestPassage(parts.join(' '), text) }
    from = at + part.length
  }
  return { found: true }
}

const words = (text: string) => text.split(' ').filter(Boolean)
const wordKey = (word: string) => foldCase(word).replace(/[^\p{L}\p{N}]/gu, '')

/**
 * The window of the source, as long as the quotation, that shares the most words with it in
 * order (longest common subsequence of words), so the editor sees what the source says.
 */
export function closestPassage(quotation: string, source: string): string | undefined {
  const quoteWords = words(quotation).map(wordKey)
  const sourceWords = words(source)
  if (sourceWords.length === 0 || quoteWords.length === 0) return undefined
  const width = Math.min(sourceWords.length, quoteWords.length + 2)
  let best = { score: -1, start: 0 }
  for (let start = 0; start + width <= sourceWords.length; start += 1) {
    const window = sourceWords.slice(start, start + width).map(wordKey)
    const score = commonSubsequenceLength(quoteWords, window)
    if (score > best.score) best = { score, start }
  }
  return sourceWords.slice(best.start, best.start + width).join(' ')
}

function commonSubsequenceLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = 0
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!)
      diagonal = above
    }
  }
  return row[b.length]!
}

/**
 * Lower case for comparing, right for Turkish and Kazakh as well: the dotted and dotless i of
 * those alphabets (I, İ, ı, i) are one letter here, so "DIŞİŞLERİ BAKANLIĞI" = "Dışişleri Bakanlığı".
 */
export function foldCase(input: string): string {
  return input.replace(/[Iİı]/g, 'i').toLowerCase().replace(/i\u0307/g, 'i')
}

/** Case- and accent-insensitive form for comparing names ("Türkiye" = "TURKIYE"). */
export function foldName(input: string): string {
  return foldCase(normaliseForComparison(input))
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Shortens a text for a message, on a word boundary. */
export function excerpt(text: string, max = 90): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  return `${clean.slice(0, max).replace(/\s+\S*$/, '')}…`
}
