import { describe, expect, it } from 'vitest'

import {
  articleContext,
  bodyImageUse,
  DEFAULT_WORDING,
  handoutPhoto,
  heroUse,
  ID,
  newsroomParticipants,
  NOW,
  participant,
  type PhotoInput,
} from './gateContext.ts'
import { photoCases } from './photoRules.cases.ts'
import { builtInRule, describeRuleCases } from './ruleCases.ts'

describeRuleCases(photoCases)

const check = (id: string, context: ReturnType<typeof articleContext>) => builtInRule(id).check(context)

describe('which photos the photo rules look at', () => {
  const uncredited = (id: number) =>
    handoutPhoto({ id, caption: `Astana talks, day ${id - 100}`, credit: { line: '' } })

  it('reports a photo in the body under `body`, naming the image', () => {
    const context = articleContext({
      photos: [handoutPhoto(), uncredited(102)],
      photoUses: [heroUse(), bodyImageUse(ID.photo, 1), bodyImageUse(102, 2)],
    })
    expect(check('photo-credit-line', context)).toEqual([
      {
        path: 'body',
        message: expect.stringContaining("Photo 'Astana talks, day 2' (#102), body, image 2: has no credit line."),
      },
    ])
  })

  it('reports a photo used twice once, where it first appears', () => {
    const context = articleContext({ photos: [uncredited(102)], photoUses: [bodyImageUse(102, 1), heroUse(102)] })
    const findings = check('photo-credit-line', context)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      path: 'body',
      message: expect.stringContaining('body, image 1: has no credit line'),
    })
  })

  it('reports each of several broken photos', () => {
    const context = articleContext({
      photos: [uncredited(102), uncredited(103)],
      photoUses: [heroUse(102), bodyImageUse(103, 1)],
    })
    expect(check('photo-credit-line', context).map((finding) => finding.path)).toEqual(['heroPhoto', 'body'])
  })

  it('names a photo by its caption, else its alt text, else its file name, else its id', () => {
    const label = (photo: PhotoInput) =>
      check('photo-alt', articleContext({ photos: [handoutPhoto({ alt: null, ...photo })] }))[0]?.message
    expect(label({})).toMatch(/^Photo 'Syrian talks in Astana' \(#101\), hero photo:/)
    expect(label({ caption: null, filename: 'astana-talks.jpg' })).toMatch(
      /^Photo 'astana-talks\.jpg' \(#101\), hero photo:/,
    )
    expect(label({ caption: null, filename: null })).toMatch(/^Photo #101, hero photo:/)
    const withAlt = check(
      'photo-credit-line',
      articleContext({ photos: [handoutPhoto({ caption: '', credit: { line: '' } })] }),
    )
    expect(withAlt[0]?.message).toMatch(/^Photo 'Delegates at the negotiating table' \(#101\)/)
  })
})

describe('photo-credit-kind and photo-handout-issuer', () => {
  it('accepts an agency photo with no issuer', () => {
    const context = articleContext({
      photos: [handoutPhoto({ credit: { line: 'Reuters', kind: 'agency', issuer: null } })],
    })
    expect(check('photo-credit-kind', context)).toEqual([])
    expect(check('photo-handout-issuer', context)).toEqual([])
  })

  it('treats a photo with no credit at all as missing its kind', () => {
    const context = articleContext({ photos: [handoutPhoto({ credit: null })] })
    expect(check('photo-credit-kind', context)).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining('has no kind of credit') },
    ])
    expect(check('photo-handout-issuer', context)).toEqual([])
  })
})

describe('ministry-credit', () => {
  const ministryCredit = (credit: PhotoInput['credit'], participants = Object.values(newsroomParticipants())) =>
    check('ministry-credit', articleContext({ photos: [handoutPhoto({ credit })], participants }))

  it('asks for an issuer when the wording names a ministry', () => {
    expect(ministryCredit({ kind: 'agency', issuer: null })).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          'the credit “Ministry of Foreign Affairs” names a ministry but no issuer is set.',
        ),
      },
    ])
  })

  it('reports an issuer that is no longer there', () => {
    expect(ministryCredit({ issuer: 99 })).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining('its issuer (#99) no longer exists.') },
    ])
  })

  it('refuses wording such as “МИД” when the issuer is a state, not a ministry', () => {
    expect(ministryCredit({ line: 'Пресс-служба МИД России', issuer: ID.russia })).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          "the credit “Пресс-служба МИД России” names a ministry but its issuer 'Russian Federation' (#2) is not a ministry (it is a state).",
        ),
      },
    ])
  })

  it('asks for the ministry to be published first', () => {
    const participants = newsroomParticipants()
    participants.kazakhMfa._status = 'draft'
    expect(ministryCredit({}, Object.values(participants))).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          "its issuer 'Ministry of Foreign Affairs of the Republic of Kazakhstan' (#5) is not published. Publish the ministry first.",
        ),
      },
    ])
  })

  it('asks for the ministry’s country', () => {
    const participants = newsroomParticipants()
    participants.kazakhMfa.country = ' '
    expect(ministryCredit({}, Object.values(participants))).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining("has no country. Set the ministry's country.") },
    ])
  })

  it('checks a ministry issuer even when the credit line does not use ministry wording', () => {
    expect(ministryCredit({ line: 'Handout' })).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining('the credit “Handout” does not match its issuer') },
    ])
  })

  it('accepts the ministry’s name, short name or an alias, whatever the case and with more words around it', () => {
    for (const line of [
      'MINISTRY OF FOREIGN AFFAIRS / handout',
      'Kazakh Foreign Ministry',
      'МИД Казахстана',
      'Photo: MFA of Kazakhstan',
    ]) {
      expect(ministryCredit({ line }), line).toEqual([])
    }
  })

  it('accepts the ministry’s name spelt without its diacritics', () => {
    const turkishMfa = participant({
      id: 8,
      name: 'Ministry of Foreign Affairs of the Republic of Türkiye',
      kind: 'ministry',
      country: 'TR',
      parent: ID.turkiye,
    })
    const participants = [...Object.values(newsroomParticipants()), turkishMfa]
    expect(
      ministryCredit({ line: 'Ministry of Foreign Affairs of the Republic of Turkiye', issuer: 8 }, participants),
    ).toEqual([])
    expect(
      ministryCredit({ line: 'Ministry of Foreign Affairs of the Republic of Tunisia', issuer: 8 }, participants),
    ).toHaveLength(1)
  })

  it('leaves a credit alone that neither uses ministry wording nor names a ministry as issuer', () => {
    expect(ministryCredit({ line: 'Reuters', kind: 'agency', issuer: null })).toEqual([])
    expect(ministryCredit({ line: 'Kazakhstan presidential press service', issuer: ID.kazakhstan })).toEqual([])
  })

  it('leaves a missing credit line to photo-credit-line', () => {
    expect(ministryCredit({ line: '' })).toEqual([])
  })

  it('recognises a ministry by the configured wording only', () => {
    const agency = { line: 'Ministry of Foreign Affairs', kind: 'agency', issuer: null }
    const photos = [handoutPhoto({ credit: agency })]
    expect(check('ministry-credit', articleContext({ photos, ministryWording: DEFAULT_WORDING }))).toHaveLength(1)
    expect(check('ministry-credit', articleContext({ photos, ministryWording: [] }))).toEqual([])
    expect(
      check(
        'ministry-credit',
        articleContext({
          photos: [handoutPhoto({ credit: { ...agency, line: 'Vazorati umuri khorija' } })],
          ministryWording: [/\bvazorat/i],
        }),
      ),
    ).toHaveLength(1)
  })
})

describe('ministry-credit: the credit line names its issuer and no one else', () => {
  const ministryCredit = (line: string, participants = Object.values(newsroomParticipants())) =>
    check('ministry-credit', articleContext({ photos: [handoutPhoto({ credit: { line } })], participants }))

  it('refuses a credit naming another country’s foreign ministry, though it contains the issuer’s alias', () => {
    expect(ministryCredit('Ministry of Foreign Affairs of Russia')).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          "the credit “Ministry of Foreign Affairs of Russia” names “Russia” ('Russian Federation' (#2), a state) besides its issuer 'Ministry of Foreign Affairs of the Republic of Kazakhstan' (#5).",
        ),
      },
    ])
  })

  it('lists every other state and ministry it finds, by the name the line uses', () => {
    const [finding] = ministryCredit('Kazakh Foreign Ministry / Russian Defence Ministry / Islamic Republic of Iran')
    expect(finding?.message).toContain(
      "names “Russian Defence Ministry” ('Ministry of Defence of the Russian Federation' (#6), a ministry), “Islamic Republic of Iran” ('Islamic Republic of Iran' (#3), a state) besides",
    )
  })

  it('finds another participant’s name whatever its case and accents, as whole words only', () => {
    expect(ministryCredit('MINISTRY OF FOREIGN AFFAIRS — TURKIYE')).toHaveLength(1)
    expect(ministryCredit('Ministry of Foreign Affairs / Iranian desk')).toEqual([])
  })

  it('lets the line name the issuer’s own state, within the issuer’s name or beside it', () => {
    expect(ministryCredit('Ministry of Foreign Affairs of the Republic of Kazakhstan')).toEqual([])
    expect(ministryCredit('Ministry of Foreign Affairs, Kazakhstan')).toEqual([])
    expect(ministryCredit('MFA of Kazakhstan / Handout')).toEqual([])
  })

  it('does not count another ministry whose name is one of the issuer’s own, covered by the issuer’s words', () => {
    const russianMfa = participant({
      id: 9,
      name: 'Ministry of Foreign Affairs of the Russian Federation',
      aliases: ['Ministry of Foreign Affairs'],
      kind: 'ministry',
      country: 'RU',
      parent: ID.russia,
    })
    const participants = [...Object.values(newsroomParticipants()), russianMfa]
    expect(ministryCredit('Ministry of Foreign Affairs', participants)).toEqual([])
    expect(ministryCredit('Ministry of Foreign Affairs of the Russian Federation', participants)[0]?.message).toContain(
      "names “Ministry of Foreign Affairs of the Russian Federation” ('Ministry of Foreign Affairs of the Russian Federation' (#9), a ministry), “Russian Federation”",
    )
  })

  it('ignores participants that are not published, and those that are not states, governments or ministries', () => {
    const participants = newsroomParticipants()
    participants.russia._status = 'draft'
    const delegation = participant({ id: 10, name: 'Syrian opposition delegation', kind: 'delegation' })
    expect(ministryCredit('Ministry of Foreign Affairs of Russia', Object.values(participants))).toEqual([])
    expect(
      ministryCredit('Ministry of Foreign Affairs / Syrian opposition delegation', [
        ...Object.values(newsroomParticipants()),
        delegation,
      ]),
    ).toEqual([])
  })

  it('compares Turkish names with the dotted and dotless i as one letter', () => {
    const turkishMfa = participant({
      id: 8,
      name: 'Türkiye Cumhuriyeti Dışişleri Bakanlığı',
      kind: 'ministry',
      country: 'TR',
      parent: ID.turkiye,
    })
    const participants = [...Object.values(newsroomParticipants()), turkishMfa]
    const findings = check(
      'ministry-credit',
      articleContext({
        photos: [handoutPhoto({ credit: { line: 'TÜRKİYE CUMHURİYETİ DIŞİŞLERİ BAKANLIĞI', issuer: 8 } })],
        participants,
      }),
    )
    expect(findings).toEqual([])
  })
})

describe('issuer-confirmed', () => {
  const confirmed = (credit: PhotoInput['credit']) =>
    check('issuer-confirmed', articleContext({ photos: [handoutPhoto({ credit })] }))

  it('accepts an issuer the desk chose, and one chosen before the desk’s choice was recorded', () => {
    expect(confirmed({ issuerSource: 'desk' })).toEqual([])
    expect(confirmed({ issuerSource: null })).toEqual([])
  })

  it('refuses an issuer from the file until someone confirms it, and says how to fix it', () => {
    expect(confirmed({ issuerSource: 'file' })).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringMatching(
          /no one has confirmed it\. Open the photo and confirm the issuer, or choose it by hand\.$/,
        ),
      },
    ])
    expect(
      confirmed({ issuerSource: 'file', issuerConfirmedAt: '2024-02-29T10:00:00.000Z', issuerConfirmedBy: 3 }),
    ).toEqual([])
  })

  it('names an issuer that is no longer there by its id, and ignores a photo without issuer', () => {
    expect(confirmed({ issuerSource: 'file', issuer: 99 })[0]?.message).toContain(
      'its issuer #99 was read from the file',
    )
    expect(confirmed({ issuerSource: 'file', issuer: null })).toEqual([])
  })
})

describe('photo-exists', () => {
  it('reports a deleted photo in the body once, where it first appears, and not the photos that are there', () => {
    const context = articleContext({
      photos: [handoutPhoto()],
      photoUses: [heroUse(), bodyImageUse(102, 1), bodyImageUse(102, 2)],
    })
    expect(check('photo-exists', context)).toEqual([
      {
        path: 'body',
        message: expect.stringMatching(/^Photo #102, body, image 1: no longer exists \(it was deleted\)\./),
      },
    ])
  })
})

describe('photo-rights-expired', () => {
  const expiry = (rightsExpireAt: string | null) =>
    check('photo-rights-expired', articleContext({ photos: [handoutPhoto({ credit: { rightsExpireAt } })] }))

  it('counts rights ending at this very moment as expired', () => {
    expect(expiry(NOW.toISOString())).toEqual([
      { path: 'heroPhoto', message: expect.stringContaining('its rights expired on 2024-03-01') },
    ])
  })

  it('accepts a photo without an expiry date', () => {
    expect(expiry(null)).toEqual([])
  })

  it('uses the context’s clock, not the machine’s', () => {
    const context = articleContext({
      photos: [handoutPhoto({ credit: { rightsExpireAt: '2024-06-01T00:00:00.000Z' } })],
      now: new Date('2024-07-01T00:00:00.000Z'),
    })
    expect(check('photo-rights-expired', context)).toHaveLength(1)
  })
})

describe('caption-credit-mismatch', () => {
  const caption = (text: string) =>
    check('caption-credit-mismatch', articleContext({ photos: [handoutPhoto({ caption: text })] }))

  it('ignores a caption that credits no one', () => {
    expect(caption('Syrian talks in Astana, 21 June 2023.')).toEqual([])
  })

  it('accepts the credit line in another case and without accents', () => {
    expect(caption('Delegates arrive. Photo: ministry of foreign affairs')).toEqual([])
  })

  it('does not read “photo by” in the middle of a sentence as a credit', () => {
    expect(caption('Delegates pose for a photo by the fountain.')).toEqual([])
    expect(caption('Delegates pose for a group photo: the last of the talks.')).toEqual([])
  })

  it('does not read a label followed by words that are not a name as a credit', () => {
    expect(caption('Photo by the fountain at the end of the talks')).toEqual([])
    expect(caption('The ministers. Photo by the fountain')).toEqual([])
  })

  it('reads a credit at the start of the caption, after a sentence, a dash or in brackets', () => {
    expect(caption('Photo: Reuters')[0]?.message).toContain('the caption credits “Reuters”')
    expect(caption('Delegates arrive — Photo: Reuters')[0]?.message).toContain('the caption credits “Reuters”')
    expect(caption('Delegates arrive (Photo: Reuters)')[0]?.message).toContain('the caption credits “Reuters”')
    expect(caption('Delegates arrive. Photo by ministry of foreign affairs')).toEqual([])
    expect(caption('Delegates arrive. Photo by Ministry of Foreign Affairs.')).toEqual([])
  })

  it('reads “Photograph by” and “Credit:” too', () => {
    expect(caption('Delegates arrive. Photograph by Anadolu Agency')[0]?.message).toContain(
      'the caption credits “Anadolu Agency”',
    )
    expect(caption('Delegates arrive. Credit: AFP.')[0]?.message).toContain('the caption credits “AFP”')
  })
})

describe('photo-not-distributable', () => {
  it('says nothing when distribution is not set either way', () => {
    expect(
      check('photo-not-distributable', articleContext({ photos: [handoutPhoto({ credit: { distributable: null } })] })),
    ).toEqual([])
  })
})

describe('credit-differs-from-file', () => {
  const differs = (credit: PhotoInput['credit'], embeddedMetadata: PhotoInput['embeddedMetadata']) =>
    check('credit-differs-from-file', articleContext({ photos: [handoutPhoto({ credit, embeddedMetadata })] }))

  it('lists every changed field in one finding', () => {
    const findings = differs(
      { creator: 'Press service', copyright: '© MFA RK' },
      { status: 'read', line: 'Ministry of Foreign Affairs', creator: 'Aidos Zhaksybekov', copyright: '© MFA RK' },
    )
    expect(findings).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringContaining(
          'the desk changed the photographer “Press service” (the file says “Aidos Zhaksybekov”). Check',
        ),
      },
    ])
    const two = differs(
      { line: 'MFA', source: 'MFA RK' },
      { status: 'read', line: 'Ministry of Foreign Affairs', source: 'Akorda' },
    )
    expect(two[0]?.message).toContain(
      'credit line “MFA” (the file says “Ministry of Foreign Affairs”); source “MFA RK” (the file says “Akorda”)',
    )
  })

  it('ignores fields the file did not carry or the desk left empty, and spaces the desk added around the text', () => {
    expect(differs({ creator: 'Press service' }, { status: 'read', line: 'Ministry of Foreign Affairs' })).toEqual([])
    expect(differs({ line: '' }, { status: 'read', line: 'Ministry of Foreign Affairs' })).toEqual([])
    expect(
      differs({ line: ' Ministry of Foreign Affairs ' }, { status: 'read', line: 'Ministry of Foreign Affairs' }),
    ).toEqual([])
    expect(differs({}, null)).toEqual([])
  })
})

describe('photo-metadata-unreadable', () => {
  it('leaves out the reason when none was recorded', () => {
    const findings = check(
      'photo-metadata-unreadable',
      articleContext({ photos: [handoutPhoto({ embeddedMetadata: { status: 'unreadable' } })] }),
    )
    expect(findings).toEqual([
      {
        path: 'heroPhoto',
        message: expect.stringMatching(/its embedded metadata could not be read; enter the credit by hand\.$/),
      },
    ])
  })
})
