/**
 * Text comparison for quotations and names. `normaliseForComparison` makes two texts the same when
 * they differ only in white space, straight versus typographic quotation marks and apostrophes,
 * dash forms, Unicode normalisation and invisible format characters (reported by their own rule).
 * Quotations are then matched word by word in `quoteMatch.ts`.
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

/**
 * Lower case for comparing, right for Turkish and Kazakh as well: the dotted and dotless i of
 * those alphabets (I, İ, ı, i) are one letter here, so "DIŞİŞLERİ BAKANLIĞI" = "Dışişleri Bakanlığı".
 */
export function foldCase(input: string): string {
  return input
    .replace(/[Iİı]/g, 'i')
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
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

/**
 * A moment as an editor reads it in a finding, in UTC and saying so: `29 November 2026, 00:07 UTC`,
 * with the seconds when there are any (an embargo may end at 00:07:26, and 00:07 would be too early).
 */
export function readableMoment(moment: Date): string {
  const seconds = moment.getUTCSeconds() !== 0 || moment.getUTCMilliseconds() !== 0
  const date = moment.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const time = moment.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hour12: false,
    timeZone: 'UTC',
  })
  return `${date}, ${time} UTC`
}
