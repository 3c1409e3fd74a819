/**
 * The README's concrete claims, checked against the code: the defaults in its options table, the
 * rules and their levels, the examples of how credits and quotations are matched, the roles and
 * the demo app's defaults. Each example table is read from README.md itself, so an edit to either
 * side that makes them disagree fails here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

import type { Config } from 'payload'

import type { LoadedParticipant } from '../../src/gate/types.ts'

import { deleteDraftsOrEditor, publishedOrStaff, shownPhotosOrStaff } from '../../src/access/index.ts'
import { richTextToPlain } from '../../src/article/lexical.ts'
import { articleSnapshotsCollection } from '../../src/collections/ArticleSnapshots.ts'
import { photosCollection } from '../../src/collections/Photos.ts'
import { rolesField, usersCollection } from '../../src/collections/Users.ts'
import { webhookDeliveriesCollection } from '../../src/collections/WebhookDeliveries.ts'
import { demoRequested, demoSeedOptions } from '../../src/demo/demoMode.ts'
import { demoStatement } from '../../src/demo/demoContent.ts'
import { doc, paragraph } from '../../src/demo/lexicalBuilders.ts'
import { DEVELOPMENT_SECRET, resolveSecret } from '../../src/demo/serverSecret.ts'
import { trustedOrigins } from '../../src/demo/trustedOrigins.ts'
import { describeDeceptiveText } from '../../src/gate/deceptiveText.ts'
import { compileMinistryWording, DEFAULT_MINISTRY_WORDING } from '../../src/gate/ministryWording.ts'
import { BUILT_IN_RULES } from '../../src/gate/rules/index.ts'
import { namesAMinistry } from '../../src/gate/rules/photoRules.ts'
import * as optionDefaults from '../../src/options/defaults.ts'
import { DEFAULT_SLUGS, DEFAULTS } from '../../src/options/defaults.ts'
import { newsroomPlugin, type NewsroomPluginOptions } from '../../src/plugins/newsroom/index.ts'
import { resolveOptions } from '../../src/plugins/newsroom/resolveOptions.ts'
import { webhookSigningKey } from '../../src/webhooks/signature.ts'
import {
  gateContext,
  handoutPhoto,
  heroUse,
  ID,
  jointStatement,
  newsroomParticipants,
  statementQuote,
} from './gateContext.ts'
import { builtInRule } from './ruleCases.ts'

const README = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8')
/** The README as running prose: line breaks inside paragraphs do not matter. */
const PROSE = README.replace(/\s+/g, ' ')

/** A table row's cells, split at the pipes that are not escaped (`\|` inside a cell). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'))
}

/** The body rows of the README table whose header row starts with `header`. */
function table(header: string): string[][] {
  const lines = README.split('\n')
  const start = lines.findIndex((line) => line.startsWith(header))
  if (start === -1) throw new Error(`README.md has no table whose header starts with “${header}”.`)
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    rows.push(cells(line))
  }
  if (rows.length === 0) throw new Error(`The README table “${header}” has no rows.`)
  return rows
}

/** The code spans of a cell, in order. */
const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!)

/** A cell that is one code span, as its text. */
function example(cell: string): string {
  const match = cell.match(/^`([^`]+)`$/)
  if (!match) throw new Error(`Expected an example in one code span, found “${cell}”.`)
  return match[1]!
}

/** The verdict a cell starts with ("passes: …" → "passes"). */
const verdict = (cell: string) => cell.split(/[\s:]/)[0]!

// ---------------------------------------------------------------------------------------------

describe('the options table', () => {
  const rows = table('| option | type | default |')
  /** Option name → the default as the README writes it; a row naming two options gives each its own code span. */
  const written = new Map<string, string>()
  for (const [names = '', , defaults = ''] of rows) {
    const options = codeSpans(names)
    if (options.length === 1) written.set(options[0]!, defaults)
    else options.forEach((option, index) => written.set(option, `\`${codeSpans(defaults)[index]}\``))
  }

  /** A default cell read as a value: "25 MiB", "120,000,000", or the first code span (a number, `false`, `[]` or a string). */
  function value(cell: string): unknown {
    const mebibytes = cell.match(/^(\d+) MiB$/)
    if (mebibytes) return Number(mebibytes[1]) * 2 ** 20
    if (/^\d{1,3}(,\d{3})+$/.test(cell)) return Number(cell.replace(/,/g, ''))
    const [span] = codeSpans(cell)
    if (span === undefined) throw new Error(`No value in the default “${cell}”.`)
    if (/^\d+$/.test(span)) return Number(span)
    if (span === 'false') return false
    if (span === '[]') return []
    return span
  }

  /** A value at a dotted path of an object, or undefined. */
  const at = (object: unknown, dotted: string): unknown =>
    dotted.split('.').reduce<unknown>((found, key) => (found as Record<string, unknown> | undefined)?.[key], object)

  /** What the code applies when no option is given: the resolved options, read at the option's own path. */
  const resolved = resolveOptions({})
  /** Options the resolved options keep elsewhere or in another form. */
  const appliedElsewhere: Record<string, unknown> = {
    'gate.customRules': resolved.gate.rules.slice(BUILT_IN_RULES.length),
    'gate.extraMinistryWording': resolved.gate.ministryWording.slice(
      compileMinistryWording(DEFAULT_MINISTRY_WORDING).length,
    ),
  }
  /** Constants a default cell may name, e.g. `DEFAULT_NEGATIONS`. */
  const named = optionDefaults as unknown as Record<string, unknown>
  /** Options whose default the README describes in words, each checked by a test of its own below. */
  const described = [
    'slugs',
    'usersSlug',
    'overrides',
    'photos.collection',
    'gate.rules',
    'gate.ministryWording',
    'delivery.publicURL',
    'webhooks.secret',
  ]
  const checked = [...written.keys()].filter((option) => !described.includes(option) && !option.startsWith('slugs.'))

  it('has options to check', () => {
    expect(checked.length).toBeGreaterThan(10)
  })

  it.each(checked)('states the default of %s as the code applies it', (option) => {
    const cell = written.get(option)!
    const readme = value(cell)
    const constant = typeof readme === 'string' && readme in named ? named[readme] : undefined
    const applied = option in appliedElsewhere ? appliedElsewhere[option] : at(resolved, option)
    expect(applied, `resolveOptions({}).${option}`).toEqual(constant ?? readme)
    // A constant named with its keys (`DEFAULT_NEGATIONS` (`en`, `ru`, …)) lists all of them.
    if (constant && typeof constant === 'object' && !Array.isArray(constant) && codeSpans(cell).length > 1)
      expect(codeSpans(cell).slice(1)).toEqual(Object.keys(constant))
  })

  it('states every value in DEFAULTS', () => {
    const leaves = (object: object, prefix = ''): [string, unknown][] =>
      Object.entries(object).flatMap(([key, leaf]) =>
        leaf && typeof leaf === 'object' ? leaves(leaf, `${prefix}${key}.`) : [[`${prefix}${key}`, leaf]],
      )
    // The users collection and the secret's length have tests of their own; quotation settings sit under `gate`.
    const others = ['usersSlug', 'webhooks.minimumSecretLength']
    for (const [key, leaf] of leaves(DEFAULTS)) {
      if (others.includes(key)) continue
      const option = key.startsWith('quotations.') ? `gate.${key}` : key
      expect(written.has(option), `${option} is missing from the options table`).toBe(true)
      expect(value(written.get(option)!), option).toBe(leaf)
    }
  })

  it('states the default slugs', () => {
    expect(codeSpans(written.get('slugs')!)).toEqual([
      DEFAULT_SLUGS.articles,
      DEFAULT_SLUGS.photos,
      DEFAULT_SLUGS.participants,
      DEFAULT_SLUGS.jointStatements,
      DEFAULT_SLUGS.statements,
    ])
    for (const key of Object.keys(DEFAULT_SLUGS)) {
      if (['articles', 'photos', 'participants', 'jointStatements', 'statements'].includes(key)) continue
      expect(written.has(`slugs.${key}`), `slugs.${key} is missing from the options table`).toBe(true)
      expect(value(written.get(`slugs.${key}`)!)).toBe(DEFAULT_SLUGS[key as keyof typeof DEFAULT_SLUGS])
    }
  })

  it("takes the users collection from the host's admin.user, else 'users'", () => {
    expect(written.get('usersSlug')).toBe(`\`config.admin.user ?? '${DEFAULTS.usersSlug}'\``)
    expect(resolveOptions({}).usersSlug).toBe(DEFAULTS.usersSlug)
    expect(resolveOptions({}, 'staff').usersSlug).toBe('staff')
  })

  it('uses DEFAULT_MINISTRY_WORDING, with the extra wording added, and every rule at its own level', () => {
    expect(written.get('gate.ministryWording')).toBe('`DEFAULT_MINISTRY_WORDING`')
    expect(resolved.gate.ministryWording.map(String)).toEqual(
      compileMinistryWording(DEFAULT_MINISTRY_WORDING).map(String),
    )
    const extra = resolveOptions({ gate: { ministryWording: ['Press Office'], extraMinistryWording: ['Akorda'] } })
    expect(extra.gate.ministryWording.map(String)).toEqual(
      compileMinistryWording(['Press Office', 'Akorda']).map(String),
    )
    expect(resolved.gate.rules).toEqual(BUILT_IN_RULES)
    expect(resolved.gate.severities).toEqual({})
  })

  describe('webhooks.secret', () => {
    const saved = process.env.NEWSROOM_WEBHOOK_SECRET
    afterEach(() => {
      if (saved === undefined) delete process.env.NEWSROOM_WEBHOOK_SECRET
      else process.env.NEWSROOM_WEBHOOK_SECRET = saved
    })
    const endpoints = ['https://www.example.org/api/revalidate']

    it('defaults to NEWSROOM_WEBHOOK_SECRET', () => {
      expect(written.get('webhooks.secret')).toBe('`process.env.NEWSROOM_WEBHOOK_SECRET`')
      process.env.NEWSROOM_WEBHOOK_SECRET = 'secret-from-the-environment'
      expect(resolveOptions({ webhooks: { endpoints } }).webhooks.secret).toBe('secret-from-the-environment')
    })

    it('needs 16 characters or more, prefix included, only when there are endpoints', () => {
      delete process.env.NEWSROOM_WEBHOOK_SECRET
      expect(DEFAULTS.webhooks.minimumSecretLength).toBe(16)
      expect(PROSE).toContain('at least 16 characters long, prefix included')
      expect(() => resolveOptions({ webhooks: { endpoints, secret: 'x'.repeat(15) } })).toThrow(/16 characters/)
      expect(resolveOptions({ webhooks: { endpoints, secret: 'x'.repeat(16) } }).webhooks.secret).toHaveLength(16)
      expect(() => resolveOptions({ webhooks: { endpoints, secret: 'whsec_MTIzNA==' } })).toThrow(/16 characters/)
      expect(resolveOptions({ webhooks: { secret: 'short' } }).webhooks.secret).toBe('short')
    })

    it('refuses a whsec_ secret that is not padded standard base64', () => {
      expect(() => webhookSigningKey('whsec_not base64 at all')).toThrow(/padded standard base64/)
      const start = () =>
        newsroomPlugin({ webhooks: { endpoints, secret: 'whsec_not base64 at all' } })({
          collections: [],
        } as unknown as Config)
      expect(start).toThrow(/padded standard base64/)
      expect(webhookSigningKey(`whsec_${Buffer.from('a key of some length').toString('base64')}`)).toEqual(
        Buffer.from('a key of some length'),
      )
    })
  })

  it('runs the webhook queue only when there are endpoints', () => {
    expect(written.get('webhooks.autoRun')).toContain('(`*/5 * * * * *`)')
    expect(rows.find(([name]) => name === '`webhooks.autoRun`')?.[3]).toContain('only when there are endpoints')
    const queues = (pluginOptions: NewsroomPluginOptions) => {
      const config = newsroomPlugin(pluginOptions)({ collections: [] } as unknown as Config) as Config
      return (config.jobs?.autoRun as { queue: string }[]).map((run) => run.queue)
    }
    expect(queues({})).toEqual([DEFAULTS.rightsExpiry.queue])
    expect(queues({ webhooks: { endpoints: ['https://cdn.example/purge'], secret: 'x'.repeat(16) } })).toEqual([
      DEFAULTS.webhooks.queue,
      DEFAULTS.rightsExpiry.queue,
    ])
  })
})

// ---------------------------------------------------------------------------------------------

describe('the rule table', () => {
  const rows = table('| rule | level | what it asks |')

  it('lists every built-in rule once, at its default level', () => {
    const written = rows.map(([rule = '', level = '']) => [example(rule), level])
    expect(new Set(written.map(([rule]) => rule)).size).toBe(written.length)
    expect(Object.fromEntries(written)).toEqual(
      Object.fromEntries(BUILT_IN_RULES.map((rule) => [rule.id, rule.defaultSeverity])),
    )
  })

  const row = (id: string) => rows.find(([rule]) => rule === `\`${id}\``)![2]!

  it('names only words of the default ministry wording', () => {
    const listed = row('ministry-credit').match(/ministry wording \(([^)]*)\)/)![1]!
    const words = [...listed.matchAll(/"([^"]+)"/g)].map((match) => match[1])
    expect(words.length).toBeGreaterThan(3)
    for (const word of words) expect(DEFAULT_MINISTRY_WORDING).toContain(word)
    for (const word of ['MFA', 'MoFA', 'Minister']) {
      expect(PROSE).toContain(`"${word}"`)
      expect(DEFAULT_MINISTRY_WORDING).toContain(word)
    }
  })

  it("refuses “Ministry of Foreign Affairs” issued by Russia's Ministry of Defence", () => {
    expect(row('ministry-credit')).toContain(
      '"Ministry of Foreign Affairs" issued by Russia\'s Ministry of Defence is refused',
    )
    const context = gateContext({
      photos: [handoutPhoto({ credit: { line: 'Ministry of Foreign Affairs', issuer: ID.russianDefence } })],
      participants: Object.values(newsroomParticipants()),
      photoUses: [heroUse()],
    })
    expect(builtInRule('ministry-credit').check(context)).toHaveLength(1)
  })

  it('finds the caption credits it names, compared without case or punctuation', () => {
    const markers = [...row('caption-credit-mismatch').matchAll(/"([^"]+)"/g)].map((match) => match[1]!)
    expect(markers).toEqual(['Photo:', 'Photo credit:', 'Photograph:', 'Photo by', 'Credit:'])
    for (const marker of markers) {
      const check = (line: string) =>
        builtInRule('caption-credit-mismatch').check(
          gateContext({
            photos: [handoutPhoto({ caption: `Talks in Astana. ${marker} Agency X.`, credit: { line } })],
            photoUses: [heroUse()],
          }),
        )
      expect(check('Ministry of Foreign Affairs'), marker).toHaveLength(1)
      expect(check('AGENCY-X'), marker).toEqual([])
    }
  })

  it('reports the look-alike letter of its example', () => {
    expect(row('deceptive-characters')).toContain('"Мinistry" with a Cyrillic М')
    expect(describeDeceptiveText('Мinistry')).toEqual([expect.stringContaining('Cyrillic “М” U+041C')])
  })
})

// ---------------------------------------------------------------------------------------------

describe('How credits and quotations are matched', () => {
  const wording = compileMinistryWording(DEFAULT_MINISTRY_WORDING)

  it.each(table("| credit line | read as a ministry's by the default wording |"))(
    'reads %s as the README says (%s)',
    (line, answer) => {
      expect(['yes', 'no']).toContain(verdict(answer!))
      expect(namesAMinistry(example(line!), wording)).toBe(verdict(answer!) === 'yes')
    },
  )

  const issuer: LoadedParticipant = {
    ...newsroomParticipants().kazakhMfa,
    aliases: ['Ministry of Foreign Affairs', 'МИД Казахстана'],
  }

  it('describes the issuer of its examples as the tests build it', () => {
    expect(PROSE).toContain(
      `(name "${issuer.name}", short name "${issuer.shortName}", aliases "${issuer.aliases![0]}" and "${issuer.aliases![1]}")`,
    )
  })

  it.each(table('| credit line | `ministry-credit` |'))(
    'judges the credit line %s as the README says (%s)',
    (line, answer) => {
      expect(['passes', 'refused']).toContain(verdict(answer!))
      const context = gateContext({
        photos: [handoutPhoto({ credit: { line: example(line!) } })],
        participants: [issuer, newsroomParticipants().kazakhstan],
        photoUses: [heroUse()],
      })
      expect(builtInRule('ministry-credit').check(context)).toHaveLength(verdict(answer!) === 'passes' ? 0 : 1)
    },
  )

  // The statement's text as the gate loads it: the published rich text, read as plain text.
  const statementText = richTextToPlain(doc(...demoStatement.paragraphs.map((line) => paragraph(line))))

  it('quotes the demo statement as it is', () => {
    expect(PROSE).toContain(`"${demoStatement.paragraphs[2]} ${demoStatement.paragraphs[3]}"`)
  })

  it.each(table('| quotation | `quote-in-statement` |'))(
    'judges the quotation %s as the README says (%s)',
    (quotation, answer) => {
      expect(['passes', 'refused']).toContain(verdict(answer!))
      const context = gateContext({
        statements: [jointStatement({ plainText: statementText })],
        quotes: [statementQuote(example(quotation!))],
      })
      expect(builtInRule('quote-in-statement').check(context)).toHaveLength(verdict(answer!) === 'passes' ? 0 : 1)
    },
  )

  it.each(table('| running text | `unattributed-quotation` |'))(
    'reads the running text %s as the README says (%s)',
    (text, answer) => {
      expect(['warns', 'silent']).toContain(verdict(answer!))
      const findings = builtInRule('unattributed-quotation').check(gateContext({ runningText: [example(text!)] }))
      expect(findings).toHaveLength(verdict(answer!) === 'warns' ? 1 : 0)
    },
  )

  describe('the wording example in the gate options', () => {
    const written = README.match(/extraMinistryWording: \['Press Office', \/(.+)\/([a-z]*)\]/)
    const pattern = new RegExp(written![1]!, written![2])

    it('finds the inflected forms the README says a pattern can list', () => {
      expect(PROSE).toContain('("Пресс-служба Акорды")')
      const options = resolveOptions({ gate: { extraMinistryWording: ['Press Office', pattern] } })
      for (const line of ['Пресс-служба Акорды', 'Акорда', 'пресс-служба акорды', 'Presidential Press Office'])
        expect(namesAMinistry(line, options.gate.ministryWording), line).toBe(true)
      for (const line of ['Акордеон', 'Press Offices']) expect(namesAMinistry(line, [pattern]), line).toBe(false)
    })

    it('is right that \\b does not bound Cyrillic words', () => {
      expect(PROSE).toContain('`/\\bАкорда\\b/u` never matches Cyrillic text')
      for (const line of ['Акорда', 'Пресс-служба Акорда', 'АКОРДА']) expect(/\bАкорда\b/u.test(line)).toBe(false)
    })
  })
})

// ---------------------------------------------------------------------------------------------

describe('Who may do what', () => {
  const options = resolveOptions({})
  const as = (roles: string[] | null, id = 7) => ({ req: { user: roles ? { id, roles } : null } }) as never
  const photos = photosCollection(options).access!
  const users = usersCollection(options).access!
  const published = { _status: { equals: 'published' } }

  it('lets anyone, and a signed-in user without a role, read only what is published and shown', () => {
    expect(publishedOrStaff(as(null))).toEqual(published)
    expect(publishedOrStaff(as([]))).toEqual(published)
    expect(JSON.stringify(shownPhotosOrStaff(as([])))).toContain('"shownPublicly":{"equals":true}')
    expect(publishedOrStaff(as(['writer']))).toBe(true)
    expect(shownPhotosOrStaff(as(['writer']))).toBe(true)
  })

  it('lets writers delete what is not published, and no photo', () => {
    expect(PROSE).toContain(
      'articles, participants and statements that are not published (never published, or unpublished since); no photos',
    )
    expect(deleteDraftsOrEditor(as(['writer']))).toEqual({ _status: { not_equals: 'published' } })
    expect(deleteDraftsOrEditor(as(['editor']))).toBe(true)
    expect(photos.delete!(as(['writer']))).toBe(false)
    expect(photos.delete!(as(['editor']))).toBe(true)
    expect(photos.update!(as(['writer']))).toBe(true)
  })

  it('lets every signed-in user read accounts, each change their own, and only admins set roles', () => {
    expect(users.read!(as(['writer']))).toBe(true)
    expect(users.read!(as(null))).toBe(false)
    expect(users.update!(as(['editor'], 42))).toEqual({ id: { equals: 42 } })
    expect(users.update!(as(['admin']))).toBe(true)
    expect(users.create!(as(['editor']))).toBe(false)
    expect(users.delete!(as(['editor']))).toBe(false)
    const roles = rolesField()
    expect(roles.defaultValue).toEqual(['writer'])
    expect(roles.access!.update!(as(['editor']))).toBe(false)
    expect(roles.access!.update!(as(['admin']))).toBe(true)
  })

  it('lets the desk read snapshots and only admins read webhook deliveries', () => {
    expect(articleSnapshotsCollection(options).access!.read!(as(['writer']))).toBe(true)
    expect(articleSnapshotsCollection(options).access!.read!(as(null))).toBe(false)
    expect(webhookDeliveriesCollection(options).access!.read!(as(['editor']))).toBe(false)
    expect(webhookDeliveriesCollection(options).access!.read!(as(['admin']))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

describe("the demo app's configuration", () => {
  /** Variables as a process would have them. */
  const env = (variables: Record<string, string>) => variables as NodeJS.ProcessEnv
  /** Variable → its default and meaning, as one string. */
  const variables = new Map(
    table('| variable | default | meaning |').map(([variable = '', ...rest]) => [example(variable), rest.join(' | ')]),
  )

  it('trusts localhost and 127.0.0.1 on PORT, 3000 by default, without SERVER_URL', () => {
    expect(variables.get('PORT')).toMatch(/^`3000` \|/)
    expect(trustedOrigins(env({}))).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000'])
    expect(trustedOrigins(env({ PORT: '4000' }))).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000'])
  })

  it('keeps only the origin of SERVER_URL and ALLOWED_ORIGINS, and refuses what is not http(s)', () => {
    expect(
      trustedOrigins(env({ SERVER_URL: 'https://cms.example/admin/', ALLOWED_ORIGINS: 'https://news.example/' })),
    ).toEqual(['https://cms.example', 'https://news.example'])
    expect(() => trustedOrigins(env({ ALLOWED_ORIGINS: 'news.example' }))).toThrow(/ALLOWED_ORIGINS/)
    expect(() => trustedOrigins(env({ SERVER_URL: 'ftp://cms.example' }))).toThrow(/SERVER_URL/)
  })

  it('seeds the demo for 1, true or yes, in any case, and never creates the logins in production', () => {
    expect(variables.get('NEWSROOM_DEMO')).toContain('`1`, `true` or `yes` (any case)')
    for (const value of ['1', 'true', 'YES']) expect(demoRequested(env({ NEWSROOM_DEMO: value }))).toBe(true)
    for (const value of ['0', 'no', '']) expect(demoRequested(env({ NEWSROOM_DEMO: value }))).toBe(false)
    expect(demoSeedOptions(env({ NEWSROOM_DEMO: '1', NODE_ENV: 'production' }))).toEqual({ withDemoLogins: false })
    expect(demoSeedOptions(env({ NEWSROOM_DEMO: '1', NODE_ENV: 'development' }))).toEqual({ withDemoLogins: true })
  })

  it('needs PAYLOAD_SECRET, and in production 32 characters that are not the development secret', () => {
    expect(() => resolveSecret(env({}))).toThrow(/PAYLOAD_SECRET/)
    expect(() => resolveSecret(env({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(31) }))).toThrow(/32/)
    expect(resolveSecret(env({ NODE_ENV: 'production', PAYLOAD_SECRET: ` ${'x'.repeat(32)} ` }))).toBe('x'.repeat(32))
    expect(() => resolveSecret(env({ NODE_ENV: 'production', PAYLOAD_SECRET: DEVELOPMENT_SECRET }))).toThrow(/32/)
    expect(resolveSecret(env({ PAYLOAD_SECRET: 'short' }))).toBe('short')
  })
})
