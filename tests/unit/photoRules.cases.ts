import type { RuleCase } from './ruleCases.ts'

import { articleContext, handoutPhoto, ID, type PhotoInput } from './gateContext.ts'
import { literal } from './ruleCases.ts'

const withPhoto = (photo: PhotoInput) => () => articleContext({ photos: [handoutPhoto(photo)] })

/** How every message about the default hero photo begins. */
const HERO = "Photo 'Syrian talks in Astana' (#101), hero photo: "

export const photoCases: RuleCase[] = [
  {
    rule: 'photo-exists',
    name: 'a hero photo that was deleted after it was placed',
    fails: () => articleContext({ photos: [] }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          'Photo #101, hero photo: no longer exists (it was deleted). Choose another photo, or take this one out.',
        ),
      },
    ],
    passes: withPhoto({}),
  },
  {
    rule: 'photo-credit-line',
    name: 'a photo whose credit line is blank',
    fails: withPhoto({ credit: { line: '   ' } }),
    findings: [
      { path: 'heroPhoto', message: literal(`${HERO}has no credit line. Add the credit as readers should see it.`) },
    ],
    passes: withPhoto({ credit: { line: 'Ministry of Foreign Affairs' } }),
  },
  {
    rule: 'photo-credit-kind',
    name: 'a photo with no kind of credit',
    fails: withPhoto({ credit: { kind: null } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(`${HERO}has no kind of credit. Choose staff, agency, handout, pool, freelance or archive.`),
      },
    ],
    passes: withPhoto({ credit: { kind: 'handout' } }),
  },
  {
    rule: 'photo-handout-issuer',
    name: 'a handout that does not say who handed it out',
    fails: withPhoto({ credit: { line: 'Pool photo', issuer: null } }),
    findings: [{ path: 'heroPhoto', message: literal(`${HERO}is a handout but does not name its issuer.`) }],
    passes: withPhoto({ credit: { line: 'Pool photo', issuer: ID.kazakhMfa } }),
  },
  {
    rule: 'ministry-credit',
    name: "“Ministry of Foreign Affairs” issued by Russia's Ministry of Defence",
    fails: withPhoto({ credit: { issuer: ID.russianDefence } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          `${HERO}the credit “Ministry of Foreign Affairs” does not match its issuer 'Ministry of Defence of the Russian Federation' (#6). ` +
            'Use one of “Ministry of Defence of the Russian Federation”, “Russian Defence Ministry”, or add the wording as an alias',
        ),
      },
    ],
    passes: withPhoto({ credit: { issuer: ID.kazakhMfa } }),
  },
  {
    rule: 'issuer-confirmed',
    name: "an issuer the importer read from the file's credit that no one confirmed",
    fails: withPhoto({ credit: { issuerSource: 'file', issuerConfirmedAt: null } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          `${HERO}its issuer 'Ministry of Foreign Affairs of the Republic of Kazakhstan' (#5) was read from the file's own credit text and no one has confirmed it.`,
        ),
      },
    ],
    passes: withPhoto({ credit: { issuerSource: 'file', issuerConfirmedAt: '2024-02-29T10:00:00.000Z' } }),
  },
  {
    rule: 'photo-rights-expired',
    name: 'a photo whose rights ran out the day before',
    fails: withPhoto({ credit: { rightsExpireAt: '2024-02-29T09:00:00.000Z' } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(`${HERO}its rights expired on 2024-02-29. Replace the photo or renew the rights.`),
      },
    ],
    passes: withPhoto({ credit: { rightsExpireAt: '2024-03-02T09:00:00.000Z' } }),
  },
  {
    rule: 'photo-alt',
    name: 'a photo without alt text',
    fails: withPhoto({ alt: null }),
    findings: [{ path: 'heroPhoto', message: literal(`${HERO}has no alt text. Describe what the photo shows.`) }],
    passes: withPhoto({ alt: 'Delegates at the negotiating table' }),
  },
  {
    rule: 'caption-credit-mismatch',
    name: 'a caption crediting Reuters on a ministry handout',
    fails: withPhoto({ caption: 'Iran at the talks. Photo credit: Reuters' }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          "Photo 'Iran at the talks' (#101), hero photo: the caption credits “Reuters” but the credit line is “Ministry of Foreign Affairs”.",
        ),
      },
    ],
    passes: withPhoto({ caption: 'Iran at the talks. Photo credit: Ministry of Foreign Affairs.' }),
  },
  {
    rule: 'photo-not-distributable',
    name: 'a photo partners may not receive',
    fails: withPhoto({ credit: { distributable: false } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(`${HERO}is marked as not distributable; partners and syndication must not receive it.`),
      },
    ],
    passes: withPhoto({ credit: { distributable: true } }),
  },
  {
    rule: 'credit-differs-from-file',
    name: 'a credit line the desk rewrote',
    fails: withPhoto({ embeddedMetadata: { status: 'read', line: 'MFA of Kazakhstan' } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          `${HERO}the desk changed the credit line “Ministry of Foreign Affairs” (the file says “MFA of Kazakhstan”). Check that the change is right.`,
        ),
      },
    ],
    passes: withPhoto({ embeddedMetadata: { status: 'read', line: 'Ministry of Foreign Affairs' } }),
  },
  {
    rule: 'photo-metadata-unreadable',
    name: 'a photo whose embedded metadata could not be read',
    fails: withPhoto({ embeddedMetadata: { status: 'unreadable', error: 'truncated XMP packet' } }),
    findings: [
      {
        path: 'heroPhoto',
        message: literal(
          `${HERO}its embedded metadata could not be read (truncated XMP packet); enter the credit by hand.`,
        ),
      },
    ],
    passes: withPhoto({ embeddedMetadata: { status: 'none' } }),
  },
]
