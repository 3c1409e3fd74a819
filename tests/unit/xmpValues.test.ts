import { describe, expect, it } from 'vitest'

import { proposedKind } from '../../src/photos/readEmbeddedCredit.ts'
import { decodeXmlText, xmpText } from '../../src/photos/xmpValues.ts'

describe('decodeXmlText', () => {
  it('decodes the five XML entities, so a credit with an ampersand is stored with an ampersand', () => {
    expect(decodeXmlText('Smith &amp; Jones')).toBe('Smith & Jones')
    expect(decodeXmlText('&lt;b&gt; &quot;MFA&quot; &apos;RK&apos;')).toBe('<b> "MFA" \'RK\'')
  })

  it('decodes decimal and hexadecimal character references, astral ones included', () => {
    expect(decodeXmlText('&#1052;&#x418;&#X414; &#169; &#x1F4F7;')).toBe('МИД © 📷')
  })

  it('decodes once: an escaped entity stays an entity', () => {
    expect(decodeXmlText('&amp;lt; and &amp;amp;')).toBe('&lt; and &amp;')
  })

  it('leaves references XML does not allow as written', () => {
    expect(decodeXmlText('&nbsp; &#0; &#xD800; &#x110000; & alone')).toBe('&nbsp; &#0; &#xD800; &#x110000; & alone')
  })
})

describe('xmpText', () => {
  it('takes the x-default item of a language alternative, wherever it stands', () => {
    expect(
      xmpText([
        { lang: 'ru', value: 'МИД Казахстана' },
        { lang: 'x-default', value: 'MFA of Kazakhstan &amp; partners' },
      ]),
    ).toBe('MFA of Kazakhstan & partners')
  })

  it('takes the first item of a language alternative without x-default, and a lone item', () => {
    expect(
      xmpText([
        { lang: 'kk', value: 'Сыртқы істер министрлігі' },
        { lang: 'en', value: 'MFA' },
      ]),
    ).toBe('Сыртқы істер министрлігі')
    expect(xmpText({ lang: 'en', value: ' Only English ' })).toBe('Only English')
  })

  it('joins the items of a list, such as several creators, each decoded', () => {
    expect(xmpText(['Aigerim Seitkali', 'Ivan &amp; Co', ''])).toBe('Aigerim Seitkali, Ivan & Co')
    expect(xmpText([])).toBeUndefined()
    expect(xmpText(2023)).toBe('2023')
  })
})

describe('proposedKind: the wire agencies’ conventions', () => {
  it('reads HO or Handout as the source or by-line title as a handout', () => {
    expect(proposedKind({ source: 'HO' })).toBe('handout')
    expect(proposedKind({ source: 'Handout' })).toBe('handout')
    expect(proposedKind({ source: 'HO/AFP' })).toBe('handout')
    expect(proposedKind({}, { bylineTitle: 'HO' })).toBe('handout')
  })

  it('reads POOL as a pool photo, in the source, by-line title, or in capitals in the credit line or by-line', () => {
    expect(proposedKind({}, { bylineTitle: 'POOL' })).toBe('pool')
    expect(proposedKind({ line: 'POOL/AFP' })).toBe('pool')
    expect(proposedKind({ creator: 'Jane Roe/POOL' })).toBe('pool')
    expect(proposedKind({ line: 'Reuters', creator: 'HANDOUT' })).toBe('handout')
  })

  it('proposes nothing for a name that happens to hold the word, or for a file that says both', () => {
    expect(proposedKind({ creator: 'Robert Pool' })).toBeUndefined()
    expect(proposedKind({ creator: 'Anh Ho', line: 'Ho Chi Minh City Photo' })).toBeUndefined()
    expect(proposedKind({ source: 'HO' }, { bylineTitle: 'POOL' })).toBeUndefined()
    expect(
      proposedKind({ source: 'Reuters', line: 'Ministry of Foreign Affairs' }, { bylineTitle: 'STF' }),
    ).toBeUndefined()
  })
})
