import type { RuleCase } from './ruleCases.ts'

import {
  allParticipants,
  ID,
  issuedStatementContext,
  participant,
  participantContext,
  richText,
  statementContext,
} from './gateContext.ts'
import { literal } from './ruleCases.ts'

export const documentCases: RuleCase[] = [
  {
    rule: 'statement-signatories',
    name: 'a joint statement with one signatory',
    fails: () => statementContext({ signatories: [ID.iran] }),
    findings: [
      {
        path: 'signatories',
        message: literal('A joint statement needs at least two different signatories; it has 1.'),
      },
    ],
    passes: () => statementContext({ signatories: [ID.iran, ID.russia] }),
  },
  {
    rule: 'statement-text',
    name: 'a joint statement with no text',
    fails: () => statementContext({ doc: { text: richText() } }),
    findings: [
      {
        path: 'text',
        message: literal(
          'The statement has no text. Paste the statement as issued, so quotations can be checked against it.',
        ),
      },
    ],
    passes: () => statementContext(),
  },
  {
    rule: 'statement-issuer',
    name: 'a statement issued by an unpublished participant',
    fails: () => issuedStatementContext({ doc: { issuer: ID.unpublished } }),
    findings: [
      {
        path: 'issuer',
        message: literal("The issuer 'Unpublished delegation' (#7) is not published. Publish it first."),
      },
    ],
    passes: () => issuedStatementContext({ doc: { issuer: ID.kazakhMfa } }),
  },
  {
    rule: 'statement-issuer',
    name: 'a statement issued by a ministry without a country',
    fails: () =>
      issuedStatementContext({
        participants: [
          ...allParticipants().filter((p) => p.id !== ID.kazakhMfa),
          participant({ id: ID.kazakhMfa, name: 'Foreign Ministry', kind: 'ministry', country: null }),
        ],
      }),
    findings: [
      {
        path: 'issuer',
        message: literal(
          "The issuer 'Foreign Ministry' (#5) is a ministry without a country. Fill in its *Country* first.",
        ),
      },
    ],
    passes: () => issuedStatementContext(),
  },
  {
    rule: 'ministry-parent',
    name: 'a ministry with neither country nor parent',
    fails: () => participantContext({ doc: { country: null, parent: null } }),
    findings: [
      { path: 'country', message: literal('A ministry needs a country.') },
      { path: 'parent', message: literal('A ministry needs a parent: the government or state it belongs to.') },
    ],
    passes: () => participantContext({ doc: { country: 'KZ', parent: ID.kazakhstan } }),
  },
]
