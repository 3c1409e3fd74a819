/**
 * Gate contexts built by hand, as `loadGateContext` would load them, for testing rules without a
 * database. Every context the unit tests use is made here, so a change to the context's shape is
 * adapted in this file alone.
 *
 * The data is the seed story: Kazakh Foreign Ministry handout photos of the Astana talks and the
 * joint statement of Iran, Russia and Türkiye.
 */
import type {
  Citation,
  GateContext,
  GateTarget,
  LoadedIssuedStatement,
  LoadedParticipant,
  LoadedPhoto,
  LoadedStatement,
  LoadedText,
  PhotoUse,
  QuoteUse,
} from '../../src/gate/types.ts'

import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../../src/gate/ministryWording.ts'

import type { Id } from '../../src/model/documents.ts'

export const SLUGS: GateContext['slugs'] = {
  articles: 'articles',
  photos: 'photos',
  participants: 'participants',
  jointStatements: 'joint-statements',
  statements: 'statements',
}

/** A fixed clock, so rights expiry and issue dates do not depend on the day the suite runs. */
export const NOW = new Date('2024-03-01T09:00:00.000Z')

export const DEFAULT_WORDING = compileMinistryWording(DEFAULT_MINISTRY_WORDING)

export const STATEMENT_TEXT = [
  'The parties do not accept any attempts to create new realities on the ground.',
  "They stressed that the UN Charter should be universally respected and complied with, including Syria's sovereignty.",
  'They called for more humanitarian aid to the whole of Syria — including water and electricity supply.',
]

/** Ids as PostgreSQL would hand them out; the messages tests expect name them. */
export const ID = {
  kazakhstan: 1,
  russia: 2,
  iran: 3,
  turkiye: 4,
  kazakhMfa: 5,
  russianDefence: 6,
  unpublished: 7,
  photo: 101,
  statement: 201,
  issuedStatement: 301,
} as const

/** The Kazakh Foreign Ministry's comment on the talks, issued in Russian. */
export const COMMENT_TEXT_RU = [
  'Казахстан готов и впредь предоставлять площадку для переговоров.',
  'Следующий раунд состоится в Астане осенью.',
]

/** The ministry's own English translation of the comment. */
export const COMMENT_TEXT_EN = [
  'Kazakhstan is ready to continue providing a platform for the negotiations.',
  'The next round will be held in Astana in the autumn.',
]

export interface ContextInput {
  target?: GateTarget
  doc?: Record<string, unknown>
  now?: Date
  slugs?: Partial<GateContext['slugs']>
  /** Keyed by `String(id)`, as the loader keys them. */
  photos?: LoadedPhoto[]
  participants?: LoadedParticipant[]
  statements?: LoadedStatement[]
  issuedStatements?: LoadedIssuedStatement[]
  photoUses?: PhotoUse[]
  quotes?: QuoteUse[]
  bareBlockquotes?: string[]
  runningText?: string[]
  citations?: Citation[]
  ministryWording?: RegExp[]
  /** How quotations are matched; the defaults when left out, as for a context built without them. */
  quotations?: GateContext['quotations']
}

const byId = <T extends { id: Id }>(items: T[] = []) => new Map(items.map((item) => [String(item.id), item]))

/** A context with nothing loaded unless given; `req` is left out because no rule may query. */
export function gateContext(input: ContextInput = {}): GateContext {
  return {
    target: input.target ?? 'articles',
    doc: input.doc ?? {},
    now: input.now ?? NOW,
    slugs: { ...SLUGS, ...input.slugs },
    photos: byId(input.photos),
    participants: byId(input.participants),
    statements: byId(input.statements),
    issuedStatements: byId(input.issuedStatements),
    photoUses: input.photoUses ?? [],
    quotes: input.quotes ?? [],
    bareBlockquotes: input.bareBlockquotes ?? [],
    runningText: input.runningText ?? [],
    citations: input.citations ?? [],
    ministryWording: input.ministryWording ?? DEFAULT_WORDING,
    ...(input.quotations ? { quotations: input.quotations } : {}),
  }
}

export const participant = (fields: LoadedParticipant): LoadedParticipant => ({ _status: 'published', ...fields })

/** Fresh objects on each call, so a test may change one without touching the next test's. */
export function newsroomParticipants() {
  return {
    kazakhstan: participant({
      id: ID.kazakhstan,
      name: 'Republic of Kazakhstan',
      shortName: 'Kazakhstan',
      kind: 'state',
      country: 'KZ',
    }),
    russia: participant({
      id: ID.russia,
      name: 'Russian Federation',
      shortName: 'Russia',
      kind: 'state',
      country: 'RU',
    }),
    iran: participant({
      id: ID.iran,
      name: 'Islamic Republic of Iran',
      shortName: 'Iran',
      kind: 'state',
      country: 'IR',
    }),
    turkiye: participant({
      id: ID.turkiye,
      name: 'Republic of Türkiye',
      shortName: 'Türkiye',
      aliases: ['Turkey'],
      kind: 'state',
      country: 'TR',
    }),
    kazakhMfa: participant({
      id: ID.kazakhMfa,
      name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
      shortName: 'Kazakh Foreign Ministry',
      aliases: ['Ministry of Foreign Affairs', 'MFA of Kazakhstan', 'МИД Казахстана'],
      kind: 'ministry',
      country: 'KZ',
      parent: ID.kazakhstan,
    }),
    russianDefence: participant({
      id: ID.russianDefence,
      name: 'Ministry of Defence of the Russian Federation',
      shortName: 'Russian Defence Ministry',
      kind: 'ministry',
      country: 'RU',
      parent: ID.russia,
    }),
    unpublished: participant({
      id: ID.unpublished,
      name: 'Unpublished delegation',
      kind: 'delegation',
      _status: 'draft',
    }),
  }
}

export const allParticipants = (): LoadedParticipant[] => Object.values(newsroomParticipants())

export type PhotoInput = Partial<Omit<LoadedPhoto, 'credit' | 'embeddedMetadata'>> & {
  /** Merged into the handout credit; `null` removes the credit altogether. */
  credit?: Partial<NonNullable<LoadedPhoto['credit']>> | null
  /** Replaces what the file carried; by default the file carried the same credit line. */
  embeddedMetadata?: LoadedPhoto['embeddedMetadata']
}

/** A Kazakh Foreign Ministry handout, credited as every rule wants unless `input` says otherwise. */
export function handoutPhoto(input: PhotoInput = {}): LoadedPhoto {
  const { credit, embeddedMetadata, ...fields } = input
  return {
    id: ID.photo,
    filename: 'astana-talks.jpg',
    alt: 'Delegates at the negotiating table',
    caption: 'Syrian talks in Astana',
    credit:
      credit === null
        ? null
        : {
            line: 'Ministry of Foreign Affairs',
            kind: 'handout',
            issuer: ID.kazakhMfa,
            distributable: true,
            ...credit,
          },
    embeddedMetadata:
      embeddedMetadata === undefined ? { status: 'read', line: 'Ministry of Foreign Affairs' } : embeddedMetadata,
    ...fields,
  }
}

export const heroUse = (photoId: Id = ID.photo): PhotoUse => ({ photoId, path: 'heroPhoto', place: 'hero photo' })

export const bodyImageUse = (photoId: Id, imageNumber: number): PhotoUse => ({
  photoId,
  path: 'body',
  place: `body, image ${imageNumber}`,
})

/**
 * The texts of a statement as the loader builds them: the original, then the translations (given
 * as `[language, paragraphs, official?]`).
 */
export function statementTexts(
  language: string,
  original: string,
  translations: [language: string, text: string, official?: boolean][] = [],
): LoadedText[] {
  return [
    { language, plainText: original, official: true },
    ...translations.map(([lang, plainText, official = true]) => ({ language: lang, plainText, official })),
  ]
}

/**
 * The joint statement of Iran, Russia and Türkiye, published, with its English text. `texts`
 * follows a given `plainText` unless given too.
 */
export function jointStatement(fields: Partial<LoadedStatement> = {}): LoadedStatement {
  const plainText = fields.plainText ?? STATEMENT_TEXT.join('\n\n')
  return {
    id: ID.statement,
    title: 'Joint statement of Iran, Russia and Türkiye',
    signatories: [ID.iran, ID.russia, ID.turkiye],
    plainText,
    texts: statementTexts(fields.language ?? 'en', plainText),
    issuedOn: '2023-06-21T00:00:00.000Z',
    _status: 'published',
    ...fields,
  }
}

/**
 * The Kazakh Foreign Ministry's comment (a statement of one participant), published: Russian
 * original with the ministry's official English translation unless `fields` says otherwise.
 */
export function issuedStatement(fields: Partial<LoadedIssuedStatement> = {}): LoadedIssuedStatement {
  const plainText = fields.plainText ?? COMMENT_TEXT_RU.join('\n\n')
  return {
    id: ID.issuedStatement,
    title: 'Comment of the Foreign Ministry on the Astana talks',
    issuer: ID.kazakhMfa,
    kind: 'official-comment',
    language: 'ru',
    plainText,
    texts: statementTexts(fields.language ?? 'ru', plainText, [['en', COMMENT_TEXT_EN.join('\n\n')]]),
    issuedOn: '2023-06-21T00:00:00.000Z',
    _status: 'published',
    ...fields,
  }
}

/** A Quote block attributed to a statement of one participant; `translatedFrom` when the desk translated it. */
export const issuedStatementQuote = (
  text: string,
  translatedFrom: string | null = null,
  number = 1,
  statementId: Id = ID.issuedStatement,
): QuoteUse => ({
  number,
  text,
  attributedTo: { relationTo: SLUGS.statements, value: statementId },
  manner: 'official-comment',
  translatedFrom,
  path: 'body',
})

/** A Quote block attributed to the joint statement. */
export const statementQuote = (text: string, number = 1, statementId: Id = ID.statement): QuoteUse => ({
  number,
  text,
  attributedTo: { relationTo: SLUGS.jointStatements, value: statementId },
  manner: 'joint-statement',
  path: 'body',
})

/** A Quote block attributed to a participant, or to no one when `participantId` is null. */
export const participantQuote = (text: string, participantId: Id | null, number = 1): QuoteUse => ({
  number,
  text,
  attributedTo: participantId === null ? null : { relationTo: SLUGS.participants, value: participantId },
  manner: participantId === null ? null : 'statement',
  path: 'body',
})

/** The citation a quote makes of whom it is attributed to, as the loader records it. */
export function quoteCitation(quote: QuoteUse): Citation {
  if (!quote.attributedTo) throw new Error(`Quote ${quote.number} is not attributed, so it cites no one.`)
  return {
    relationTo:
      quote.attributedTo.relationTo === SLUGS.jointStatements
        ? 'jointStatements'
        : quote.attributedTo.relationTo === SLUGS.statements
          ? 'statements'
          : 'participants',
    id: quote.attributedTo.value,
    path: quote.path,
    via: `quote ${quote.number}`,
  }
}

/** One row of an article's participants list, and the citation the loader makes of it. */
export const participantRow = (id: Id, role: string) => ({ participant: id, role })

export const participantRowCitation = (id: Id, index: number): Citation => ({
  relationTo: 'participants',
  id,
  path: `participants.${index}.participant`,
  via: `participant ${index + 1}`,
})

export const citedStatement = (id: Id): Citation => ({
  relationTo: 'jointStatements',
  id,
  path: 'statements',
  via: 'cited statements',
})

export const signatoryCitation = (id: Id, index: number): Citation => ({
  relationTo: 'participants',
  id,
  path: 'signatories',
  via: `signatory ${index + 1}`,
})

/** Lexical JSON as Payload stores a rich-text field, one paragraph per string. */
export const richText = (...paragraphs: string[]) => ({
  root: {
    type: 'root',
    children: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })),
  },
})

const ARTICLE_ROWS: [id: Id, role: string][] = [
  [ID.kazakhstan, 'host'],
  [ID.iran, 'guarantor'],
  [ID.russia, 'guarantor'],
  [ID.turkiye, 'guarantor'],
]

/**
 * An article about the end of the Astana talks that passes every rule: a credited handout as hero
 * photo, a quotation from the joint statement, its signatories among the participants. `input`
 * replaces any part; `doc` is merged into the article's fields.
 */
export function articleContext(input: ContextInput = {}): GateContext {
  const quote = statementQuote('should be universally respected and complied with')
  return gateContext({
    target: 'articles',
    photos: [handoutPhoto()],
    participants: allParticipants(),
    statements: [jointStatement()],
    photoUses: [heroUse()],
    quotes: [quote],
    runningText: ['The talks ended on 21 June.'],
    citations: [
      quoteCitation(quote),
      ...ARTICLE_ROWS.map(([id], index) => participantRowCitation(id, index)),
      citedStatement(ID.statement),
    ],
    ...input,
    doc: {
      title: 'Talks end in Astana',
      dateline: 'ASTANA',
      byline: 'Diplomacy desk',
      authors: [],
      heroPhoto: ID.photo,
      participants: ARTICLE_ROWS.map(([id, role]) => participantRow(id, role)),
      statements: [ID.statement],
      ...input.doc,
    },
  })
}

/**
 * A joint statement being published, signed by Iran and Russia, that passes every rule. `doc` is
 * merged; signatories given in `signatories` replace the doc's and their citations.
 */
export function statementContext(input: ContextInput & { signatories?: Id[] } = {}): GateContext {
  const { signatories = [ID.iran, ID.russia], ...rest } = input
  return gateContext({
    target: 'jointStatements',
    participants: allParticipants(),
    citations: signatories.map((id, index) => signatoryCitation(id, index)),
    ...rest,
    doc: {
      title: 'Joint statement of Iran and Russia',
      signatories,
      text: richText(...STATEMENT_TEXT),
      issuedOn: '2023-06-21T00:00:00.000Z',
      ...rest.doc,
    },
  })
}

/** A participant being published: by default the Kazakh Foreign Ministry, with country and parent. */
export function participantContext(input: ContextInput = {}): GateContext {
  const { kazakhMfa } = newsroomParticipants()
  return gateContext({
    target: 'participants',
    participants: allParticipants(),
    citations: [{ relationTo: 'participants', id: ID.kazakhstan, path: 'parent', via: 'parent' }],
    ...input,
    doc: { ...kazakhMfa, ...input.doc },
  })
}

/** A statement of one participant being published: by default the ministry's comment, issued by the ministry. */
export function issuedStatementContext(input: ContextInput = {}): GateContext {
  const issuer = input.doc && 'issuer' in input.doc ? input.doc.issuer : ID.kazakhMfa
  return gateContext({
    target: 'statements',
    participants: allParticipants(),
    citations: issuer == null ? [] : [{ relationTo: 'participants', id: issuer as Id, path: 'issuer', via: 'issuer' }],
    ...input,
    doc: {
      title: 'Comment of the Foreign Ministry on the Astana talks',
      issuer: ID.kazakhMfa,
      language: 'ru',
      text: richText(...COMMENT_TEXT_RU),
      ...input.doc,
    },
  })
}
