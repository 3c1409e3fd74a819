/**
 * Characters that make a text read differently from what it holds: invisible format characters
 * (zero-width spaces and joiners, direction marks and overrides, the byte-order mark, soft
 * hyphens) and words that mix Latin with Cyrillic or Greek letters, the usual way to make
 * "Ministry" out of look-alike letters ("Мinistry" with a Cyrillic М).
 */

/** Unicode format characters (category Cf), which render as nothing or change the direction of what follows. */
const INVISIBLE = /\p{Cf}/gu

const SCRIPTS: [name: string, pattern: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
]

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

const INVISIBLE_NAMES: Record<string, string> = {
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
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
}

/** What is deceptive in a text, as sentences for an editor; empty when nothing is. */
export function describeDeceptiveText(text: string): string[] {
  const problems: string[] = []
  const invisible = [...new Set(text.match(INVISIBLE) ?? [])]
  if (invisible.length > 0) {
    problems.push(
      `holds invisible characters (${invisible.map((c) => `${INVISIBLE_NAMES[c] ?? 'format character'} ${codePoint(c)}`).join(', ')})`,
    )
  }
  for (const word of text.normalize('NFC').split(/[^\p{L}\p{M}]+/u)) {
    const scripts = SCRIPTS.filter(([, pattern]) => pattern.test(word))
    if (scripts.length < 2) continue
    const minority = scripts
      .map(([name, pattern]) => ({ name, letters: [...word].filter((c) => pattern.test(c)) }))
      .sort((a, b) => a.letters.length - b.letters.length)[0]!
    problems.push(
      `mixes ${scripts.map(([name]) => name).join(' and ')} letters in “${word.replace(INVISIBLE, '')}” (${minority.name} ${minority.letters.map((c) => `“${c}” ${codePoint(c)}`).join(', ')})`,
    )
  }
  return problems
}

/** The text without invisible format characters, for comparisons. */
export const withoutInvisibleCharacters = (text: string) => text.replace(INVISIBLE, '')
