import type { QuoteMatch } from '../quoteMatch.ts'
import type {
  GateContext,
  GateRule,
  LoadedIssuedStatement,
  LoadedStatement,
  LoadedText,
  QuoteUse,
  RuleFinding,
} from '../types.ts'

import { languageLabel, languageName } from '../../model/languages.ts'
import { isBlank, participantLabel, statementLabel } from '../describe.ts'
import { quoteMatcher } from '../quoteMatch.ts'
import { excerpt, readableMoment } from '../text.ts'

const quoteLabel = (number: number, text: string) => `Quote ${number}${text.trim() ? ` (“${excerpt(text, 50)}”)` : ''}`

export const quoteAttribution: GateRule = {
  id: 'quote-attribution',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'Every Quote block is attributed to a participant, a joint statement or a statement.',
  check: (context) =>
    context.quotes
      .filter((quote) => !quote.attributedTo)
      .map((quote) => ({
        path: quote.path,
        message: `${quoteLabel(quote.number, quote.text)} is not attributed. Choose who said it, or the statement it comes from.`,
      })),
}

export const bareBlockquote: GateRule = {
  id: 'bare-blockquote',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'Quotations use the Quote block, which carries an attribution, not a plain block quote.',
  check: (context) =>
    context.bareBlockquotes.map((text) => ({
      path: 'body',
      message: `The block quote “${excerpt(text, 60)}” has no attribution. Replace it with a Quote block and say who said it.`,
    })),
}

/** A source a quotation can be checked against: a joint statement or a statement of one participant. */
type QuotedSource = LoadedStatement | LoadedIssuedStatement

/** The language of an article's text (ISO 639-1), `en` when the article does not say. */
export function articleLanguage(context: GateContext): string {
  const language = context.doc.language
  return typeof language === 'string' && language.trim() !== '' ? language.trim().toLowerCase() : 'en'
}

/** The statement, of either collection, a Quote block is attributed to, when it is loaded. */
function quotedSource(context: GateContext, quote: QuoteUse): QuotedSource | undefined {
  const attributed = quote.attributedTo
  if (!attributed) return undefined
  if (attributed.relationTo === context.slugs.jointStatements) return context.statements.get(String(attributed.value))
  if (attributed.relationTo === context.slugs.statements) return context.issuedStatements.get(String(attributed.value))
  return undefined
}

/** The texts a quotation in `language` is compared with: the official ones in that language. */
const officialTextsIn = (source: QuotedSource, language: string): LoadedText[] =>
  source.texts.filter((text) => text.official && text.language === language)

/** "ru (original), en, kk (unofficial translation)": the languages a statement has texts in. */
function languagesOf(source: QuotedSource): string {
  const names = source.texts.map((text, index) =>
    languageLabel(text.language, index === 0 ? 'original' : text.official ? undefined : 'unofficial'),
  )
  return names.length > 0 ? names.join(', ') : 'none'
}

/** Each quotation of a statement matched once per gate run, for both quotation rules. */
const matchesOf = new WeakMap<GateContext, Map<string, QuoteMatch>>()

type StatementQuote =
  | { quote: QuoteUse; statement: QuotedSource; match: QuoteMatch }
  | { quote: QuoteUse; statement: QuotedSource; blank: 'quote' | 'statement' }

/**
 * The Quote blocks attributed to a loaded statement (of either collection) that are compared word
 * for word, each with what the matcher made of it: those the desk did not translate itself, of a
 * statement with an official text in the article's language. A quotation found in any of those
 * texts is found; otherwise the first one (the original when it is in that language) is reported.
 */
function statementQuotes(context: GateContext): StatementQuote[] {
  let known = matchesOf.get(context)
  if (!known) matchesOf.set(context, (known = new Map()))
  const matcher = quoteMatcher(context.quotations)
  const language = articleLanguage(context)
  return context.quotes.flatMap((quote): StatementQuote[] => {
    const statement = quotedSource(context, quote)
    if (!statement) return [] // cited-unpublished reports a missing statement
    if (quote.translatedFrom) return [] // desk-translation reports it
    const texts = officialTextsIn(statement, language)
    if (texts.length === 0) return [] // quote-translation-marked reports it
    if (isBlank(quote.text)) return [{ quote, statement, blank: 'quote' }]
    const written = texts.filter((text) => !isBlank(text.plainText))
    if (written.length === 0) return [{ quote, statement, blank: 'statement' }]
    const matches = written.map((text) => {
      const key = `${quote.attributedTo!.relationTo}\u0000${String(statement.id)}\u0000${statement.texts.indexOf(text)}\u0000${quote.text}`
      let match = known.get(key)
      if (!match) known.set(key, (match = matcher(quote.text, text.plainText)))
      return match
    })
    return [{ quote, statement, match: matches.find((match) => match.found) ?? matches[0]! }]
  })
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`
const listed = (words: string[]) => words.map((word) => `“${word}”`).join(', ')

function refusal(label: string, source: string, match: QuoteMatch): RuleFinding['message'] {
  const problem = match.problem
  switch (problem?.kind) {
    case 'short-fragment':
      return (
        `${label}: the part “${problem.fragment}” between omission marks has ${plural(problem.words, 'word')}. ` +
        `Each part needs at least ${plural(problem.minimum, 'word')} of the statement, so that a quotation is not ` +
        'put together from scattered words: quote more, or leave out the omission.'
      )
    case 'elided-negation':
      return (
        `${label}: the omission after “${problem.before}” leaves out ${plural(problem.removedWords, 'word')} of the ` +
        `statement ${source}, “${problem.removed}”, among them ${listed(problem.negations)}. An omission may not ` +
        'take out a negation or another word that reverses the meaning: quote that passage, or end the quotation before it.'
      )
    case 'bracket-negation':
      return (
        `${label}: the insertion ${problem.inserted} stands for ` +
        (problem.replaces ? `“${problem.replaces}”` : 'nothing') +
        ` in the statement ${source} and so adds or removes ${listed(problem.negations)}. ` +
        'A bracket may not add or remove a negation: quote the statement’s own words.'
      )
    case 'order':
      return (
        `${label} does not appear in the statement ${source}: each of its parts is there, but not in this order. ` +
        'Put the parts in the order of the statement.'
      )
    case 'empty':
      return `${label} has no words of the statement, only omission marks or brackets.`
    default:
      return (
        `${label} does not appear in the statement ${source}.` +
        (match.closest ? ` Closest passage: “${match.closest}”.` : '') +
        ' Quote it exactly, marking omissions with “…”.'
      )
  }
}

export const quoteInStatement: GateRule = {
  id: 'quote-in-statement',
  target: 'articles',
  defaultSeverity: 'error',
  description:
    'A quotation attributed to a statement or joint statement appears in its official text in the article’s language, whole words in order; omissions (“…”) take out no negation.',
  check: (context) =>
    statementQuotes(context).flatMap((entry): RuleFinding[] => {
      const { quote, statement } = entry
      if ('blank' in entry) {
        return [
          entry.blank === 'quote'
            ? { path: quote.path, message: `Quote ${quote.number} has no text.` }
            : {
                path: quote.path,
                message: `${quoteLabel(quote.number, quote.text)} cannot be checked: the statement ${statementLabel(statement)} has no text yet.`,
              },
        ]
      }
      if (entry.match.found) return []
      return [
        {
          path: quote.path,
          message: refusal(quoteLabel(quote.number, quote.text), statementLabel(statement), entry.match),
          ...(entry.match.diff ? { diff: entry.match.diff } : {}),
        },
      ]
    }),
}

export const quoteBracketInsertion: GateRule = {
  id: 'quote-bracket-insertion',
  target: 'articles',
  defaultSeverity: 'warning',
  description:
    'A quotation of a statement or joint statement that puts words of its own in square brackets says what each replaces.',
  check: (context) =>
    statementQuotes(context).flatMap((entry): RuleFinding[] => {
      if ('blank' in entry || !entry.match.found || !entry.match.insertions) return []
      const insertions = entry.match.insertions.map(({ inserted, replaces }) =>
        replaces ? `${inserted} in place of “${replaces}”` : `${inserted} added`,
      )
      return [
        {
          path: entry.quote.path,
          message:
            `${quoteLabel(entry.quote.number, entry.quote.text)} puts words of its own in brackets: ${insertions.join('; ')}. ` +
            `Check that each keeps the meaning of the statement ${statementLabel(entry.statement)}.`,
        },
      ]
    }),
}

const NOUNS = { participants: 'participant', jointStatements: 'joint statement', statements: 'statement' } as const

export const citedUnpublished: GateRule = {
  id: 'cited-unpublished',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'Participants and statements the article cites are published.',
  check: (context) => {
    const seen = new Set<string>()
    return context.citations.flatMap((citation): RuleFinding[] => {
      const dedupe = `${citation.relationTo}:${String(citation.id)}:${citation.path}`
      if (seen.has(dedupe)) return []
      seen.add(dedupe)
      const isStatement = citation.relationTo !== 'participants'
      const found =
        citation.relationTo === 'jointStatements'
          ? context.statements.get(String(citation.id))
          : citation.relationTo === 'statements'
            ? context.issuedStatements.get(String(citation.id))
            : context.participants.get(String(citation.id))
      const noun = NOUNS[citation.relationTo]
      if (!found)
        return [
          {
            path: citation.path,
            message: `The ${noun} #${String(citation.id)} cited in ${citation.via} no longer exists.`,
          },
        ]
      if (found._status === 'published') return []
      const label = isStatement ? statementLabel(found as never) : participantLabel(found as never)
      return [
        {
          path: citation.path,
          message: `The ${noun} ${label}, cited in ${citation.via}, is not published. Publish it first.`,
        },
      ]
    })
  },
}

export const quoteTranslationMarked: GateRule = {
  id: 'quote-translation-marked',
  target: 'articles',
  defaultSeverity: 'error',
  description:
    'A quotation of a statement with no official text in the article’s language says which language the desk translated it from.',
  check: (context) => {
    const language = articleLanguage(context)
    return context.quotes.flatMap((quote): RuleFinding[] => {
      const statement = quotedSource(context, quote)
      if (!statement || quote.translatedFrom || officialTextsIn(statement, language).length > 0) return []
      return [
        {
          path: quote.path,
          message:
            `${quoteLabel(quote.number, quote.text)} quotes the statement ${statementLabel(statement)}, which has no ` +
            `official text in ${languageLabel(language)}, the article’s language; it has texts in ${languagesOf(statement)}. ` +
            'If the desk translated the quotation, fill in *Translated from* with the language of the text it was ' +
            `translated from; otherwise add the official ${languageName(language)} text to the statement.`,
        },
      ]
    })
  },
}

export const deskTranslation: GateRule = {
  id: 'desk-translation',
  target: 'articles',
  defaultSeverity: 'warning',
  description: 'A quotation the desk translated itself is not compared with its source: check the translation.',
  check: (context) => {
    const language = articleLanguage(context)
    return context.quotes.flatMap((quote): RuleFinding[] => {
      const from = quote.translatedFrom
      if (!from) return []
      const statement = quotedSource(context, quote)
      const official = statement ? officialTextsIn(statement, language).length > 0 : false
      return [
        {
          path: quote.path,
          message:
            `${quoteLabel(quote.number, quote.text)} was translated by the desk from ${languageLabel(from)}, so it is not compared ` +
            (statement ? `with the statement ${statementLabel(statement)}` : 'with a source') +
            '. Check the translation against the original.' +
            (official
              ? ` The statement has an official ${languageName(language)} text: quoting it lets the quotation be checked.`
              : ''),
        },
      ]
    })
  },
}

export const deskTranslationSource: GateRule = {
  id: 'desk-translation-source',
  target: 'articles',
  defaultSeverity: 'error',
  description:
    'A quotation the desk translated from a statement names a language the statement has a text in, not the article’s own.',
  check: (context) => {
    const language = articleLanguage(context)
    return context.quotes.flatMap((quote): RuleFinding[] => {
      const from = quote.translatedFrom?.toLowerCase()
      const statement = quotedSource(context, quote)
      if (!from || !statement) return []
      if (from === language)
        return [
          {
            path: quote.path,
            message:
              `${quoteLabel(quote.number, quote.text)} is marked as translated from ${languageLabel(from)}, the article’s own ` +
              'language. Empty *Translated from*, so the quotation is compared with the statement.',
          },
        ]
      if (statement.texts.some((text) => text.language === from)) return []
      return [
        {
          path: quote.path,
          message:
            `${quoteLabel(quote.number, quote.text)} is marked as translated from ${languageLabel(from)}, but the statement ` +
            `${statementLabel(statement)} has no ${languageName(from)} text; it has texts in ${languagesOf(statement)}. ` +
            'Correct *Translated from*, or add the text the quotation was translated from to the statement.',
        },
      ]
    })
  },
}

/** Manners of a quotation that say it comes from a document, which can be recorded and checked. */
export const DOCUMENT_MANNERS: ReadonlySet<string> = new Set([
  'official-comment',
  'statement',
  'joint-statement',
  'press-release',
])

export const quoteSourceMissing: GateRule = {
  id: 'quote-source-missing',
  target: 'articles',
  defaultSeverity: 'warning',
  description:
    'A quotation from a document (an official comment, a statement, a press release) is attributed to that document, not straight to who issued it.',
  check: (context) =>
    context.quotes.flatMap((quote): RuleFinding[] => {
      if (quote.attributedTo?.relationTo !== context.slugs.participants) return []
      if (!quote.manner || !DOCUMENT_MANNERS.has(quote.manner)) return []
      const participant = context.participants.get(String(quote.attributedTo.value))
      const who = participant ? participantLabel(participant) : `#${String(quote.attributedTo.value)}`
      return [
        {
          path: quote.path,
          message:
            `${quoteLabel(quote.number, quote.text)} is attributed straight to ${who} as ${/^[aeiou]/.test(quote.manner) ? 'an' : 'a'} ${quote.manner.replace(/-/g, ' ')}. ` +
            'Attribute it to the statement it comes from so it can be checked.',
        },
      ]
    }),
}

/** The embargo of a statement as a date, when it has a valid one. */
function embargoOf(statement: QuotedSource): Date | undefined {
  if (typeof statement.embargoUntil !== 'string' || statement.embargoUntil.trim() === '') return undefined
  const until = new Date(statement.embargoUntil)
  return Number.isNaN(until.getTime()) ? undefined : until
}

export const statementEmbargo: GateRule = {
  id: 'statement-embargo',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'An article does not quote or cite a statement before the statement’s embargo ends.',
  check: (context) => {
    const seen = new Set<string>()
    return context.citations.flatMap((citation): RuleFinding[] => {
      if (citation.relationTo === 'participants') return []
      const dedupe = `${citation.relationTo}:${String(citation.id)}`
      if (seen.has(dedupe)) return []
      seen.add(dedupe)
      const statement =
        citation.relationTo === 'jointStatements'
          ? context.statements.get(String(citation.id))
          : context.issuedStatements.get(String(citation.id))
      const until = statement && embargoOf(statement)
      if (!statement || !until || until.getTime() <= context.now.getTime()) return []
      return [
        {
          path: citation.path,
          message:
            `The ${NOUNS[citation.relationTo]} ${statementLabel(statement)}, cited in ${citation.via}, is under embargo ` +
            `until ${readableMoment(until)}. The article cannot be published before then; scheduling its publication ` +
            'for that moment is allowed.',
        },
      ]
    })
  },
}

export const statementSignatoriesListed: GateRule = {
  id: 'statement-signatories-listed',
  target: 'articles',
  defaultSeverity: 'warning',
  description: "The signatories of a quoted joint statement are among the article's participants.",
  check: (context) => {
    const listed = new Set(
      (Array.isArray(context.doc.participants) ? context.doc.participants : []).map((row) => {
        const value = (row as { participant?: unknown } | null)?.participant
        return String(typeof value === 'object' && value ? (value as { id: unknown }).id : value)
      }),
    )
    const quoted = new Set(
      context.quotes
        .filter((q) => q.attributedTo?.relationTo === context.slugs.jointStatements)
        .map((q) => String(q.attributedTo!.value)),
    )
    return [...quoted].flatMap((id): RuleFinding[] => {
      const statement = context.statements.get(id)
      if (!statement) return []
      const missing = (statement.signatories ?? []).filter((signatory) => !listed.has(String(signatory)))
      if (missing.length === 0) return []
      const names = missing.map((m) => context.participants.get(String(m))?.name ?? `#${String(m)}`).join(', ')
      return [
        {
          path: 'participants',
          message: `The article quotes the statement ${statementLabel(statement)} but does not list its signatories ${names} as participants.`,
        },
      ]
    })
  },
}

/** Quoted speech: “…”, «…», „…“ or "…" around at least this many words. */
const MIN_QUOTED_WORDS = 5
const QUOTED_SPEECH = /[“„«"]([^“”„«»"]+)[”“»"]/g

export const unattributedQuotation: GateRule = {
  id: 'unattributed-quotation',
  target: 'articles',
  defaultSeverity: 'warning',
  description: 'Quoted speech in running text is better placed in a Quote block, with its attribution.',
  check: (context) =>
    context.runningText.flatMap((paragraph) =>
      [...paragraph.matchAll(QUOTED_SPEECH)]
        .map((match) => match[1]!.trim())
        .filter((quoted) => quoted.split(/\s+/).length >= MIN_QUOTED_WORDS)
        .map((quoted) => ({
          path: 'body',
          message: `The running text quotes “${excerpt(quoted, 60)}” outside a Quote block. Use a Quote block so the quotation is attributed and checked.`,
        })),
    ),
}

export const bylineDateline: GateRule = {
  id: 'byline-dateline',
  target: 'articles',
  defaultSeverity: 'warning',
  description: 'An article has a byline (authors or a desk byline) and a dateline.',
  check: (context) => {
    const findings: RuleFinding[] = []
    const authors = Array.isArray(context.doc.authors) ? context.doc.authors : []
    if (authors.length === 0 && isBlank(context.doc.byline)) {
      findings.push({ path: 'byline', message: 'The article has no byline: add authors or a desk byline.' })
    }
    if (isBlank(context.doc.dateline))
      findings.push({ path: 'dateline', message: 'The article has no dateline (where it was filed, e.g. ASTANA).' })
    return findings
  },
}

export const attributionRules: GateRule[] = [
  quoteAttribution,
  bareBlockquote,
  quoteInStatement,
  quoteBracketInsertion,
  quoteTranslationMarked,
  deskTranslation,
  deskTranslationSource,
  quoteSourceMissing,
  citedUnpublished,
  statementEmbargo,
  statementSignatoriesListed,
  unattributedQuotation,
  bylineDateline,
]
