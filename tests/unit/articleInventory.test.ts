import { describe, expect, it } from 'vitest'

import { readArticle, referencesOf } from '../../src/article/inventory.ts'
import { doc, heading, paragraph, plainQuote, quote, text, upload } from '../../src/demo/lexicalBuilders.ts'

const SLUGS = { photos: 'press-photos', participants: 'actors', jointStatements: 'communiques', statements: 'remarks' }

const link = (url: string, label: string) => ({
  type: 'link',
  fields: { url, newTab: true, linkType: 'custom' },
  children: [text(label)],
  version: 3,
})
const mention = (relationTo: string, value: number) => ({
  type: 'relationship',
  relationTo,
  value,
  format: '',
  version: 2,
})
const list = (...items: string[]) => ({
  type: 'list',
  listType: 'bullet',
  children: items.map((item) => ({ type: 'listitem', children: [text(item)], value: 1 })),
})

/** An article whose body holds one of everything the reading finds, with renamed slugs. */
const article = () => ({
  heroPhoto: 7,
  participants: [
    { participant: 1, role: 'host' },
    { participant: { id: 2, name: 'Iran' }, role: 'guarantor' },
  ],
  statements: [30],
  body: doc(
    heading('h2', 'The talks'),
    paragraph('Read ', link('https://example.org/statement', 'the statement'), '.'),
    upload('press-photos', 8),
    upload('other-uploads', 99),
    quote({ text: 'We will keep working.', attributedTo: { relationTo: 'actors', value: 3 } }),
    quote({ text: 'Sovereignty of Syria.', attributedTo: { relationTo: 'communiques', value: 31 } }),
    quote({ text: 'Unattributed words.' }),
    plainQuote('A bare block quote.'),
    mention('actors', 4),
    list('First point', 'Second point'),
  ),
})

describe('the one reading of an article', () => {
  it('finds photos with where they appear, quotes, citations, mentions, links and running text, by the configured slugs', () => {
    const inventory = readArticle(article(), SLUGS)
    expect(inventory.photoUses.map(({ photoId, path, place }) => ({ photoId, path, place }))).toEqual([
      { photoId: 7, path: 'heroPhoto', place: 'hero photo' },
      { photoId: 8, path: 'body', place: 'body, image 1' },
    ])
    expect(inventory.quotes.map((q) => [q.number, q.text, q.attributedTo])).toEqual([
      [1, 'We will keep working.', { relationTo: 'actors', value: 3 }],
      [2, 'Sovereignty of Syria.', { relationTo: 'communiques', value: 31 }],
      [3, 'Unattributed words.', null],
    ])
    expect(inventory.citations).toEqual([
      { relationTo: 'participants', id: 3, path: 'body', via: 'quote 1' },
      { relationTo: 'jointStatements', id: 31, path: 'body', via: 'quote 2' },
      { relationTo: 'participants', id: 1, path: 'participants.0.participant', via: 'participant 1' },
      { relationTo: 'participants', id: 2, path: 'participants.1.participant', via: 'participant 2' },
      { relationTo: 'jointStatements', id: 30, path: 'statements', via: 'cited statements' },
    ])
    expect(inventory.mentions.map(({ collection, id }) => ({ collection, id }))).toEqual([
      { collection: 'participants', id: 4 },
    ])
    expect(inventory.links).toEqual([{ url: 'https://example.org/statement', newTab: true }])
    expect(inventory.bareBlockquotes).toEqual(['A bare block quote.'])
    expect(inventory.runningText).toEqual(['The talks', 'Read the statement.', 'First point', 'Second point'])
  })

  it('lists every photo, participant and statement the article shows or cites, each once', () => {
    expect(referencesOf(readArticle(article(), SLUGS))).toEqual({
      photos: [7, 8],
      participants: [1, 2, 3, 4],
      statements: [30, 31],
      issuedStatements: [],
    })
  })

  it('reads quotations and mentions of statements of one participant, with the language the desk translated from', () => {
    const body = doc(
      { ...quote({ text: 'We are ready.', attributedTo: { relationTo: 'remarks', value: 40 } }) },
      {
        ...quote({ text: 'Мы готовы.', attributedTo: { relationTo: 'remarks', value: 41 } }),
        fields: {
          blockType: 'quote',
          text: 'We are ready too.',
          attributedTo: { relationTo: 'remarks', value: 41 },
          translatedFrom: ' ru ',
        },
      },
      mention('remarks', 42),
    )
    const inventory = readArticle({ body, statements: [30] }, SLUGS)
    expect(inventory.quotes.map((q) => [q.attributedTo, q.translatedFrom])).toEqual([
      [{ relationTo: 'remarks', value: 40 }, null],
      [{ relationTo: 'remarks', value: 41 }, 'ru'],
    ])
    expect(inventory.citations.map((c) => [c.relationTo, c.id, c.via])).toEqual([
      ['statements', 40, 'quote 1'],
      ['statements', 41, 'quote 2'],
      ['jointStatements', 30, 'cited statements'],
    ])
    expect(referencesOf(inventory)).toEqual({
      photos: [],
      participants: [],
      statements: [30],
      issuedStatements: [40, 41, 42],
    })
  })

  it('reads nothing under the default slugs that only renamed collections hold', () => {
    const inventory = readArticle(article(), {
      photos: 'photos',
      participants: 'participants',
      jointStatements: 'joint-statements',
      statements: 'statements',
    })
    expect(inventory.photoUses.map((use) => use.photoId)).toEqual([7])
    expect(inventory.mentions).toEqual([])
  })

  it('walks a body once per operation, and again for another operation', () => {
    const body = article()
    const operation = {}
    const first = readArticle(body, SLUGS, operation)
    expect(readArticle({ ...body }, SLUGS, operation).quotes).toBe(first.quotes)
    expect(readArticle(body, SLUGS, {}).quotes).not.toBe(first.quotes)
    expect(readArticle(body, SLUGS).quotes).not.toBe(first.quotes)
  })
})
