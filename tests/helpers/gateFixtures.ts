import type { Payload } from 'payload'

import { doc, paragraph } from '../../src/demo/lexicalBuilders.ts'
import { makeJpeg } from './images.ts'

export const STATEMENT_TEXT = [
  'The parties do not accept any attempts to create new realities on the ground.',
  "They stressed that the UN Charter should be universally respected and complied with, including Syria's sovereignty.",
  'They called for more humanitarian aid to the whole of Syria — including water and electricity supply.',
]

/**
 * A small newsroom for the gate tests: states, a ministry of each of two countries, a joint
 * statement, and a photo factory. Everything is published unless said otherwise.
 */
export async function createGateFixtures(payload: Payload) {
  const participant = (data: Record<string, unknown>) =>
    payload.create({ collection: 'participants', data: { _status: 'published', ...data } as never })

  const kazakhstan = await participant({
    name: 'Republic of Kazakhstan',
    shortName: 'Kazakhstan',
    kind: 'state',
    country: 'KZ',
  })
  const russia = await participant({ name: 'Russian Federation', shortName: 'Russia', kind: 'state', country: 'RU' })
  const iran = await participant({ name: 'Islamic Republic of Iran', shortName: 'Iran', kind: 'state', country: 'IR' })
  const turkiye = await participant({
    name: 'Republic of Türkiye',
    shortName: 'Türkiye',
    aliases: ['Turkey'],
    kind: 'state',
    country: 'TR',
  })
  const kazakhMfa = await participant({
    name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
    shortName: 'Kazakh Foreign Ministry',
    aliases: ['Ministry of Foreign Affairs', 'MFA of Kazakhstan', 'МИД Казахстана'],
    kind: 'ministry',
    country: 'KZ',
    parent: kazakhstan.id,
  })
  const russianDefence = await participant({
    name: 'Ministry of Defence of the Russian Federation',
    shortName: 'Russian Defence Ministry',
    kind: 'ministry',
    country: 'RU',
    parent: russia.id,
  })
  const unpublished = await payload.create({
    collection: 'participants',
    data: { name: 'Unpublished delegation', kind: 'delegation', _status: 'draft' },
    draft: true,
  })

  const statement = await payload.create({
    collection: 'joint-statements',
    data: {
      title: 'Joint statement of Iran, Russia and Türkiye',
      issuedOn: '2023-06-21T00:00:00.000Z',
      signatories: [iran.id, russia.id, turkiye.id],
      text: doc(...STATEMENT_TEXT.map((line) => paragraph(line))) as never,
      _status: 'published',
    },
  })
  const draftStatement = await payload.create({
    collection: 'joint-statements',
    data: {
      title: 'Unpublished statement',
      signatories: [iran.id, russia.id],
      text: doc(paragraph('Draft text.')) as never,
      _status: 'draft',
    },
    draft: true,
  })

  let photoNumber = 0
  /** A correctly credited ministry handout unless `overrides` says otherwise. */
  const photo = async (overrides: { alt?: string | null; caption?: string; credit?: Record<string, unknown> } = {}) => {
    photoNumber += 1
    const data = await makeJpeg(64, 48, '#446688')
    return payload.create({
      collection: 'photos',
      data: {
        alt: overrides.alt === undefined ? `Delegates at the table ${photoNumber}` : overrides.alt,
        caption: overrides.caption ?? `Syrian talks in Astana ${photoNumber}`,
        credit: {
          line: 'Ministry of Foreign Affairs',
          kind: 'handout',
          issuer: kazakhMfa.id,
          distributable: true,
          ...overrides.credit,
        },
      } as never,
      file: { data, mimetype: 'image/jpeg', name: `gate-${photoNumber}.jpg`, size: data.length },
    })
  }

  return { kazakhstan, russia, iran, turkiye, kazakhMfa, russianDefence, unpublished, statement, draftStatement, photo }
}

export type GateFixtures = Awaited<ReturnType<typeof createGateFixtures>>
