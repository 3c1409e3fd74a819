import type { Finding, GateContext, GateReport, GateRule, GateSettings, GateTarget } from './types.ts'

export { BUILT_IN_RULES } from './rules/index.ts'

/** The rules that check a kind of document, with the severity each runs at (`off` rules left out). */
export function activeRules(settings: Pick<GateSettings, 'rules' | 'severities'>, target: GateTarget) {
  return settings.rules
    .filter((rule) => rule.target === target)
    .map((rule) => ({ rule, severity: settings.severities[rule.id] ?? rule.defaultSeverity }))
    .filter((entry): entry is { rule: GateRule; severity: 'error' | 'warning' } => entry.severity !== 'off')
}

/**
 * Runs the rules over a loaded context and reports. A rule that throws is reported as a finding of
 * that rule, at its severity, naming the failure: an error-level check that could not run stops
 * the publish as its finding would, a warning-level one is shown and does not — never silently.
 */
export function runGate(context: GateContext, settings: Pick<GateSettings, 'rules' | 'severities'>): GateReport {
  const findings: Finding[] = []
  for (const { rule, severity } of activeRules(settings, context.target)) {
    let results
    try {
      results = rule.check(context)
    } catch (error) {
      results = [
        {
          path: '',
          message: `The check “${rule.id}” failed: ${error instanceof Error ? error.message : String(error)}`,
        },
      ]
    }
    for (const result of results)
      findings.push({
        rule: rule.id,
        severity,
        path: result.path,
        message: result.message,
        ...(result.diff ? { diff: result.diff } : {}),
      })
  }
  const errors = findings.filter((finding) => finding.severity === 'error')
  return { ok: errors.length === 0, errors, warnings: findings.filter((finding) => finding.severity === 'warning') }
}
