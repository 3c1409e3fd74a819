import { describe, expect, it } from 'vitest'

import type { GateRule } from '../../src/gate/types.ts'

import { activeRules, BUILT_IN_RULES, runGate } from '../../src/gate/runGate.ts'
import { attributionCases } from './attributionRules.cases.ts'
import { characterCases } from './characterRules.cases.ts'
import { documentCases } from './documentRules.cases.ts'
import { articleContext, handoutPhoto, participantContext, statementContext } from './gateContext.ts'
import { photoCases } from './photoRules.cases.ts'

const builtIn = (severities: Record<string, 'error' | 'warning' | 'off'> = {}) => ({
  rules: BUILT_IN_RULES,
  severities,
})

const customRule = (fields: Partial<GateRule> & Pick<GateRule, 'id' | 'check'>): GateRule => ({
  target: 'articles',
  defaultSeverity: 'error',
  description: 'A rule of the host’s own.',
  ...fields,
})

describe('built-in rules', () => {
  it('each have a failing and a passing unit case, so a new rule cannot go untested', () => {
    const covered = new Set(
      [...photoCases, ...attributionCases, ...documentCases, ...characterCases].map((ruleCase) => ruleCase.rule),
    )
    const uncovered = BUILT_IN_RULES.map((rule) => rule.id).filter((id) => !covered.has(id))
    expect(uncovered, 'built-in rules without a case in tests/unit/*.cases.ts').toEqual([])
  })

  it('have distinct ids', () => {
    const ids = BUILT_IN_RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('find nothing in a clean article, statement or ministry', () => {
    for (const context of [articleContext(), statementContext(), participantContext()]) {
      expect(runGate(context, builtIn()), context.target).toEqual({ ok: true, errors: [], warnings: [] })
    }
  })
})

describe('runGate', () => {
  const noAlt = () => articleContext({ photos: [handoutPhoto({ alt: null, credit: { distributable: false } })] })

  it('reports a finding under its rule, with the rule’s default severity', () => {
    const report = runGate(noAlt(), builtIn())
    expect(report.ok).toBe(false)
    expect(report.errors).toEqual([
      { rule: 'photo-alt', severity: 'error', path: 'heroPhoto', message: expect.stringContaining('has no alt text') },
    ])
    expect(report.warnings).toEqual([
      {
        rule: 'photo-not-distributable',
        severity: 'warning',
        path: 'heroPhoto',
        message: expect.stringContaining('not distributable'),
      },
    ])
  })

  it('is ok with warnings alone', () => {
    const report = runGate(articleContext({ doc: { byline: '', dateline: '' } }), builtIn())
    expect(report).toMatchObject({ ok: true, errors: [] })
    expect(report.warnings.map((finding) => `${finding.rule} ${finding.path}`)).toEqual([
      'byline-dateline byline',
      'byline-dateline dateline',
    ])
  })

  it('leaves out a rule set to off', () => {
    const report = runGate(noAlt(), builtIn({ 'photo-alt': 'off' }))
    expect(report.ok).toBe(true)
    expect(report.errors).toEqual([])
    expect(report.warnings.map((finding) => finding.rule)).toEqual(['photo-not-distributable'])
  })

  it('turns an error into a warning, and a warning into an error, when the settings say so', () => {
    const report = runGate(noAlt(), builtIn({ 'photo-alt': 'warning', 'photo-not-distributable': 'error' }))
    expect(report.ok).toBe(false)
    expect(report.errors.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['photo-not-distributable', 'error'],
    ])
    expect(report.warnings.map((finding) => [finding.rule, finding.severity])).toEqual([['photo-alt', 'warning']])
  })

  it('is ok once the only error has been made a warning', () => {
    const report = runGate(noAlt(), builtIn({ 'photo-alt': 'warning' }))
    expect(report.ok).toBe(true)
    expect(report.warnings.map((finding) => finding.rule).sort()).toEqual(['photo-alt', 'photo-not-distributable'])
  })

  it('reports a rule that throws as an error of its own, and still runs the others', () => {
    const throwing = customRule({
      id: 'embargo-check',
      check: () => {
        throw new Error('the embargo service did not answer')
      },
    })
    const report = runGate(noAlt(), { rules: [throwing, ...BUILT_IN_RULES], severities: {} })
    expect(report.ok).toBe(false)
    expect(report.errors).toEqual([
      {
        rule: 'embargo-check',
        severity: 'error',
        path: '',
        message: 'The check “embargo-check” failed: the embargo service did not answer',
      },
      expect.objectContaining({ rule: 'photo-alt' }),
    ])
  })

  it('reports a throw of something other than an Error by its text', () => {
    const report = runGate(articleContext(), {
      rules: [
        customRule({
          id: 'odd-throw',
          check: () => {
            throw 'no embargo date'
          },
        }),
      ],
      severities: {},
    })
    expect(report.errors).toEqual([
      { rule: 'odd-throw', severity: 'error', path: '', message: 'The check “odd-throw” failed: no embargo date' },
    ])
  })

  it('blocks a clean article when a host rule says so, and runs only the rules for the document’s kind', () => {
    const everyArticle = customRule({
      id: 'legal-review',
      check: () => [{ path: 'title', message: 'Legal has not reviewed this article.' }],
    })
    const everyParticipant = customRule({
      id: 'participant-review',
      target: 'participants',
      check: () => [{ path: 'name', message: 'Review the name.' }],
    })
    const settings = { rules: [...BUILT_IN_RULES, everyArticle, everyParticipant], severities: {} }
    expect(runGate(articleContext(), settings)).toEqual({
      ok: false,
      errors: [
        { rule: 'legal-review', severity: 'error', path: 'title', message: 'Legal has not reviewed this article.' },
      ],
      warnings: [],
    })
    expect(runGate(participantContext(), settings).errors.map((finding) => finding.rule)).toEqual([
      'participant-review',
    ])
  })
})

describe('activeRules', () => {
  it('gives the rules for one kind of document, at the severity they run at, without those set to off', () => {
    const active = activeRules(
      builtIn({ 'statement-text': 'off', 'statement-signatories': 'warning' }),
      'jointStatements',
    )
    expect(active.map(({ rule, severity }) => [rule.id, severity])).toEqual([['statement-signatories', 'warning']])
  })

  it('runs every built-in article rule at its default severity when nothing is set', () => {
    const active = activeRules(builtIn(), 'articles')
    expect(active.length).toBeGreaterThan(0)
    for (const { rule, severity } of active) {
      expect(rule.target).toBe('articles')
      expect(severity).toBe(rule.defaultSeverity)
    }
    expect(active.map(({ rule }) => rule.id)).toEqual(
      BUILT_IN_RULES.filter((rule) => rule.target === 'articles').map((rule) => rule.id),
    )
  })
})
