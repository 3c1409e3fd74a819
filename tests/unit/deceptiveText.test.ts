import { describe, expect, it } from 'vitest'

import {
  deceptiveInvisibleCharacters,
  describeDeceptiveText,
  withoutInvisibleCharacters,
} from '../../src/gate/deceptiveText.ts'
import { findQuotation } from '../../src/gate/quoteMatch.ts'

const ZWNJ = '\u200C'
const ZWJ = '\u200D'
const RLM = '\u200F'
const LRM = '\u200E'
const ALM = '\u061C'

/** "We do not want tensions in the region to grow. Iran supports dialogue." */
const PERSIAN_STATEMENT = `ما نمی${ZWNJ}خواهیم که تنش${ZWNJ}ها در منطقه افزایش یابد. ایران از گفت${ZWNJ}وگو حمایت می${ZWNJ}کند.`
const PERSIAN_QUOTE = `نمی${ZWNJ}خواهیم که تنش${ZWNJ}ها در منطقه افزایش یابد`

const EMOJI = {
  healthWorker: '\u{1F469}\u200D\u2695\uFE0F',
  rainbowFlag: '\u{1F3F3}\uFE0F\u200D\u{1F308}',
  technician: '\u{1F468}\u{1F3FD}\u200D\u{1F4BB}',
  kazakhstanFlag: '\u{1F1F0}\u{1F1FF}',
  scotlandFlag: '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  redHeart: '\u2764\uFE0F',
  keycapOne: '1\uFE0F\u20E3',
  waveWithTone: '\u{1F44B}\u{1F3FC}',
}

describe('invisible characters that belong to the spelling of a script', () => {
  it.each([
    ['Persian with zero-width non-joiners', PERSIAN_STATEMENT],
    ['Persian “we want”, “it does not”', `می${ZWNJ}خواهیم، نمی${ZWNJ}شود`],
    ['Persian with vowel signs before the non-joiner', `می\u0650${ZWNJ}خواهیم`],
    ['Hindi half forms (joiner after a virama)', `क्${ZWJ}ष और क्${ZWNJ}ष`],
    ['Hindi letters kept apart by a non-joiner', `विदेश${ZWNJ}मंत्रालय`],
    ['Sinhala ශ්‍රී ලංකා', `ශ්${ZWJ}රී ලංකා විදේශ කටයුතු අමාත්${ZWJ}යාංශය`],
    ['Malayalam chillu written with a joiner after the virama', `അവന്${ZWJ} പറഞ്ഞു`],
    ['Arabic with a non-joiner between letters', `لا${ZWNJ}أدري`],
    ['emoji sequences, skin tones, keycaps and flags', Object.values(EMOJI).join(' ')],
    ['a right-to-left mark after a Persian word, before a full stop', `وزارت امور خارجه${RLM}.`],
    ['a right-to-left mark between an Arabic word and digits', `بيان${RLM} 2024`],
    ['a right-to-left mark before an Arabic word', `${RLM}وزارة الخارجية`],
    ['an Arabic letter mark after an Arabic word', `سوريا${ALM}، تركيا`],
    ['a left-to-right mark between Arabic and Latin words', `وزارة الخارجية${LRM} MFA`],
    ['a right-to-left mark after a Latin acronym ending a Persian sentence', `به گزارش BBC${RLM}.`],
    ['Han ideographs with an ideographic variation selector', '葛\u{E0100}城市'],
    ['Mongolian with a free variation selector', 'ᠮᠣᠩᠭᠣᠯ\u180B'],
  ])('accepts %s', (_name, text) => {
    expect(deceptiveInvisibleCharacters(text)).toEqual([])
    expect(describeDeceptiveText(text)).toEqual([])
  })
})

describe('invisible characters elsewhere', () => {
  it.each([
    ['a zero-width space in a Latin word', 'Mini\u200Bstry', 'zero-width space U+200B'],
    ['a zero-width non-joiner in a Latin word', `Mini${ZWNJ}stry`, 'zero-width non-joiner U+200C'],
    ['a zero-width joiner in a Cyrillic word', `Мини${ZWJ}стерство`, 'zero-width joiner U+200D'],
    ['a zero-width non-joiner in a Greek word', `Υπουργ${ZWNJ}είο`, 'zero-width non-joiner U+200C'],
    ['a non-joiner at the end of a Persian word', `می${ZWNJ} خواهیم`, 'zero-width non-joiner U+200C'],
    ['a non-joiner at the start of a text', `${ZWNJ}می`, 'zero-width non-joiner U+200C'],
    ['two non-joiners in a Persian word', `می${ZWNJ}${ZWNJ}خواهیم`, 'zero-width non-joiner U+200C'],
    ['a non-joiner between a Persian and a Devanagari letter', `می${ZWNJ}क`, 'zero-width non-joiner U+200C'],
    ['a joiner between an emoji and a letter', '\u{1F469}\u200Da', 'zero-width joiner U+200D'],
    ['a right-to-left override in a Persian text', `وزارت \u202Eامور خارجه`, 'right-to-left override U+202E'],
    ['a right-to-left override in English', 'We will \u202Enot\u202C go', 'right-to-left override U+202E'],
    ['a right-to-left embedding', `وزارة \u202Bالخارجية\u202C`, 'right-to-left embedding U+202B'],
    ['a right-to-left isolate', `وزارة \u2067الخارجية\u2069`, 'right-to-left isolate U+2067'],
    ['a right-to-left mark in English text', `should be universally${RLM} respected`, 'right-to-left mark U+200F'],
    ['a right-to-left mark inside an Arabic word', `الخار${RLM}جية`, 'right-to-left mark U+200F'],
    ['a left-to-right mark inside a Latin word in Arabic text', `وزارة MF${LRM}A`, 'left-to-right mark U+200E'],
    [
      'a right-to-left mark between two Latin words in Arabic text',
      `وزارة Foreign${RLM} Affairs`,
      'right-to-left mark U+200F',
    ],
    ['a right-to-left mark inside a number in Persian text', `سال ۲۰${RLM}۲۴`, 'right-to-left mark U+200F'],
    ['a soft hyphen', 'For\u00ADeign', 'soft hyphen U+00AD'],
    ['a byte-order mark', '\uFEFFMinistry', 'byte-order mark U+FEFF'],
    ['a word joiner', 'Foreign\u2060Affairs', 'word joiner U+2060'],
    ['a variation selector in a Latin word', 'Mini\uFE00stry', 'variation selector-1 U+FE00'],
    ['a variation selector 16 after a digit that is no keycap', 'in 2\uFE0F024', 'variation selector-16 U+FE0F'],
    ['a Hangul filler', 'Ministry\u3164of', 'Hangul filler U+3164'],
    ['tag characters spelling a hidden word', 'do\u{E006E}\u{E006F}\u{E0074} accept', 'tag character U+E006E'],
    ['a flag’s tags without their cancel tag', '\u{1F3F4}\u{E0067}\u{E0062}', 'tag character U+E0067'],
  ])('reports %s', (_name, text, named) => {
    expect(describeDeceptiveText(text)).toEqual([expect.stringMatching(/^holds invisible characters \(/)])
    expect(describeDeceptiveText(text)[0]).toContain(named)
  })

  it('says where each one is, among the code points of the text', () => {
    expect(deceptiveInvisibleCharacters(`Mini${ZWNJ}stry and می${ZWNJ}خواهیم and می${ZWNJ} \u{1F469}${ZWJ}a`)).toEqual([
      { char: ZWNJ, index: 4 },
      { char: ZWNJ, index: 30 },
      { char: ZWJ, index: 33 },
    ])
  })

  it('names each kind of character once, in the order they first appear', () => {
    expect(describeDeceptiveText(`\u2067Mini\u200Bstry${ZWNJ} of\u200B Foreign${ZWNJ}`)).toEqual([
      'holds invisible characters (right-to-left isolate U+2067, zero-width space U+200B, zero-width non-joiner U+200C)',
    ])
  })

  it('does not count the Arabic number sign and end-of-ayah sign, which are printed', () => {
    expect(describeDeceptiveText('\u0600١٢٣ ۝')).toEqual([])
  })
})

describe('words mixing alphabets', () => {
  it('reports a Cyrillic letter in a Latin word, also when an invisible character splits the word', () => {
    expect(describeDeceptiveText('\u041Cinistry')).toEqual([
      'mixes Latin and Cyrillic letters in “Мinistry” (Cyrillic “М” U+041C)',
    ])
    expect(describeDeceptiveText('\u041C\u200Binistry')).toEqual([
      'holds invisible characters (zero-width space U+200B)',
      'mixes Latin and Cyrillic letters in “Мinistry” (Cyrillic “М” U+041C)',
    ])
  })

  it('reports a Latin letter in a Cyrillic word and a Greek one in a Latin word', () => {
    expect(describeDeceptiveText('Миниcтерство')).toEqual([
      'mixes Latin and Cyrillic letters in “Миниcтерство” (Latin “c” U+0063)',
    ])
    expect(describeDeceptiveText('\u0391thens')).toEqual([
      'mixes Latin and Greek letters in “Αthens” (Greek “Α” U+0391)',
    ])
  })

  it('takes the Kazakh letters for Cyrillic ones', () => {
    for (const text of [
      'Қазақстан Республикасы Сыртқы істер министрлігі',
      'ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І',
      'Әділет, Үкімет, Ғылым, Өңір, Ұлттық, Һәм, Іс',
    ]) {
      expect(describeDeceptiveText(text), text).toEqual([])
      expect(describeDeceptiveText(text.normalize('NFD')), text).toEqual([])
    }
  })

  it('takes the Turkish letters for Latin ones', () => {
    for (const text of [
      'Dışişleri Bakanlığı',
      'DIŞİŞLERİ BAKANLIĞI',
      'ı İ ş ğ ç ö ü Ş Ğ Ç Ö Ü',
      'Türkiye Cumhuriyeti',
    ]) {
      expect(describeDeceptiveText(text), text).toEqual([])
      expect(describeDeceptiveText(text.normalize('NFD')), text).toEqual([])
    }
  })

  it('reports a Kazakh letter passed off as a Latin one', () => {
    expect(describeDeceptiveText('M\u0456nistry')).toEqual([
      'mixes Latin and Cyrillic letters in “Mіnistry” (Cyrillic “і” U+0456)',
    ])
  })
})

describe('withoutInvisibleCharacters', () => {
  it('takes out every invisible character, correct spelling or not', () => {
    expect(withoutInvisibleCharacters(`می${ZWNJ}خواهیم`)).toBe('میخواهیم')
    expect(withoutInvisibleCharacters(`Mini\u200Bstry${RLM}`)).toBe('Ministry')
    expect(withoutInvisibleCharacters(EMOJI.healthWorker)).toBe('\u{1F469}\u2695')
    expect(withoutInvisibleCharacters('do\u{E006E}\u{E006F}\u{E0074} accept')).toBe('do accept')
  })

  it('keeps the tags that say which subdivision flag it is', () => {
    expect(withoutInvisibleCharacters(`${EMOJI.scotlandFlag} \u{1F3F4}\uFE0F\u{E0067}\u{E007F}`)).toBe(
      `${EMOJI.scotlandFlag} \u{1F3F4}\u{E0067}\u{E007F}`,
    )
  })
})

describe('Persian quotations and their sources', () => {
  const withoutNonJoiners = (text: string) => text.replaceAll(ZWNJ, '')

  it('finds a quotation copied exactly from the statement', () => {
    expect(findQuotation(PERSIAN_QUOTE, PERSIAN_STATEMENT)).toEqual({ found: true })
    expect(describeDeceptiveText(PERSIAN_QUOTE)).toEqual([])
  })

  it('finds it when the quotation or the statement is written without the non-joiners', () => {
    expect(findQuotation(withoutNonJoiners(PERSIAN_QUOTE), PERSIAN_STATEMENT)).toEqual({ found: true })
    expect(findQuotation(PERSIAN_QUOTE, withoutNonJoiners(PERSIAN_STATEMENT))).toEqual({ found: true })
  })

  it('finds it in quotation marks', () => {
    expect(findQuotation(`«${PERSIAN_QUOTE}»`, PERSIAN_STATEMENT)).toMatchObject({ found: true })
  })

  it('does not find a quotation with a changed word', () => {
    // "decrease" for "grow"
    expect(findQuotation(PERSIAN_QUOTE.replace('افزایش', 'کاهش'), PERSIAN_STATEMENT).found).toBe(false)
  })
})
