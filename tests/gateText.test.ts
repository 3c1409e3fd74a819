import { describe, expect, it } from 'vitest'

import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../src/gate/ministryWording.ts'
import { creditAgreesWithIssuer, namesAMinistry } from '../src/gate/rules/photoRules.ts'
import { closestPassage, findQuotation } from '../src/gate/quoteMatch.ts'
import { foldName, normaliseForComparison } from '../src/gate/text.ts'

const SOURCE =
  'The parties do not accept any attempts to create new realities on the ground. ' +
  "They stressed that the UN Charter should be universally respected and complied with, including Syria's sovereignty."

describe('quotation matching', () => {
  it('forgives only spacing, quotation marks, apostrophes, dashes and Unicode forms', () => {
    expect(normaliseForComparison('“Syria’s\u00A0 future” — now')).toBe(`"Syria's future" - now`)
    expect(normaliseForComparison('Türkiye')).toBe(normaliseForComparison('Tu\u0308rkiye'))
    expect(findQuotation('including Syria’s sovereignty', SOURCE).found).toBe(true)
    expect(findQuotation('“The parties do not accept any attempts”', SOURCE).found).toBe(true)
  })

  it('allows omissions marked with …, ... or […], in order', () => {
    for (const mark of ['…', '...', '[…]', '[...]']) {
      expect(findQuotation(`The parties do not accept ${mark} on the ground.`, SOURCE).found).toBe(true)
    }
    expect(findQuotation('on the ground … The parties do not accept', SOURCE).found).toBe(false)
  })

  it('refuses a changed word, a dropped “not”, a changed case after the first letter and a splice', () => {
    expect(findQuotation('The parties do not accept any attempt to create', SOURCE).found).toBe(false)
    expect(findQuotation('The parties do accept any attempts', SOURCE).found).toBe(false)
    expect(findQuotation('The Parties do not accept', SOURCE).found).toBe(false)
    expect(
      findQuotation('The parties do not accept any attempts. They stressed that the UN Charter', SOURCE).found,
    ).toBe(false)
  })

  it('leaves the case of the first letter to the quotation', () => {
    expect(findQuotation('the parties do not accept', SOURCE).found).toBe(true)
    expect(findQuotation('Should be universally respected', SOURCE).found).toBe(true)
  })

  it('shows the closest passage of the source', () => {
    const match = findQuotation('The parties do accept any attempts to create new realities', SOURCE)
    expect(match.closest).toBe('The parties do not accept any attempts to create new realities on')
    expect(closestPassage('universally respected', SOURCE)).toContain('universally respected')
  })
})

describe('ministry credits', () => {
  const wording = compileMinistryWording(DEFAULT_MINISTRY_WORDING)

  it('recognises a ministry by its wording, as whole words', () => {
    expect(namesAMinistry('Ministry of Foreign Affairs', wording)).toBe(true)
    expect(namesAMinistry('Kazakh MFA', wording)).toBe(true)
    expect(namesAMinistry('Пресс-служба МИД России', wording)).toBe(true)
    expect(namesAMinistry('Қазақстан Республикасы Сыртқы істер министрлігі', wording)).toBe(true)
    expect(namesAMinistry('Reuters', wording)).toBe(false)
    expect(namesAMinistry('MFAN Studio', wording)).toBe(false)
  })

  it('matches a credit line to the issuer’s names, ignoring case and accents', () => {
    const names = [
      'Ministry of Foreign Affairs of the Republic of Kazakhstan',
      'Kazakh Foreign Ministry',
      'Ministry of Foreign Affairs',
    ]
    expect(creditAgreesWithIssuer('ministry of foreign affairs', names)).toBe(true)
    expect(creditAgreesWithIssuer('Ministry of Foreign Affairs / Handout', names)).toBe(true)
    expect(creditAgreesWithIssuer('Ministry of Defence', names)).toBe(false)
    expect(creditAgreesWithIssuer('Ministry', names)).toBe(false)
    expect(foldName('TÜRKİYE')).toBe(foldName('Türkiye'))
  })
})
