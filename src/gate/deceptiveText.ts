/**
 * Characters that make a text read differently from what it holds: invisible characters (zero-width
 * spaces and joiners, direction marks and overrides, the byte-order mark, soft hyphens, variation
 * selectors, fillers) and words that mix Latin with Cyrillic or Greek letters, the usual way to make
 * "Ministry" out of look-alike letters ("Мinistry" with a Cyrillic М).
 *
 * Some invisible characters are part of correct spelling, and are not deceptive where they do that
 * job:
 * - the zero-width non-joiner and joiner (U+200C, U+200D) between two letters of a script that
 *   shapes its letters by their neighbours: Persian needs the non-joiner in "می‌خواهیم", Hindi and
 *   Sinhala use both to choose conjunct forms ("श्री", "ශ්‍රී"). Also right after an Indic virama,
 *   which is how older Malayalam text writes its chillu letters ("അവന്‍").
 * - the joiner inside an emoji sequence (👩‍⚕️, 🏳️‍🌈), variation selectors 15 and 16 after an emoji
 *   (and after a keycap digit, #, * followed by U+20E3), tag characters of a subdivision flag (🏴 of
 *   Scotland) ending in the cancel tag. Skin-tone modifiers and regional indicators (flags) are
 *   visible characters and never counted.
 * - other variation selectors after a character that has such variants (CJK ideographs, CJK
 *   punctuation, mathematical and other symbols, Myanmar, Phags-pa), Mongolian free variation
 *   selectors after a Mongolian letter and the Mongolian vowel separator between two.
 * - the left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C) at the edge of
 *   a word in a text with right-to-left letters ("وزارت امور خارجه\u200F.", "گفت BBC\u200F."): not
 *   between two letters or digits of the same direction (inside "Ministry", "خارجه" or "2024" a mark
 *   can reorder what is shown or hide a word from a search), and not between two left-to-right
 *   words ("Foreign\u200F Affairs" in Arabic text can be shown as "Affairs Foreign").
 * Everything else stays deceptive: the same characters elsewhere (in or around Latin, Cyrillic or
 * Greek words, at word edges, doubled), the embeddings, overrides and isolates that reorder text
 * whatever surrounds them (U+202A–U+202E, U+2066–U+2069), zero-width space, word joiner, soft
 * hyphen, byte-order mark, stray tag characters, Hangul fillers and so on.
 */

/**
 * Characters that render as nothing: format characters (category Cf) and the other default-ignorable
 * code points (variation selectors, Hangul fillers, the combining grapheme joiner, …), less the
 * prepended concatenation marks and the end-of-ayah sign, which are Cf but printed.
 */
const INVISIBLE_CLASS =
  '(?![\\u0600-\\u0605\\u06DD\\u070F\\u0890\\u0891\\u08E2\\u{110BD}\\u{110CD}])[\\p{Cf}\\p{Default_Ignorable_Code_Point}]'
const isInvisible = matcher(INVISIBLE_CLASS)

const ZWNJ = '\u200C'
const ZWJ = '\u200D'
const BIDI_MARKS = new Set(['\u200E', '\u200F', '\u061C'])
const VS15 = '\uFE0E'
const VS16 = '\uFE0F'
const KEYCAP = '\u20E3'
const CANCEL_TAG = '\u{E007F}'
const MONGOLIAN_VOWEL_SEPARATOR = '\u180E'

const isLetterOrMark = matcher('[\\p{L}\\p{M}]')
const isLetter = matcher('\\p{L}')
const isWordCharacter = matcher('[\\p{L}\\p{M}\\p{N}]')
const isPictograph = matcher('\\p{Extended_Pictographic}')
const isSkinTone = matcher('\\p{Emoji_Modifier}')
const isEmoji = matcher('\\p{Emoji}')
const isKeycapBase = matcher('[0-9#*]')
const isTagSpec = matcher('[\\u{E0020}-\\u{E007E}]')
const isVariationSelector = matcher('[\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}]')
const isMongolianFreeVariationSelector = matcher('[\\u180B-\\u180D\\u180F]')
const hasVariants = matcher(
  '[\\p{Ideographic}\\u3000-\\u303F\\p{Sm}\\p{So}\\p{Script=Myanmar}\\p{Script=Phags_Pa}\\p{Script=Egyptian_Hieroglyphs}]',
)
const isMongolian = matcher('(?=[\\p{L}\\p{M}])\\p{Script_Extensions=Mongolian}')
/** Letters (and their marks) of the scripts written right to left. */
const isRightToLeft = matcher(
  '(?=[\\p{L}\\p{M}])[\\p{scx=Arabic}\\p{scx=Hebrew}\\p{scx=Syriac}\\p{scx=Thaana}\\p{scx=Nko}\\p{scx=Samaritan}\\p{scx=Mandaic}\\p{scx=Adlam}\\p{scx=Hanifi_Rohingya}\\p{scx=Yezidi}]',
)
/** Scripts whose spelling uses the zero-width non-joiner and joiner between letters. */
const JOINING_SCRIPTS = [
  'Arabic',
  'Syriac',
  'Nko',
  'Mandaic',
  'Adlam',
  'Hanifi_Rohingya',
  'Mongolian',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Tibetan',
  'Myanmar',
  'Khmer',
].map((script) => matcher(`\\p{Script_Extensions=${script}}`))
/** The viramas (and the Khmer coeng) after which a joiner or non-joiner picks the form of a consonant. */
const isVirama = matcher(
  '[\\u094D\\u09CD\\u0A4D\\u0ACD\\u0B4D\\u0BCD\\u0C4D\\u0CCD\\u0D4D\\u0DCA\\u1039\\u103A\\u17D2]',
)

function matcher(characterClass: string): (char: string | undefined) => boolean {
  const pattern = new RegExp(`^${characterClass}$`, 'u')
  return (char) => char !== undefined && pattern.test(char)
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

const INVISIBLE_NAMES: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u061C': 'Arabic letter mark',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\u00AD': 'soft hyphen',
  '\uFEFF': 'byte-order mark',
  '\u2060': 'word joiner',
  '\u2061': 'function application',
  '\u2062': 'invisible times',
  '\u2063': 'invisible separator',
  '\u2064': 'invisible plus',
  '\u034F': 'combining grapheme joiner',
  '\u115F': 'Hangul choseong filler',
  '\u1160': 'Hangul jungseong filler',
  '\u3164': 'Hangul filler',
  '\uFFA0': 'halfwidth Hangul filler',
  '\u180E': 'Mongolian vowel separator',
  '\u{E0001}': 'language tag',
  '\u{E007F}': 'cancel tag',
}

function invisibleName(char: string): string {
  const named = INVISIBLE_NAMES[char]
  if (named) return named
  const code = char.codePointAt(0)!
  if (code >= 0xfe00 && code <= 0xfe0f) return `variation selector-${code - 0xfe00 + 1}`
  if (code >= 0xe0100 && code <= 0xe01ef) return `variation selector-${code - 0xe0100 + 17}`
  if (code >= 0xe0020 && code <= 0xe007e) return 'tag character'
  if (isMongolianFreeVariationSelector(char)) return 'Mongolian free variation selector'
  return /\p{Cf}/u.test(char) ? 'format character' : 'invisible character'
}

/** Whether the code point at `at` ends an emoji: the pictograph, its skin tone or its variation selector 16. */
function endsEmoji(chars: string[], at: number): boolean {
  const char = chars[at]
  if (isPictograph(char) || isSkinTone(char)) return true
  return char === VS16 && isPictograph(chars[at - 1])
}

/** Indexes of the tag characters that spell a subdivision flag: emoji, tags, cancel tag. */
function flagTags(chars: string[]): Set<number> {
  const inFlags = new Set<number>()
  for (let start = 0; start < chars.length; start += 1) {
    if (!isTagSpec(chars[start])) continue
    let end = start
    while (isTagSpec(chars[end])) end += 1
    if (chars[end] === CANCEL_TAG && endsEmoji(chars, start - 1)) {
      for (let at = start; at <= end; at += 1) inFlags.add(at)
    }
    start = end
  }
  return inFlags
}

/**
 * For each index, the nearest letter before it (`before`) and after it (`after`), and whether the
 * text has right-to-left letters at all.
 */
function nearestLetters(chars: string[]) {
  const before: (string | undefined)[] = []
  const after: (string | undefined)[] = []
  let last: string | undefined
  let rightToLeft = false
  for (let at = 0; at < chars.length; at += 1) {
    before.push(last)
    if (isLetter(chars[at])) last = chars[at]
    if (isRightToLeft(chars[at])) rightToLeft = true
  }
  last = undefined
  for (let at = chars.length - 1; at >= 0; at -= 1) {
    after[at] = last
    if (isLetter(chars[at])) last = chars[at]
  }
  return { before, after, rightToLeft }
}

/**
 * The invisible characters of a text that do no job of spelling where they are, in order, each with
 * its index among the text's code points.
 */
export function deceptiveInvisibleCharacters(text: string): { char: string; index: number }[] {
  const chars = [...text]
  const found: { char: string; index: number }[] = []
  let tags: Set<number> | undefined
  let letters: ReturnType<typeof nearestLetters> | undefined
  for (let at = 0; at < chars.length; at += 1) {
    const char = chars[at]!
    if (!isInvisible(char)) continue
    const previous = chars[at - 1]
    const next = chars[at + 1]
    let spelling = false
    if (char === ZWNJ || char === ZWJ) {
      spelling =
        (isLetterOrMark(previous) &&
          isLetterOrMark(next) &&
          JOINING_SCRIPTS.some((script) => script(previous) && script(next))) ||
        isVirama(previous) ||
        (char === ZWJ && endsEmoji(chars, at - 1) && isPictograph(next))
    } else if (BIDI_MARKS.has(char)) {
      letters ??= nearestLetters(chars)
      const insideWord =
        isWordCharacter(previous) && isWordCharacter(next) && isRightToLeft(previous) === isRightToLeft(next)
      const betweenLeftToRightWords = [letters.before[at], letters.after[at]].every(
        (letter) => letter !== undefined && !isRightToLeft(letter),
      )
      spelling = letters.rightToLeft && !insideWord && !betweenLeftToRightWords
    } else if (char === VS15 || char === VS16) {
      spelling = isKeycapBase(previous) ? next === KEYCAP : isEmoji(previous) || hasVariants(previous)
    } else if (isVariationSelector(char)) {
      spelling = hasVariants(previous)
    } else if (isMongolianFreeVariationSelector(char)) {
      spelling = isMongolian(previous)
    } else if (char === MONGOLIAN_VOWEL_SEPARATOR) {
      spelling = isMongolian(previous) && isMongolian(next)
    } else if (isTagSpec(char) || char === CANCEL_TAG) {
      tags ??= flagTags(chars)
      spelling = tags.has(at)
    }
    if (!spelling) found.push({ char, index: at })
  }
  return found
}

/**
 * Latin, Cyrillic and Greek by the Script property: the Kazakh ә ғ қ ң ө ұ ү һ і are Cyrillic, the
 * Turkish ı İ ş ğ ç ö ü Latin, and combining accents belong to no script here.
 */
const SCRIPTS: [name: string, pattern: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
]

/** What is deceptive in a text, as sentences for an editor; empty when nothing is. */
export function describeDeceptiveText(text: string): string[] {
  const problems: string[] = []
  const invisible = [...new Set(deceptiveInvisibleCharacters(text).map(({ char }) => char))]
  if (invisible.length > 0) {
    problems.push(
      `holds invisible characters (${invisible.map((c) => `${invisibleName(c)} ${codePoint(c)}`).join(', ')})`,
    )
  }
  // Invisible characters are taken out first: "М\u200Binistry" is shown as one word, and is one.
  for (const word of withoutInvisibleCharacters(text)
    .normalize('NFC')
    .split(/[^\p{L}\p{M}]+/u)) {
    const scripts = SCRIPTS.filter(([, pattern]) => pattern.test(word))
    if (scripts.length < 2) continue
    const minority = scripts
      .map(([name, pattern]) => ({ name, letters: [...word].filter((c) => pattern.test(c)) }))
      .sort((a, b) => a.letters.length - b.letters.length)[0]!
    problems.push(
      `mixes ${scripts.map(([name]) => name).join(' and ')} letters in “${word}” (${minority.name} ${minority.letters.map((c) => `“${c}” ${codePoint(c)}`).join(', ')})`,
    )
  }
  return problems
}

/** A subdivision flag, captured, or an invisible character. */
const FLAG_OR_INVISIBLE = new RegExp(
  `(\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier})?[\\u{E0020}-\\u{E007E}]+\\u{E007F})|${INVISIBLE_CLASS}`,
  'gu',
)

/**
 * The text without invisible characters, for comparisons: every one of them goes, wherever it is,
 * including those that are correct spelling. A zero-width non-joiner only changes how the letters
 * around it are drawn, not which letters they are, and Persian is often written without it (or
 * copied from a source that lacks it): "می‌خواهیم" and "میخواهیم" are the same word, so a quotation
 * matches its source with the same non-joiners, with fewer, or with none. Where one stands
 * deceptively, the deceptive-characters rule reports it. The exception is the tags of a subdivision
 * flag, which say which flag it is: they are kept (and a variation selector 16 before them goes).
 */
export const withoutInvisibleCharacters = (text: string) =>
  text.replace(FLAG_OR_INVISIBLE, (_found, flag: string | undefined) => flag?.replace(VS16, '') ?? '')
