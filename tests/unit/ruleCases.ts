import { describe, expect, it } from 'vitest'

import type { DiffPart, GateContext, GateRule } from '../../src/gate/types.ts'

import { BUILT_IN_RULES } from '../../src/gate/runGate.ts'

/**
 * One built-in rule checked both ways, as an editor meets it: a context with one thing wrong,
 * what the rule says about it, and a context with that thing put right.
 */
export interface RuleCase {
  rule: string
  /** What is wrong in `fails`, for the test's name. */
  name: string
  fails: () => GateContext
  /** Every finding the rule returns for `fails`, in order (with its word diff, for a misquotation). */
  findings: { path: string; message: RegExp; diff?: DiffPart[] }[]
  passes: () => GateContext
}

/** A built-in rule by id; throws when none has it, so a renamed rule fails loudly. */
export function builtInRule(id: string): GateRule {
  const rule = BUILT_IN_RULES.find((candidate) => candidate.id === id)
  if (!rule) throw new Error(`No built-in rule has the id “${id}”.`)
  return rule
}

export function describeRuleCases(cases: RuleCase[]) {
  for (const ruleCase of cases) {
    describe(ruleCase.rule, () => {
      it(`reports ${ruleCase.name}`, () => {
        const findings = builtInRule(ruleCase.rule).check(ruleCase.fails())
        expect(findings).toEqual(
          ruleCase.findings.map(({ path, message, diff }) => ({
            path,
            message: expect.stringMatching(message),
            ...(diff ? { diff } : {}),
          })),
        )
      })

      it(`is silent once that is put right`, () => {
        expect(builtInRule(ruleCase.rule).check(ruleCase.passes())).toEqual([])
      })
    })
  }
}

/** Escapes a literal for use inside a RegExp, so messages can be matched word for word. */
export const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
