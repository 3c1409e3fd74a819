import type { QuoteMatch } from '../quoteMatch.ts'
import type { GateContext, GateRule, LoadedStatement, QuoteUse, RuleFinding } from '../types.ts'

import { isBlank, participantLabel, statementLabel } from '../describe.ts'
import { quoteMatcher } from '../quoteMatch.ts'
import { excerpt } from '../text.ts'

const quoteLabel = (number: number, text: string) => `Quote ${number}${text.trim() ? ` (“${excerpt(text, 50)}”)` : ''}`

export const quoteAttribution: GateRule = {
  id: 'quote-attribution',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'Every Quote block is attributed to a participant or a joint statement.',
  check: (context) =>
    context.quotes
      .filter((quote) => !quote.attributedTo)
      .map((quote) => ({
        path: quote.path,
        message: `${quoteLabel(quote.number, quote.text)} is not attributed. Choose who said it, or the joint statement it comes from.`,
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

/** Each quotation of a joint statement matched once per gate run, for both quotation rules. */
const matchesOf = new WeakMap<GateContext, Map<string, QuoteMatch>>()

type StatementQuote =
  | { quote: QuoteUse; statement: LoadedStatement; match: QuoteMatch }
  | { quote: QuoteUse; statement: LoadedStatement; blank: 'quote' | 'statement' }

/** The Quote blocks attributed to a loaded joint statement, each with what the matcher made of it. */
function statementQuotes(context: GateContext): StatementQuote[] {
  let known = matchesOf.get(context)
  if (!known) matchesOf.set(context, (known = new Map()))
  const matcher = quoteMatcher(context.quotations)
  return context.quotes.flatMap((quote): StatementQuote[] => {
    if (quote.attributedTo?.relationTo !== context.slugs.jointStatements) return []
    const statement = context.statements.get(String(quote.attributedTo.value))
    if (!statement) return [] // cited-unpublished reports a missing statement
    if (isBlank(quote.text)) return [{ quote, statement, blank: 'quote' }]
    if (isBlank(statement.plainText)) return [{ quote, statement, blank: 'statement' }]
    const key = `${String(statement.id)}\u0000${quote.text}`
    let match = known.get(key)
    if (!match) known.set(key, (match = matcher(quote.text, statement.plainText)))
    return [{ quote, statement, match }]
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
    'A quotation attributed to a joint statement appears in its text, whole words in order; omissions (“…”) take out no negation.',
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
    'A quotation of a joint statement that puts words of its own in square brackets says what each replaces.',
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
      const isStatement = citation.relationTo === 'jointStatements'
      const found = isStatement
        ? context.statements.get(String(citation.id))
        : context.participants.get(String(citation.id))
      const noun = isStatement ? 'joint statement' : 'participant'
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
  citedUnpublished,
  statementSignatoriesListed,
  unattributedQuotation,
  bylineDateline,
]
