import type { GateRule, RuleFinding } from '../types.ts'

import { isBlank, participantLabel } from '../describe.ts'
import { richTextToPlain } from '../../article/lexical.ts'

export const statementSignatories: GateRule = {
  id: 'statement-signatories',
  target: 'jointStatements',
  defaultSeverity: 'error',
  description: 'A joint statement has at least two signatories, all published participants.',
  check: (context) => {
    const findings: RuleFinding[] = []
    const signatories = context.citations.filter((c) => c.path === 'signatories')
    if (signatories.length < 2) {
      findings.push({
        path: 'signatories',
        message: `A joint statement needs at least two signatories; it has ${signatories.length}.`,
      })
    }
    for (const citation of signatories) {
      const participant = context.participants.get(String(citation.id))
      if (!participant)
        findings.push({ path: 'signatories', message: `Signatory #${String(citation.id)} no longer exists.` })
      else if (participant._status !== 'published') {
        findings.push({
          path: 'signatories',
          message: `Signatory ${participantLabel(participant)} is not published. Publish it first.`,
        })
      }
    }
    return findings
  },
}

export const statementText: GateRule = {
  id: 'statement-text',
  target: 'jointStatements',
  defaultSeverity: 'error',
  description: 'A joint statement has its text, and its issue date is not in the future.',
  check: (context) => {
    const findings: RuleFinding[] = []
    if (richTextToPlain(context.doc.text).trim() === '') {
      findings.push({
        path: 'text',
        message: 'The statement has no text. Paste the statement as issued, so quotations can be checked against it.',
      })
    }
    const issuedOn = context.doc.issuedOn
    if (typeof issuedOn === 'string' && new Date(issuedOn).getTime() > context.now.getTime()) {
      findings.push({
        path: 'issuedOn',
        message: `The statement is dated ${issuedOn.slice(0, 10)}, which is in the future.`,
      })
    }
    return findings
  },
}

export const ministryParent: GateRule = {
  id: 'ministry-parent',
  target: 'participants',
  defaultSeverity: 'error',
  description: 'A ministry has a country and a parent (its government or state).',
  check: (context) => {
    if (context.doc.kind !== 'ministry') return []
    const findings: RuleFinding[] = []
    if (isBlank(context.doc.country)) findings.push({ path: 'country', message: 'A ministry needs a country.' })
    if (context.doc.parent == null || context.doc.parent === '') {
      findings.push({ path: 'parent', message: 'A ministry needs a parent: the government or state it belongs to.' })
    }
    return findings
  },
}

export const documentRules: GateRule[] = [statementSignatories, statementText, ministryParent]
