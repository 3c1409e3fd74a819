/**
 * Words that mark a credit as a ministry's, in the languages of the region the desk covers.
 * Matched as whole words, case-insensitively, the Turkish dotted and dotless i counting as one letter.
 */
export const DEFAULT_MINISTRY_WORDING: (string | RegExp)[] = [
  'Ministry',
  'Ministries',
  'Minister',
  'Foreign Ministry',
  'MFA',
  'MoFA',
  'Ministerio',
  'Ministère',
  'Ministerium',
  'Bakanlığı',
  'Министерство',
  'Министерства',
  'МИД',
  'Министрлігі',
  'министрлігі',
  'Вазорати',
  'وزارة',
  'وزارت',
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** I, İ, ı and i are one letter here (Turkish, Azerbaijani, Kazakh in Latin script), with or without a combining dot. */
const ANY_I = '(?:[Iİıi]\\u0307?)'
/** What may not touch either end of a word of the wording: a letter, a combining mark or a digit. */
const WORD_EDGE_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])'
const WORD_EDGE_AFTER = '(?![\\p{L}\\p{M}\\p{N}])'

/**
 * A string of the wording as a pattern: the whole word or phrase, any case, any run of white space
 * between its words, and the four Turkish i's as one letter ("BAKANLIĞI" is "Bakanlığı").
 */
function stringPattern(text: string): RegExp {
  const body = [...text.normalize('NFC').trim()]
    .map((character) => {
      if (/[Iİıi]/.test(character)) return ANY_I
      if (/\s/.test(character)) return '\\s+'
      return escape(character)
    })
    .join('')
    .replace(/(?:\\s\+)+/g, '\\s+')
  return new RegExp(`${WORD_EDGE_BEFORE}${body}${WORD_EDGE_AFTER}`, 'iu')
}

/** Whether the character at `index` of a pattern's source is escaped by an odd number of backslashes. */
function escaped(source: string, index: number): boolean {
  let backslashes = 0
  for (let at = index - 1; at >= 0 && source[at] === '\\'; at -= 1) backslashes += 1
  return backslashes % 2 === 1
}

/** A letter `\b` cannot see: outside ASCII (and not one of the two that the `iu` flags let in). */
function beyondWordBoundary(character: string | undefined, flags: string): boolean {
  if (!character || !/\p{L}/u.test(character) || character.charCodeAt(0) < 0x80) return false
  const unicodeIgnoreCase = flags.includes('i') && (flags.includes('u') || flags.includes('v'))
  return !(unicodeIgnoreCase && (character === '\u017F' || character === '\u212A'))
}

/**
 * Where a pattern puts `\b` against a letter outside ASCII ("\bАкорда", "Акорда\b"). JavaScript's
 * `\b` only knows ASCII letters, digits and "_", so such a boundary never falls where the author meant.
 */
function boundaryBesideNonAsciiLetter(pattern: RegExp): boolean {
  const { source, flags } = pattern
  let inClass = false
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]
    if (escaped(source, index)) continue
    if (inClass) {
      if (character === ']') inClass = false
      continue
    }
    if (character === '[') {
      inClass = true
      continue
    }
    if (character !== '\\' || source[index + 1] !== 'b') continue
    // After: skip the openings of groups, "(", "(?:" and "(?<name>".
    let after = index + 2
    for (;;) {
      const rest = source.slice(after)
      const opening = /^(?:\(\?:|\(\?<[A-Za-z_$][\w$]*>|\((?!\?))/.exec(rest)
      if (!opening) break
      after += opening[0].length
    }
    // Before: skip the ends of groups.
    let before = index - 1
    while (before >= 0 && source[before] === ')' && !escaped(source, before)) before -= 1
    const previous = before >= 0 && !escaped(source, before) ? source[before] : undefined
    if (beyondWordBoundary(source[after], flags) || beyondWordBoundary(previous, flags)) return true
  }
  return false
}

/**
 * A host's pattern made safe to share: without the `g` and `y` flags (with them, `test` resumes
 * from the last match and answers differently on each call), with `u` added when the pattern
 * compiles with it (so `\p{L}` means a letter). Refused, with the reason, when it cannot match as
 * meant or matches every credit line.
 */
function hostPattern(pattern: RegExp, option: string): RegExp {
  let flags = pattern.flags.replace(/[gy]/g, '')
  if (!flags.includes('u') && !flags.includes('v')) {
    try {
      new RegExp(pattern.source, `${flags}u`)
      flags += 'u'
    } catch {
      // Not valid with `u` (an escape such as `\-` outside a class): kept as the host wrote it.
    }
  }
  const compiled = new RegExp(pattern.source, flags)
  if (boundaryBesideNonAsciiLetter(compiled)) {
    throw new Error(
      `newsroomPlugin: ${option} has ${String(pattern)}, which puts \\b next to a letter outside ASCII. In JavaScript \\b only ` +
        'knows the ASCII letters, so it never marks where such a word begins or ends. Bound the word with lookarounds ' +
        'instead, e.g. /(?<!\\p{L})Акорда(?!\\p{L})/iu, or give the word as a string.',
    )
  }
  if (compiled.test('')) {
    throw new Error(
      `newsroomPlugin: ${option} has ${String(pattern)}, which matches an empty text and so would mark every credit ` +
        'line as a ministry’s. Make it match at least one character.',
    )
  }
  return compiled
}

/**
 * The wording as patterns: strings become whole-word, case-insensitive, Turkish-aware patterns;
 * regular expressions are made safe (see `hostPattern`). Throws, naming `option` and the item,
 * for wording that cannot work, so a host finds out at start-up.
 */
export function compileMinistryWording(wording: (string | RegExp)[], option = 'gate.ministryWording'): RegExp[] {
  return wording.map((item) => {
    if (item instanceof RegExp) return hostPattern(item, option)
    if (typeof item !== 'string' || item.trim() === '') {
      throw new Error(
        `newsroomPlugin: ${option} has ${JSON.stringify(item) ?? String(item)}; each item must be a non-empty string or a regular expression.`,
      )
    }
    return stringPattern(item)
  })
}
