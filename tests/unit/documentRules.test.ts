import { describe, expect, it } from 'vitest'

import { documentCases } from './documentRules.cases.ts'
import {
  allParticipants,
  ID,
  issuedStatementContext,
  NOW,
  participantContext,
  richText,
  statementContext,
} from './gateContext.ts'
import { builtInRule, describeRuleCases } from './ruleCases.ts'

describeRuleCases(documentCases)

const check = (id: string, context: ReturnType<typeof statementContext>) => builtInRule(id).check(context)

describe('statement-signatories', () => {
  it('counts no signatories as none', () => {
    expect(check('statement-signatories', statementContext({ signatories: [] }))).toEqual([
      { path: 'signatories', message: 'A joint statement needs at least two different signatories; it has 0.' },
    ])
  })

  it('reports an unpublished signatory and one that no longer exists', () => {
    expect(check('statement-signatories', statementContext({ signatories: [ID.iran, ID.unpublished, 99] }))).toEqual([
      { path: 'signatories', message: "Signatory 'Unpublished delegation' (#7) is not published. Publish it first." },
      { path: 'signatories', message: 'Signatory #99 no longer exists.' },
    ])
  })

  it('counts a participant listed twice as one signatory', () => {
    expect(check('statement-signatories', statementContext({ signatories: [ID.iran, ID.iran] }))).toEqual([
      { path: 'signatories', message: 'A joint statement needs at least two different signatories; it has 1.' },
    ])
  })

  it('accepts the three guarantors', () => {
    expect(check('statement-signatories', statementContext({ signatories: [ID.iran, ID.russia, ID.turkiye] }))).toEqual(
      [],
    )
  })
})

describe('statement-text', () => {
  it('treats a missing text and paragraphs of spaces alike as no text', () => {
    for (const text of [undefined, null, richText('  ', '\t')]) {
      expect(check('statement-text', statementContext({ doc: { text } })).map((finding) => finding.path)).toEqual([
        'text',
      ])
    }
  })

  it('refuses an issue date in the future, by the context’s clock', () => {
    expect(check('statement-text', statementContext({ doc: { issuedOn: '2999-01-01T00:00:00.000Z' } }))).toEqual([
      { path: 'issuedOn', message: 'The statement is dated 2999-01-01, which is in the future.' },
    ])
    const tomorrow = new Date(NOW.getTime() + 86_400_000).toISOString()
    expect(check('statement-text', statementContext({ doc: { issuedOn: tomorrow } }))).toHaveLength(1)
    expect(
      check(
        'statement-text',
        statementContext({ doc: { issuedOn: tomorrow }, now: new Date('2024-04-01T00:00:00.000Z') }),
      ),
    ).toEqual([])
  })

  it('accepts a statement issued at this very moment, or with no date', () => {
    expect(check('statement-text', statementContext({ doc: { issuedOn: NOW.toISOString() } }))).toEqual([])
    expect(check('statement-text', statementContext({ doc: { issuedOn: null } }))).toEqual([])
  })

  it('reports both problems together', () => {
    const context = statementContext({ doc: { text: null, issuedOn: '2999-01-01T00:00:00.000Z' } })
    expect(check('statement-text', context).map((finding) => finding.path)).toEqual(['text', 'issuedOn'])
  })
})

describe('ministry-parent', () => {
  it('asks nothing of a participant that is not a ministry', () => {
    const state = participantContext({
      doc: { id: ID.kazakhstan, name: 'Republic of Kazakhstan', kind: 'state', country: null, parent: null },
    })
    expect(check('ministry-parent', state)).toEqual([])
  })

  it('treats a blank country and an empty parent as missing', () => {
    expect(
      check('ministry-parent', participantContext({ doc: { country: '  ', parent: '' } })).map(
        (finding) => finding.path,
      ),
    ).toEqual(['country', 'parent'])
  })

  it('checks the parent itself: a published state or government of the same country', () => {
    const ministryUnderMinistry = participantContext({
      doc: { parent: ID.russianDefence },
      citations: [{ relationTo: 'participants', id: ID.russianDefence, path: 'parent', via: 'parent' }],
    })
    expect(check('ministry-parent', ministryUnderMinistry).map((finding) => finding.message)).toEqual([
      expect.stringContaining('is not a state or a government'),
      expect.stringContaining('is not its parent'),
    ])
    const gone = participantContext({ doc: { parent: 999 } })
    expect(check('ministry-parent', gone)).toEqual([{ path: 'parent', message: 'The parent #999 no longer exists.' }])
    expect(check('ministry-parent', participantContext())).toEqual([])
  })

  it('asks for the parent alone when the country is set', () => {
    expect(check('ministry-parent', participantContext({ doc: { parent: undefined } }))).toEqual([
      { path: 'parent', message: 'A ministry needs a parent: the government or state it belongs to.' },
    ])
  })
})

describe('statement-issuer', () => {
  it('reports a statement without an issuer, and an issuer that no longer exists', () => {
    expect(check('statement-issuer', issuedStatementContext({ doc: { issuer: null } }))).toEqual([
      { path: 'issuer', message: 'The statement has no issuer. Choose the participant whose words these are.' },
    ])
    expect(check('statement-issuer', issuedStatementContext({ doc: { issuer: 99 } }))).toEqual([
      { path: 'issuer', message: 'The issuer #99 no longer exists.' },
    ])
  })

  it('reads a populated issuer, and asks no country of an issuer that is not a ministry', () => {
    const context = issuedStatementContext({ doc: { issuer: { id: ID.iran, name: 'Iran' } } })
    expect(check('statement-issuer', context)).toEqual([])
    const stateless = allParticipants().map((p) => (p.id === ID.iran ? { ...p, country: null } : p))
    expect(
      check('statement-issuer', issuedStatementContext({ participants: stateless, doc: { issuer: ID.iran } })),
    ).toEqual([])
  })

  it('checks only statements of one participant', () => {
    expect(builtInRule('statement-issuer').target).toBe('statements')
  })
})
