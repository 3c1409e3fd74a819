import { describe, expect, it } from 'vitest'

import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../../src/gate/ministryWording.ts'
import { namesAMinistry } from '../../src/gate/rules/photoRules.ts'
import { resolveOptions } from '../../src/plugins/newsroom/resolveOptions.ts'

const defaults = compileMinistryWording(DEFAULT_MINISTRY_WORDING)

describe('wording given as strings', () => {
  it('reads upper-case Turkish, where the dotless ı of “Bakanlığı” is written I', () => {
    expect(namesAMinistry('DIŞİŞLERİ BAKANLIĞI', defaults)).toBe(true)
    expect(namesAMinistry('Dışişleri Bakanlığı', defaults)).toBe(true)
    expect(namesAMinistry('Türkiye Cumhuriyeti Dışişleri BAKANLIĞI', defaults)).toBe(true)
  })

  it('counts I, İ, ı and i as one letter in every word, and still needs the other letters as written', () => {
    const [ministry] = compileMinistryWording(['Ministry'])
    for (const line of ['MİNİSTRY', 'Mınıstry', 'MINISTRY', 'ministry'])
      expect(namesAMinistry(line, [ministry!])).toBe(true)
    expect(namesAMinistry('BAKANLIGI', defaults), 'ğ is not g: accents count').toBe(false)
  })

  it('matches whole words only, and any run of white space between the words of a phrase', () => {
    const wording = compileMinistryWording(['Foreign Ministry'])
    expect(namesAMinistry('Kazakh Foreign  Ministry', wording)).toBe(true)
    expect(namesAMinistry('Kazakh Foreign\u00A0Ministry', wording)).toBe(true)
    expect(namesAMinistry('Foreign Ministryship', wording)).toBe(false)
    expect(namesAMinistry('MFAN Studio', defaults)).toBe(false)
  })

  it('refuses a blank string, naming the option', () => {
    expect(() => resolveOptions({ gate: { extraMinistryWording: ['  '] } })).toThrow(
      /gate\.extraMinistryWording has " {2}"; each item must be a non-empty string/,
    )
  })
})

describe('wording given as regular expressions', () => {
  it('answers the same on every call when the host gave the g or y flag', () => {
    const [pattern] = resolveOptions({ gate: { ministryWording: [/ministry/gi] } }).gate.ministryWording
    expect(pattern!.flags).not.toMatch(/[gy]/)
    const answers = [1, 2, 3, 4].map(() => namesAMinistry('Ministry of Foreign Affairs', [pattern!]))
    expect(answers).toEqual([true, true, true, true])
    const [sticky] = compileMinistryWording([/МИД/y])
    expect(namesAMinistry('Пресс-служба МИД', [sticky!])).toBe(true)
  })

  it('adds the u flag when the pattern is valid with it, so \\p{L} means a letter', () => {
    const [pattern] = compileMinistryWording([new RegExp('(?<!\\p{L})Акорда(?!\\p{L})', 'i')])
    expect(pattern!.flags).toContain('u')
    expect(namesAMinistry('Пресс-служба Акорда', [pattern!])).toBe(true)
    expect(namesAMinistry('Акордеон', [pattern!])).toBe(false)
  })

  it('keeps a pattern that is only valid without u as the host wrote it', () => {
    const [pattern] = compileMinistryWording([new RegExp('Press\\-Office', 'i')])
    expect(pattern!.flags).toBe('i')
    expect(namesAMinistry('Presidential Press-Office', [pattern!])).toBe(true)
  })

  it('refuses at start-up a pattern with \\b next to a letter outside ASCII, naming the pattern and the remedy', () => {
    for (const pattern of [
      /\bАкорда\b/u,
      /\bАкорда/iu,
      /Акорда\b/u,
      /\b(?:МИД|Министерство)/u,
      /(?:Акорд(?:а|ы))\b/u,
    ]) {
      expect(() => resolveOptions({ gate: { extraMinistryWording: [pattern] } }), String(pattern)).toThrow(
        `newsroomPlugin: gate.extraMinistryWording has ${String(pattern)}, which puts \\b next to a letter outside ASCII`,
      )
    }
    expect(() => resolveOptions({ gate: { ministryWording: [/\bАкорда\b/u] } })).toThrow(/\(\?<!\\p\{L\}\)Акорда/)
  })

  it('accepts \\b next to ASCII letters, an escaped backslash before b, and [\\b] in a class', () => {
    expect(() => compileMinistryWording([/\bvazorat/i, /\\bАкорда/u, /[\b]Акорда/u, /\bMFA\b/])).not.toThrow()
  })

  it('refuses a pattern that matches an empty text, which would mark every credit as a ministry’s', () => {
    expect(() => resolveOptions({ gate: { extraMinistryWording: [/(?:Акорда)?/u] } })).toThrow(
      /gate\.extraMinistryWording has \/\(\?:Акорда\)\?\/u, which matches an empty text/,
    )
  })
})
