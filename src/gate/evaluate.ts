import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../plugins/newsroom/options.ts'
import type { GateReport, GateTarget } from './types.ts'

import { loadGateContext } from './loadContext.ts'
import { runGate } from './runGate.ts'

/** Loads what the rules need for `doc`, runs them and reports: the whole gate, start to end. */
export async function evaluatePublish(args: {
  req: PayloadRequest
  target: GateTarget
  doc: Record<string, unknown>
  options: ResolvedNewsroomOptions
  now?: Date
}): Promise<GateReport> {
  const context = await loadGateContext({ ...args, ministryWording: args.options.gate.ministryWording })
  return runGate(context, args.options.gate)
}
