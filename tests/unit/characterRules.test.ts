import { describe, expect, it } from 'vitest'

import { characterCases } from './characterRules.cases.ts'
import {
  articleContext,
  bodyImageUse,
  handoutPhoto,
  heroUse,
  ID,
  jointStatement,
  participantQuote,
  statementQuote,
} from './gateContext.ts'
import { builtInRule, describeRuleCases } from './ruleCases.ts'

describeRuleCases(characterCases)

const deceptive = (context: ReturnType<typeof articleContext>) => builtInRule('deceptive-characters').check(context)
const creditLine = (line: string) => deceptive(articleContext({ photos: [handoutPhoto({ credit: { line } })] }))

describe('deceptive-characters in credit lines', () => {
  it('reports a Cyrillic letter passed off as a Latin one, naming it', () => {
    expect(creditLine('\u041Cinistry of Foreign Affairs')).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          'the credit line mixes Latin and Cyrillic letters in “Мinistry” (Cyrillic “М” U+041C). Retype it.',
        ),
      },
    ])
  })

  it('reports Greek look-alikes too', () => {
    expect(creditLine('Ministry of Foreign Affairs of the Hellenic Republic, \u0391thens')[0]?.message).toContain(
      'mixes Latin and Greek letters in “Αthens” (Greek “Α” U+0391)',
    )
  })

  it('names each kind of invisible character once', () => {
    expect(creditLine('\u202EMinistry\u200B of\u200B Foreign Affairs')[0]?.message).toContain(
      'holds invisible characters (right-to-left override U+202E, zero-width space U+200B)',
    )
  })

  it('reports invisible characters and mixed alphabets in one line as two findings', () => {
    expect(creditLine('M\u0456nistry of Foreign\u00AD Affairs')).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining('holds invisible characters (soft hyphen U+00AD)') },
      { path: 'heroPhoto', message: expect.stringContaining('mixes Latin and Cyrillic letters in “Mіnistry”') },
    ])
  })

  it('accepts credits written wholly in Cyrillic, or in Latin with accents', () => {
    expect(creditLine('МИД Казахстана')).toEqual([])
    expect(creditLine('Қазақстан Республикасы Сыртқы істер министрлігі / MFA Kazakhstan')).toEqual([])
    expect(creditLine('Dışişleri Bakanlığı / Türkiye')).toEqual([])
  })

  it('checks a photo once, where it first appears', () => {
    const photo = handoutPhoto({ credit: { line: 'Ministry\u200B of Foreign Affairs' } })
    const findings = deceptive(articleContext({ photos: [photo], photoUses: [bodyImageUse(ID.photo, 1), heroUse()] }))
    expect(findings).toEqual([
      { path: 'body', message: expect.stringContaining('body, image 1: the credit line holds invisible characters') },
    ])
  })

  it('treats a photo without a credit as having nothing to hide', () => {
    expect(deceptive(articleContext({ photos: [handoutPhoto({ credit: null })] }))).toEqual([])
  })
})

describe('deceptive-characters in quotations', () => {
  it('reports a direction override in a quotation, by its number', () => {
    const quotes = [
      statementQuote('should be universally respected and complied with', 1),
      participantQuote('We will \u202Enot\u202C host the talks again.', ID.kazakhMfa, 2),
    ]
    expect(deceptive(articleContext({ quotes }))).toEqual([
      {
        path: 'body',
        message:
          'Quotation 2: the text holds invisible characters (right-to-left override U+202E, pop directional formatting U+202C). Retype it from the source.',
      },
    ])
  })

  it('reports look-alike letters in a quotation', () => {
    const quotes = [statementQuote('The parties do n\u043Et accept any attempts')]
    expect(deceptive(articleContext({ quotes }))[0]?.message).toMatch(
      /^Quotation 1: the text mixes Latin and Cyrillic letters in “nоt” \(Cyrillic “о” U\+043E\)/,
    )
  })

  it('accepts a Russian quotation', () => {
    const quotes = [participantQuote('Стороны не приемлют любые попытки создать новые реалии на земле.', ID.russia)]
    expect(deceptive(articleContext({ quotes }))).toEqual([])
  })
})

describe('deceptive-characters and the spelling of scripts', () => {
  const quoted = (text: string) => articleContext({ quotes: [participantQuote(text, ID.iran)] })
  /** The quotation attributed to a joint statement that says `plainText`. */
  const quotedFrom = (text: string, plainText: string) =>
    articleContext({ statements: [jointStatement({ plainText })], quotes: [statementQuote(text)] })

  it('accepts a Persian quotation with zero-width non-joiners, and finds it in its Persian source', () => {
    const statement = 'ما نمی\u200Cخواهیم که تنش\u200Cها در منطقه افزایش یابد. این کار نمی\u200Cشود.'
    const quote = 'نمی\u200Cخواهیم که تنش\u200Cها در منطقه افزایش یابد'
    const inStatement = builtInRule('quote-in-statement')
    expect(deceptive(quotedFrom(quote, statement))).toEqual([])
    expect(inStatement.check(quotedFrom(quote, statement))).toEqual([])
    expect(inStatement.check(quotedFrom(quote.replaceAll('\u200C', ''), statement))).toEqual([])
    expect(inStatement.check(quotedFrom(quote, statement.replaceAll('\u200C', '')))).toEqual([])
    // "decrease" for "grow" is a misquote, non-joiners or not
    expect(inStatement.check(quotedFrom(quote.replace('افزایش', 'کاهش'), statement))).toHaveLength(1)
  })

  it('accepts Hindi and Sinhala credit lines with joiners, and emoji sequences and flags in a quotation', () => {
    expect(creditLine('विदेश मंत्रालय, भारत (क्\u200Dष, क्\u200Cष)')).toEqual([])
    expect(creditLine('ශ්\u200Dරී ලංකා විදේශ කටයුතු අමාත්\u200Dයාංශය')).toEqual([])
    const emoji =
      'Thank you \u{1F469}\u200D\u2695\uFE0F \u{1F3F3}\uFE0F\u200D\u{1F308} \u{1F1F0}\u{1F1FF} \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'
    expect(deceptive(quoted(emoji))).toEqual([])
  })

  it('accepts direction marks at the edge of right-to-left words', () => {
    expect(creditLine('وزارت امور خارجه\u200F / MFA Iran')).toEqual([])
    expect(deceptive(quoted('\u200Fوزارة الخارجية السورية\u200F: بيان\u200F 2024\u061C.'))).toEqual([])
  })

  it.each([
    ['a zero-width space inside a Latin word', 'Mini\u200Bstry of Foreign Affairs', 'zero-width space U+200B'],
    [
      'a zero-width non-joiner inside a Latin word',
      'Mini\u200Cstry of Foreign Affairs',
      'zero-width non-joiner U+200C',
    ],
    ['a right-to-left override in Persian', 'وزارت \u202Eامور خارجه', 'right-to-left override U+202E'],
    ['a right-to-left mark in English', 'Ministry\u200F of Foreign Affairs', 'right-to-left mark U+200F'],
    ['a non-joiner at the end of a Persian word', 'وزارت\u200C امور خارجه', 'zero-width non-joiner U+200C'],
  ])('still reports %s in a credit line, naming it', (_name, line, named) => {
    expect(creditLine(line)).toEqual([
      {
        path: 'heroPhoto',
        message: `Photo 'Syrian talks in Astana' (#101), hero photo: the credit line holds invisible characters (${named}). Retype it.`,
      },
    ])
  })

  it('still reports a Cyrillic М in “Мinistry” next to Persian text with non-joiners', () => {
    expect(creditLine('\u041Cinistry of Foreign Affairs / وزارت امور خارجه و تنش\u200Cها')).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          'the credit line mixes Latin and Cyrillic letters in “Мinistry” (Cyrillic “М” U+041C)',
        ),
      },
    ])
  })

  it('still reports a direction override in a Persian quotation, by its number', () => {
    expect(deceptive(quoted('ما \u202Eنمی\u200Cخواهیم\u202C'))).toEqual([
      {
        path: 'body',
        message:
          'Quotation 1: the text holds invisible characters (right-to-left override U+202E, pop directional formatting U+202C). Retype it from the source.',
      },
    ])
  })
})
