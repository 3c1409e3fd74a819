import type { RuleCase } from './ruleCases.ts'

import {
  articleContext,
  COMMENT_TEXT_EN,
  ID,
  issuedStatement,
  issuedStatementQuote,
  participantQuote,
  participantRow,
  participantRowCitation,
  quoteCitation,
  statementQuote,
} from './gateContext.ts'
import { literal } from './ruleCases.ts'

const STATEMENT = "'Joint statement of Iran, Russia and Türkiye' (#201)"
const COMMENT = "'Comment of the Foreign Ministry on the Astana talks' (#301)"

/** The article quoting the ministry's comment (Russian original, official English translation). */
function commentContext(
  quote = issuedStatementQuote('The next round will be held in Astana in the autumn.'),
  comment = issuedStatement(),
  doc: Record<string, unknown> = {},
) {
  return articleContext({
    issuedStatements: [comment],
    quotes: [quote],
    citations: [quoteCitation(quote)],
    doc,
  })
}

export const attributionCases: RuleCase[] = [
  {
    rule: 'quote-attribution',
    name: 'a Quote block attributed to no one',
    fails: () => articleContext({ quotes: [participantQuote('We will not host the talks again.', null)] }),
    findings: [
      {
        path: 'body',
        message: literal(
          'Quote 1 (“We will not host the talks again.”) is not attributed. Choose who said it, or the statement it comes from.',
        ),
      },
    ],
    passes: () => articleContext({ quotes: [participantQuote('We will not host the talks again.', ID.kazakhMfa)] }),
  },
  {
    rule: 'bare-blockquote',
    name: 'a plain block quote in the body',
    fails: () => articleContext({ bareBlockquotes: ['The goals have been achieved.'] }),
    findings: [
      {
        path: 'body',
        message: literal(
          'The block quote “The goals have been achieved.” has no attribution. Replace it with a Quote block and say who said it.',
        ),
      },
    ],
    passes: () => articleContext({ bareBlockquotes: [] }),
  },
  {
    rule: 'quote-in-statement',
    name: 'a quotation of the joint statement with its “not” dropped',
    fails: () =>
      articleContext({
        quotes: [statementQuote('The parties do accept any attempts to create new realities on the ground.')],
      }),
    findings: [
      {
        path: 'body',
        message: new RegExp(
          `^Quote 1 \\(“The parties do accept any attempts to create new…”\\) does not appear in the statement ${literal(STATEMENT).source}\\. ` +
            'Closest passage: “The parties do not accept any attempts to create new realities on the ground\\. They”\\. ' +
            'Quote it exactly, marking omissions with “…”\\.$',
        ),
        diff: [
          { op: 'equal', text: 'The parties do' },
          { op: 'delete', text: 'not' },
          { op: 'equal', text: 'accept any attempts to create new realities on the ground.' },
        ],
      },
    ],
    passes: () =>
      articleContext({
        quotes: [statementQuote('The parties do not accept any attempts to create new realities on the ground.')],
      }),
  },
  {
    rule: 'quote-bracket-insertion',
    name: 'a quotation of the joint statement with words of its own in brackets',
    fails: () =>
      articleContext({
        quotes: [statementQuote('[The Charter] should be universally respected and complied with')],
      }),
    findings: [
      {
        path: 'body',
        message: literal(
          `Quote 1 (“[The Charter] should be universally respected and…”) puts words of its own in brackets: [The Charter] in place of “the UN Charter”. Check that each keeps the meaning of the statement ${STATEMENT}.`,
        ),
      },
    ],
    passes: () =>
      articleContext({
        quotes: [statementQuote('the UN Charter should be universally respected and complied with')],
      }),
  },
  {
    rule: 'quote-translation-marked',
    name: 'a quotation in English of a comment with no official English text, not marked as translated',
    fails: () =>
      commentContext(
        issuedStatementQuote('The next round will be held in Astana in the autumn.'),
        issuedStatement({ texts: [{ language: 'ru', plainText: 'Следующий раунд.', official: true }] }),
      ),
    findings: [
      {
        path: 'body',
        message: literal(
          `Quote 1 (“The next round will be held in Astana in the…”) quotes the statement ${COMMENT}, which has no official text in English (en), the article’s language; it has texts in Russian (ru, original). If the desk translated the quotation, fill in *Translated from*`,
        ),
      },
    ],
    passes: () =>
      commentContext(
        issuedStatementQuote('The next round will be held in Astana in the autumn.', 'ru'),
        issuedStatement({ texts: [{ language: 'ru', plainText: 'Следующий раунд.', official: true }] }),
      ),
  },
  {
    rule: 'desk-translation',
    name: 'a quotation the desk translated from Russian',
    fails: () => commentContext(issuedStatementQuote('Next round: Astana, autumn.', 'ru')),
    findings: [
      {
        path: 'body',
        message: literal(
          `Quote 1 (“Next round: Astana, autumn.”) was translated by the desk from Russian (ru), so it is not compared with the statement ${COMMENT}. Check the translation against the original. The statement has an official English text: quoting it lets the quotation be checked.`,
        ),
      },
    ],
    passes: () => commentContext(issuedStatementQuote(COMMENT_TEXT_EN[1]!)),
  },
  {
    rule: 'desk-translation-source',
    name: 'a quotation marked as translated from a language the comment has no text in',
    fails: () => commentContext(issuedStatementQuote('Next round: Astana, autumn.', 'kk')),
    findings: [
      {
        path: 'body',
        message: literal(
          `Quote 1 (“Next round: Astana, autumn.”) is marked as translated from Kazakh (kk), but the statement ${COMMENT} has no Kazakh text; it has texts in Russian (ru, original), English (en). Correct *Translated from*`,
        ),
      },
    ],
    passes: () => commentContext(issuedStatementQuote('Next round: Astana, autumn.', 'ru')),
  },
  {
    rule: 'quote-source-missing',
    name: 'an official comment attributed straight to the ministry',
    fails: () => {
      const quote = {
        ...participantQuote('The next round will be held in Astana.', ID.kazakhMfa),
        manner: 'official-comment',
      }
      return articleContext({ quotes: [quote], citations: [quoteCitation(quote)] })
    },
    findings: [
      {
        path: 'body',
        message: literal(
          "Quote 1 (“The next round will be held in Astana.”) is attributed straight to 'Ministry of Foreign Affairs of the Republic of Kazakhstan' (#5) as an official comment. Attribute it to the statement it comes from so it can be checked.",
        ),
      },
    ],
    passes: () => commentContext(),
  },
  {
    rule: 'cited-unpublished',
    name: 'an unpublished delegation among the participants',
    fails: () =>
      articleContext({
        citations: [participantRowCitation(ID.kazakhstan, 0), participantRowCitation(ID.unpublished, 1)],
      }),
    findings: [
      {
        path: 'participants.1.participant',
        message: literal(
          "The participant 'Unpublished delegation' (#7), cited in participant 2, is not published. Publish it first.",
        ),
      },
    ],
    passes: () =>
      articleContext({ citations: [participantRowCitation(ID.kazakhstan, 0), participantRowCitation(ID.iran, 1)] }),
  },
  {
    rule: 'statement-embargo',
    name: 'a quoted comment under embargo',
    fails: () => commentContext(undefined, issuedStatement({ embargoUntil: '2024-03-01T13:00:00+03:00' })),
    findings: [
      {
        path: 'body',
        message: literal(
          `The statement ${COMMENT}, cited in quote 1, is under embargo until 1 March 2024, 10:00 UTC. The article cannot be published before then; scheduling its publication for that moment is allowed.`,
        ),
      },
    ],
    passes: () => commentContext(undefined, issuedStatement({ embargoUntil: '2024-03-01T09:00:00.000Z' })),
  },
  {
    rule: 'statement-signatories-listed',
    name: 'a quoted joint statement whose signatories are not participants',
    fails: () => articleContext({ doc: { participants: [participantRow(ID.kazakhstan, 'host')] } }),
    findings: [
      {
        path: 'participants',
        message: literal(
          `The article quotes the statement ${STATEMENT} but does not list its signatories Islamic Republic of Iran, Russian Federation, Republic of Türkiye as participants.`,
        ),
      },
    ],
    passes: () =>
      articleContext({
        doc: {
          participants: [
            participantRow(ID.kazakhstan, 'host'),
            participantRow(ID.iran, 'guarantor'),
            participantRow(ID.russia, 'guarantor'),
            participantRow(ID.turkiye, 'guarantor'),
          ],
        },
      }),
  },
  {
    rule: 'unattributed-quotation',
    name: 'quoted speech in running text',
    fails: () =>
      articleContext({
        runningText: [
          'The ministry said the process had “achieved its initial goals of stopping the bloodshed” in Syria.',
        ],
      }),
    findings: [
      {
        path: 'body',
        message: literal(
          'The running text quotes “achieved its initial goals of stopping the bloodshed” outside a Quote block. Use a Quote block so the quotation is attributed and checked.',
        ),
      },
    ],
    passes: () => {
      const quote = participantQuote('achieved its initial goals of stopping the bloodshed', ID.kazakhMfa, 2)
      return articleContext({
        runningText: ['The ministry said the process had achieved its aims in Syria.'],
        quotes: [statementQuote('should be universally respected and complied with'), quote],
        citations: [quoteCitation(quote)],
      })
    },
  },
  {
    rule: 'byline-dateline',
    name: 'an article with neither byline nor dateline',
    fails: () => articleContext({ doc: { authors: [], byline: '', dateline: ' ' } }),
    findings: [
      { path: 'byline', message: literal('The article has no byline: add authors or a desk byline.') },
      { path: 'dateline', message: literal('The article has no dateline (where it was filed, e.g. ASTANA).') },
    ],
    passes: () => articleContext({ doc: { authors: [], byline: 'Diplomacy desk', dateline: 'ASTANA' } }),
  },
]
