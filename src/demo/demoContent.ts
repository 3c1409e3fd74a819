/**
 * The demo newsroom: the end of the Astana talks on Syria after their 20th round (June 2023),
 * told in this project's own words. Quoted fragments are short passages of the official texts.
 */
import type { DemoScene } from './demoImages.ts'

export const MINISTRY_SLUG = 'ministry-of-foreign-affairs-of-kazakhstan'
export const STATEMENT_SLUG = 'joint-statement-astana-20th-round'
export const PUBLISHED_ARTICLE_SLUG = 'kazakhstan-ends-astana-talks-on-syria-after-20th-round'
export const DRAFT_ARTICLE_SLUG = 'astana-could-host-syria-talks-again-if-asked'

export interface DemoParticipant {
  slug: string
  name: string
  shortName?: string
  aliases?: string[]
  kind: 'state' | 'government' | 'ministry' | 'international-organization' | 'opposition'
  country?: string
  wikidataId?: string
  parentSlug?: string
}

export const demoParticipants: DemoParticipant[] = [
  {
    slug: 'kazakhstan',
    name: 'Republic of Kazakhstan',
    shortName: 'Kazakhstan',
    kind: 'state',
    country: 'KZ',
    wikidataId: 'Q232',
  },
  {
    slug: MINISTRY_SLUG,
    name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
    shortName: 'Kazakh Foreign Ministry',
    aliases: [
      'Ministry of Foreign Affairs',
      'MFA of Kazakhstan',
      'Kazakh MFA',
      'Foreign Ministry of Kazakhstan',
      'Қазақстан Республикасы Сыртқы істер министрлігі',
      'МИД Казахстана',
    ],
    kind: 'ministry',
    country: 'KZ',
    parentSlug: 'kazakhstan',
  },
  { slug: 'russia', name: 'Russian Federation', shortName: 'Russia', kind: 'state', country: 'RU', wikidataId: 'Q159' },
  {
    slug: 'turkiye',
    name: 'Republic of Türkiye',
    shortName: 'Türkiye',
    aliases: ['Turkey', 'Turkiye'],
    kind: 'state',
    country: 'TR',
    wikidataId: 'Q43',
  },
  {
    slug: 'iran',
    name: 'Islamic Republic of Iran',
    shortName: 'Iran',
    kind: 'state',
    country: 'IR',
    wikidataId: 'Q794',
  },
  { slug: 'syria', name: 'Syrian Arab Republic', shortName: 'Syria', kind: 'state', country: 'SY', wikidataId: 'Q858' },
  {
    slug: 'syrian-government',
    name: 'Government of the Syrian Arab Republic',
    shortName: 'Syrian government',
    aliases: ['Damascus'],
    kind: 'government',
    country: 'SY',
    parentSlug: 'syria',
  },
  { slug: 'syrian-opposition', name: 'Syrian opposition', kind: 'opposition', country: 'SY' },
  {
    slug: 'united-nations',
    name: 'United Nations',
    shortName: 'UN',
    kind: 'international-organization',
    wikidataId: 'Q1065',
  },
]

export const demoRoles: { slug: string; role: 'host' | 'guarantor' | 'party' | 'observer' }[] = [
  { slug: 'kazakhstan', role: 'host' },
  { slug: 'russia', role: 'guarantor' },
  { slug: 'turkiye', role: 'guarantor' },
  { slug: 'iran', role: 'guarantor' },
  { slug: 'syrian-government', role: 'party' },
  { slug: 'syrian-opposition', role: 'party' },
  { slug: 'united-nations', role: 'observer' },
]

export const demoStatement = {
  slug: STATEMENT_SLUG,
  title: 'Joint statement of Iran, Russia and Türkiye on the 20th International Meeting on Syria in the Astana format',
  issuedOn: '2023-06-21T00:00:00.000Z',
  place: 'Astana',
  event: '20th International Meeting on Syria in the Astana format',
  signatorySlugs: ['iran', 'russia', 'turkiye'],
  paragraphs: [
    'The delegations of Iran, Russia and Türkiye, as guarantors of the Astana format, met in Astana on 20 and 21 June 2023.',
    'They reviewed recent international and regional developments and stressed the leading part the Astana format has played in the search for a settlement of the Syrian crisis.',
    'They restated their commitment to the sovereignty, independence, unity and territorial integrity of Syria and to the United Nations Charter, which should be universally respected and complied with.',
    'They called for more humanitarian assistance to the whole of Syria, including early recovery projects and the restoration of water and electricity supply, schools and hospitals.',
    'They welcomed the consultations of the foreign ministers of Iran, Russia, Syria and Türkiye held on 20 June in a constructive spirit on a roadmap for relations between Türkiye and Syria.',
  ],
}

export interface DemoPhoto {
  key: string
  filename: string
  alt: string
  caption: string
  scene: DemoScene
  /** The demo draft uses one photo that nobody credited yet. */
  credited: boolean
}

export const demoPhotos: DemoPhoto[] = [
  {
    key: 'plenary',
    filename: 'astana-syria-talks-plenary.jpg',
    alt: 'Delegations seated around the table at the plenary session in Astana',
    caption: 'Syrian talks in Astana.',
    scene: { wall: '#2f5d8a', accent: '#e6c14a', seats: 7 },
    credited: true,
  },
  {
    key: 'turkiye',
    filename: 'astana-turkiye-delegation.jpg',
    alt: 'Members of the Turkish delegation at the talks',
    caption: 'Representatives of Türkiye.',
    scene: { wall: '#8a2f2f', accent: '#f4f1ea', seats: 3 },
    credited: true,
  },
  {
    key: 'iran',
    filename: 'astana-iran-delegation.jpg',
    alt: 'The Iranian delegation at the Astana talks',
    caption: 'Iran at the Astana process on Syria.',
    scene: { wall: '#2f7a4a', accent: '#c0392b', seats: 3 },
    credited: true,
  },
  {
    key: 'un',
    filename: 'astana-un-representatives.jpg',
    alt: 'United Nations representatives attending as observers',
    caption: 'UN representatives.',
    scene: { wall: '#3d7fb8', accent: '#f4f1ea', seats: 2 },
    credited: true,
  },
  {
    key: 'russia',
    filename: 'astana-russia-delegation.jpg',
    alt: 'The Russian delegation at the talks',
    caption: 'Representatives of Russia.',
    scene: { wall: '#3a3f8a', accent: '#d0d4e8', seats: 3 },
    credited: true,
  },
  {
    key: 'arrival',
    filename: 'astana-delegations-arrive.jpg',
    alt: 'Delegations arriving at the venue of the talks',
    caption: 'Delegations arrive for the final day of talks.',
    scene: { wall: '#6b5a3a', accent: '#e6c14a', seats: 5 },
    credited: false,
  },
]

export const HANDOUT_CREDIT_LINE = 'Ministry of Foreign Affairs'

export const MINISTRY_COMMENT =
  'initial goals of creating de-escalation zones, stopping bloodshed between the conflicting sides and preventing a large-scale humanitarian crisis have been achieved'

export const STATEMENT_QUOTE = 'should be universally respected and complied with'

export const MINISTRY_STATEMENT_SLUG = 'ministry-comment-on-the-end-of-the-astana-format'

/** The ministry's official comment, kept as a statement so quotations of it are checked. */
export const demoMinistryComment = {
  slug: MINISTRY_STATEMENT_SLUG,
  title: 'Official comment of the Ministry of Foreign Affairs on the end of the Astana format',
  kind: 'official-comment' as const,
  issuedOn: '2023-06-21T00:00:00.000Z',
  place: 'Astana',
  language: 'en',
  paragraphs: [
    `Since 2017 the Astana format has brought together the parties to the Syrian conflict. Its ${MINISTRY_COMMENT}.`,
    'The gradual return of Syria from isolation in the region can be regarded as a result of the efforts of the Astana format.',
    'Should the participants jointly ask for the negotiations to continue in Astana, Kazakhstan is ready to consider it as a gesture of goodwill.',
  ],
}

/** The joint statement's official Russian text, as the guarantors issued it beside the English one. */
export const demoStatementInRussian = [
  'Делегации Ирана, России и Турции как государств-гарантов Астанинского формата провели встречу в Астане 20 и 21 июня 2023 года.',
  'Они рассмотрели последние международные и региональные события и подчеркнули ведущую роль Астанинского формата в поиске урегулирования сирийского кризиса.',
  'Они вновь подтвердили приверженность суверенитету, независимости, единству и территориальной целостности Сирии и Уставу Организации Объединенных Наций, который должен повсеместно уважаться и соблюдаться.',
  'Они призвали увеличить гуманитарную помощь всей Сирии, в том числе проекты раннего восстановления и восстановление водо- и электроснабжения, школ и больниц.',
  'Они приветствовали консультации министров иностранных дел Ирана, России, Сирии и Турции, прошедшие 20 июня в конструктивном духе, по дорожной карте отношений между Турцией и Сирией.',
]

/**
 * A quotation the desk translated itself: the second paragraph of the joint statement's Russian text
 * (`demoStatementInRussian[1]`) in English. It is not compared word for word with the statement, so
 * the publish checks warn (`desk-translation`) and readers see that the desk translated it.
 */
export const DESK_TRANSLATED_QUOTE = {
  translatedFrom: 'ru',
  text: 'They reviewed the latest international and regional developments and stressed the leading role of the Astana format in the search for a settlement of the Syrian crisis.',
}

export const demoUsers = [
  { email: 'admin@newsroom.test', password: 'newsroom-admin', name: 'Demo Admin', roles: ['admin'] },
  { email: 'editor@newsroom.test', password: 'newsroom-editor', name: 'Demo Editor', roles: ['editor'] },
  { email: 'writer@newsroom.test', password: 'newsroom-writer', name: 'Demo Writer', roles: ['writer'] },
] as const
