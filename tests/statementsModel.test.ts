import type { Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, quote } from '../src/demo/lexicalBuilders.ts'
import { migrations } from '../src/migrations/index.ts'
import { newsroomPlugin } from '../src/plugins/newsroom/index.ts'
import { createTestDatabase } from './helpers/database.ts'
import { startHostApp } from './helpers/hostApp.ts'
import { createUser } from './helpers/payload.ts'

type Host = Awaited<ReturnType<typeof startHostApp>>

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers.reverse()) await close()
})

/** The messages of a refused REST write, by field path. */
function fieldErrors(json: unknown): Record<string, string> {
  const errors = (json as { errors?: { data?: { errors?: { path: string; message: string }[] } }[] }).errors ?? []
  return Object.fromEntries(errors.flatMap((error) => error.data?.errors ?? []).map((e) => [e.path, e.message]))
}

describe('statements, languages and translations', () => {
  let host: Host
  let token: string
  let issuerId: number
  let editor: Awaited<ReturnType<typeof createUser>>

  beforeAll(async () => {
    host = await startHostApp('statements_model', {})
    closers.push(host.close)
    await createUser(host.payload, 'admin@newsroom.test', ['admin'])
    editor = await createUser(host.payload, 'editor@newsroom.test', ['editor'])
    token = await host.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
    const issuer = await host.payload.create({
      collection: 'participants',
      data: {
        name: 'Republic of Kazakhstan',
        kind: 'state',
        country: 'KZ',
        _status: 'published',
      },
    })
    issuerId = issuer.id as number
  })

  it('creates a statement with translations through REST', async () => {
    const response = await host.rest.post(
      '/statements?draft=true',
      {
        title: 'Comment on the Astana talks',
        issuer: issuerId,
        kind: 'official-comment',
        issuedOn: '2026-11-20T00:00:00.000Z',
        place: 'Astana',
        language: 'ru',
        text: doc(paragraph('Казахстан приветствует итоги переговоров.')),
        sourceUrl: 'https://www.gov.kz/memleket/entities/mfa/press/news/details/1',
        translations: [
          { language: 'en', text: doc(paragraph('Kazakhstan welcomes the outcome of the talks.')) },
          { language: 'kk', official: false, sourceUrl: 'https://example.org/kk' },
        ],
        embargoUntil: '2026-11-21T09:00:00.000Z',
      },
      { token },
    )
    expect(response.status, JSON.stringify(response.json)).toBe(201)
    const created = response.json.doc
    expect(created.language).toBe('ru')
    expect(created.slug).toBe('comment-on-the-astana-talks')
    expect(created.translations).toHaveLength(2)
    expect(created.translations[0]).toMatchObject({ language: 'en', official: true })
    expect(created.translations[1]).toMatchObject({
      language: 'kk',
      official: false,
      sourceUrl: 'https://example.org/kk',
    })
    expect(created.embargoUntil).toBe('2026-11-21T09:00:00.000Z')
  })

  it('creates and publishes a statement through the Local API', async () => {
    const statement = await host.payload.create({
      collection: 'statements',
      data: {
        title: 'Speech at the UN General Assembly',
        issuer: issuerId,
        kind: 'speech',
        language: 'en',
        text: doc(paragraph('We stand for dialogue.')) as never,
        translations: [{ language: 'ru', text: doc(paragraph('Мы выступаем за диалог.')) as never }],
        _status: 'published',
      },
    })
    const read = await host.payload.findByID({ collection: 'statements', id: statement.id, depth: 0 })
    expect(read).toMatchObject({ language: 'en', issuer: issuerId, kind: 'speech', _status: 'published' })
    expect(read.translations?.[0]).toMatchObject({ language: 'ru', official: true })
  })

  it('gives a joint statement the language en unless told otherwise', async () => {
    const joint = await host.payload.create({ collection: 'joint-statements', data: { title: 'Joint declaration' } })
    expect(joint.language).toBe('en')
    const response = await host.rest.post(
      '/joint-statements',
      {
        title: 'Совместное заявление',
        language: 'ru',
        translations: [{ language: 'en', text: doc(paragraph('Joint statement.')) }],
        embargoUntil: '2026-12-01T06:00:00.000Z',
      },
      { token },
    )
    expect(response.status, JSON.stringify(response.json)).toBe(201)
    expect(response.json.doc).toMatchObject({ language: 'ru', embargoUntil: '2026-12-01T06:00:00.000Z' })
    expect(response.json.doc.translations[0]).toMatchObject({ language: 'en', official: true })
  })

  it("gives an article the plugin's default language", async () => {
    const article = await host.payload.create({ collection: 'articles', data: { title: 'Talks resume' }, draft: true })
    expect(article.language).toBe('en')
  })

  it('refuses language codes that are not ISO 639-1, with a message naming the code', async () => {
    const statement = await host.rest.post(
      '/statements',
      { title: 'Bad language', issuer: issuerId, language: 'EN' },
      { token },
    )
    expect(statement.status).toBe(400)
    expect(fieldErrors(statement.json).language).toMatch(/ISO 639-1 code of two lowercase letters.*"EN"/)

    const unknown = await host.rest.post('/joint-statements', { title: 'Unknown language', language: 'xx' }, { token })
    expect(unknown.status).toBe(400)
    expect(fieldErrors(unknown.json).language).toBe('"xx" is not an ISO 639-1 language code.')

    const emptied = await host.rest.post('/joint-statements', { title: 'No language', language: '' }, { token })
    expect(emptied.status).toBe(400)
    expect(fieldErrors(emptied.json).language).toMatch(/A language is required/)

    const translation = await host.rest.post(
      '/joint-statements',
      { title: 'Bad translation', translations: [{ language: 'english' }] },
      { token },
    )
    expect(translation.status).toBe(400)
    expect(fieldErrors(translation.json)['translations.0.language']).toMatch(/"english"/)

    const article = await host.rest.post('/articles', { title: 'Bad article', language: 'eng' }, { token })
    expect(article.status).toBe(400)
    expect(fieldErrors(article.json).language).toMatch(/"eng"/)
  })

  it('saves a Quote block attributed to a statement, translated by the desk, and records the statement', async () => {
    const statement = await host.payload.create({
      collection: 'statements',
      data: {
        title: 'Briefing on the Caspian summit',
        issuer: issuerId,
        language: 'ru',
        text: doc(paragraph('Мы готовы к диалогу.')) as never,
        translations: [{ language: 'en', text: doc(paragraph('We are ready for dialogue.')) as never }],
        _status: 'published',
      },
    })
    const response = await host.rest.post(
      '/articles?draft=true',
      {
        title: 'Caspian summit',
        body: doc(
          quote({
            text: 'We are ready for dialogue.',
            attributedTo: { relationTo: 'statements', value: statement.id },
            manner: 'statement',
            translatedFrom: 'ru',
          } as Parameters<typeof quote>[0]),
        ),
      },
      { token },
    )
    expect(response.status, JSON.stringify(response.json)).toBe(201)
    // Read as the desk reads it: readers outside the desk do not see references to unpublished sources.
    const article = await host.payload.findByID({
      collection: 'articles',
      id: response.json.doc.id,
      depth: 0,
      draft: true,
      user: editor,
      overrideAccess: false,
    })
    const block = (article.body as { root: { children: { fields?: Record<string, unknown> }[] } }).root.children[0]
    expect(block?.fields).toMatchObject({
      attributedTo: { relationTo: 'statements', value: statement.id },
      translatedFrom: 'ru',
    })
    expect(article.issuedStatementsCited).toEqual([statement.id])
  })

  it('refuses a Quote block whose translatedFrom is not a language code', async () => {
    const response = await host.rest.post(
      '/articles',
      {
        title: 'Bad quote',
        body: doc(quote({ text: 'Words.', translatedFrom: 'Russian' } as Parameters<typeof quote>[0])),
      },
      { token },
    )
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.json)).toMatch(/ISO 639-1/)
  })
})

describe('a host that writes in Russian', () => {
  it("gives new articles the host's defaultLanguage", async () => {
    const host = await startHostApp('statements_model_ru', { defaultLanguage: 'ru' })
    closers.push(host.close)
    const article = await host.payload.create({ collection: 'articles', data: { title: 'Переговоры' }, draft: true })
    expect(article.language).toBe('ru')
  })

  it('refuses a defaultLanguage that is not a language code at start-up', () => {
    expect(() => newsroomPlugin({ defaultLanguage: 'Russian' })({ collections: [] } as never)).toThrow(
      /defaultLanguage.*"Russian"/,
    )
  })
})

describe('a database of the previous release', () => {
  // The migration under test, and every one before it: later migrations are tested on their own.
  const under = migrations.findIndex((migration) => migration.name.endsWith('statements_and_languages'))
  const upTo = migrations.slice(0, under + 1)
  let payload: Payload
  let client: pg.Client
  let ids: Record<string, number>
  let storedBody: unknown
  // The migration files are typed by the adapter; Payload's own type of a migration is wider.
  const migrate = (list: typeof migrations) => payload.db.migrate({ migrations: list as never })

  const articleBody = (jointStatementId: number, participantId: number) =>
    doc(
      paragraph('The guarantor states met in Astana.'),
      quote({
        text: 'The parties reaffirmed their commitment.',
        attributedTo: { relationTo: 'joint-statements', value: jointStatementId },
        manner: 'joint-statement',
        saidOn: '2026-11-01T00:00:00.000Z',
      }),
      quote({
        text: 'We welcome the outcome.',
        attributedTo: { relationTo: 'participants', value: participantId },
        manner: 'official-comment',
      }),
    )

  beforeAll(async () => {
    expect(under).toBeGreaterThan(0)
    const database = await createTestDatabase('statements_migration')
    const config = await buildConfig({
      secret: 'migration-test',
      db: postgresAdapter({ pool: { connectionString: database.uri }, push: false, prodMigrations: undefined }),
      editor: lexicalEditor(),
      logger: { options: { level: 'warn' } },
      // The plugin's start-up tasks need its tables, which exist only once migrated.
      plugins: [newsroomPlugin({ disabled: true, rightsExpiry: { autoRun: false }, webhooks: { autoRun: false } })],
    })
    payload = await getPayload({ config, key: 'statements_migration' } as Parameters<typeof getPayload>[0])
    closers.push(() => payload.destroy())
    client = new pg.Client({ connectionString: database.uri })
    await client.connect()
    closers.push(() => client.end())

    await migrate(upTo.slice(0, -1))

    // Content as the previous release stored it.
    const insert = async (statement: string, values: unknown[]) =>
      (await client.query<{ id: number }>(statement, values)).rows[0]!.id
    const participant = await insert(
      `insert into participants (name, kind, slug, _status) values ('Republic of Türkiye', 'state', 'turkiye', 'published') returning id`,
      [],
    )
    const jointText = doc(paragraph('The parties reaffirmed their commitment to the sovereignty of Syria.'))
    const published = await insert(
      `insert into joint_statements (title, slug, text, source_url, _status) values ($1, $2, $3, $4, 'published') returning id`,
      ['Joint statement of the guarantors', 'joint-statement-of-the-guarantors', jointText, 'https://example.org/js'],
    )
    const draft = await insert(
      `insert into joint_statements (title, slug, _status) values ('Draft declaration', 'draft-declaration', 'draft') returning id`,
      [],
    )
    await client.query(
      `insert into _joint_statements_v (parent_id, version_title, version_slug, version__status, latest)
       values ($1, 'Draft declaration', 'draft-declaration', 'draft', true)`,
      [draft],
    )
    await client.query(
      `insert into joint_statements_rels ("order", parent_id, path, participants_id) values (1, $1, 'signatories', $2)`,
      [published, participant],
    )
    await client.query(
      `insert into _joint_statements_v (parent_id, version_title, version_slug, version_text, version__status, latest)
       values ($1, 'Joint statement of the guarantors', 'joint-statement-of-the-guarantors', $2, 'published', true)`,
      [published, jointText],
    )
    const body = articleBody(published, participant)
    const article = await insert(
      `insert into articles (title, slug, dateline, body, _status) values ('Talks in Astana', 'talks-in-astana', 'ASTANA', $1, 'published') returning id`,
      [body],
    )
    await client.query(
      `insert into articles_rels ("order", parent_id, path, joint_statements_id) values (1, $1, 'statements', $2), (1, $1, 'statementsCited', $2)`,
      [article, published],
    )
    await client.query(
      `insert into _articles_v (parent_id, version_title, version_slug, version_body, version__status, latest)
       values ($1, 'Talks in Astana', 'talks-in-astana', $2, 'published', true)`,
      [article, body],
    )
    ids = { participant, published, draft, article }
    storedBody = body

    await migrate(upTo)
  })

  it('records the new migration once', async () => {
    const { rows } = await client.query<{ name: string }>('select name from payload_migrations order by name')
    expect(rows.map((row) => row.name)).toEqual(upTo.map((migration) => migration.name))
  })

  it('keeps every joint statement, in English, with its text and signatories', async () => {
    const { docs } = await payload.find({ collection: 'joint-statements', sort: 'id', depth: 0 })
    expect(docs.map((statement) => [statement.id, statement.title, statement.language])).toEqual([
      [ids.published, 'Joint statement of the guarantors', 'en'],
      [ids.draft, 'Draft declaration', 'en'],
    ])
    expect(docs[0]).toMatchObject({
      signatories: [ids.participant],
      sourceUrl: 'https://example.org/js',
      translations: [],
      _status: 'published',
    })
    expect(docs[0]!.text).toEqual(
      doc(paragraph('The parties reaffirmed their commitment to the sovereignty of Syria.')),
    )
    const { docs: versions } = await payload.findVersions({ collection: 'joint-statements', depth: 0 })
    expect(versions.map((version) => version.version.language)).toEqual(['en', 'en'])
  })

  it('keeps every article and its quotes, in the default language', async () => {
    const { docs } = await payload.find({ collection: 'articles', depth: 0 })
    expect(docs).toHaveLength(1)
    const [article] = docs
    expect(article).toMatchObject({
      id: ids.article,
      title: 'Talks in Astana',
      slug: 'talks-in-astana',
      dateline: 'ASTANA',
      language: 'en',
      statements: [ids.published],
      statementsCited: [ids.published],
      _status: 'published',
    })
    expect(article!.body).toEqual(JSON.parse(JSON.stringify(storedBody)))
    const { docs: versions } = await payload.findVersions({ collection: 'articles', depth: 0 })
    expect(versions.map((version) => version.version.language)).toEqual(['en'])
  })

  it('starts the statements collection empty, ready to use', async () => {
    expect((await payload.count({ collection: 'statements' })).totalDocs).toBe(0)
    const statement = await payload.create({
      collection: 'statements',
      data: { title: 'Comment', issuer: ids.participant!, language: 'tr', translations: [{ language: 'en' }] },
    })
    expect(statement).toMatchObject({ language: 'tr', translations: [{ language: 'en', official: true }] })
  })

  it('takes the later migrations on top (the delivery tier: snapshot columns and participant snapshots)', async () => {
    await migrate(migrations)
    const { rows } = await client.query<{ name: string }>('select name from payload_migrations order by name')
    expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name))
    const columns = await client.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'article_snapshots' order by column_name`,
    )
    expect(columns.rows.map((row) => row.column_name)).toEqual(
      expect.arrayContaining(['title', 'summary', 'dateline', 'surrogate_keys']),
    )
    expect((await client.query('select count(*)::int as n from participant_snapshots')).rows[0]).toEqual({ n: 0 })
  })
})
