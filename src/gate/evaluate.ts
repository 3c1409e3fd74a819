import type { PayloadRequest } from 'payload'

import type { GateSlugs } from './loadContext.ts'
import type { GateReport, GateSettings, GateTarget } from './types.ts'

import { loadGateContext } from './loadContext.ts'
import { runGate } from './runGate.ts'

/** Loads what the rules need for `doc`, runs them and reports: the whole gate, start to end. */
export async function evaluatePublish(args: {
  req: PayloadRequest
  target: GateTarget
  doc: Record<string, unknown>
  /** The slugs to read from and the gate's settings (the resolved plugin options have both). */
  options: { slugs: GateSlugs; gate: GateSettings }
  now?: Date
}): Promise<GateReport> {
  const { req, target, doc, options, now } = args
  const context = await loadGateContext({
    req,
    target,
    doc,
    now,
    slugs: options.slugs,
    ministryWording: options.gate.ministryWording,
    quotations: options.gate.quotations,
  })
  return runGate(context, options.gate)
}
