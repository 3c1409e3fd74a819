import { describe, expect, it } from 'vitest'

import { characterCases } from './characterRules.cases.ts'
import {
  articleContext,
  bodyImageUse,
  handoutPhoto,
  heroUse,
  ID,
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
