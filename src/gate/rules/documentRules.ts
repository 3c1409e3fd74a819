import type { GateRule, RuleFinding } from '../types.ts'

import { isBlank, participantLabel } from '../describe.ts'
import { richTextToPlain } from '../../article/lexical.ts'
import { idOf } from '../../model/documents.ts'

export const statementSignatories: GateRule = {
  id: 'statement-signatories',
  target: 'jointStatements',
  defaultSeverity: 'error',
  description: 'A joint statement has at least two different signatories, all published participants.',
  check: (context) => {
    const findings: RuleFinding[] = []
    // The same participant listed twice signs once.
    const seen = new Set<string>()
    const signatories = context.citations.filter((c) => {
      if (c.path !== 'signatories' || seen.has(String(c.id))) return false
      seen.add(String(c.id))
      return true
    })
    if (signatories.length < 2) {
      findings.push({
        path: 'signatories',
        message: `A joint statement needs at least two different signatories; it has ${signatories.length}.`,
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

export const statementIssuer: GateRule = {
  id: 'statement-issuer',
  target: 'statements',
  defaultSeverity: 'error',
  description: 'A statement’s issuer is a published participant; a ministry issuer has a country.',
  check: (context) => {
    const issuerId = idOf(context.doc.issuer)
    if (issuerId === undefined)
      return [{ path: 'issuer', message: 'The statement has no issuer. Choose the participant whose words these are.' }]
    const issuer = context.participants.get(String(issuerId))
    if (!issuer) return [{ path: 'issuer', message: `The issuer #${String(issuerId)} no longer exists.` }]
    const findings: RuleFinding[] = []
    if (issuer._status !== 'published')
      findings.push({
        path: 'issuer',
        message: `The issuer ${participantLabel(issuer)} is not published. Publish it first.`,
      })
    if (issuer.kind === 'ministry' && isBlank(issuer.country))
      findings.push({
        path: 'issuer',
        message: `The issuer ${participantLabel(issuer)} is a ministry without a country. Fill in its *Country* first.`,
      })
    return findings
  },
}

export const ministryParent: GateRule = {
  id: 'ministry-parent',
  target: 'participants',
  defaultSeverity: 'error',
  description:
    'A ministry has a country and a parent: its published government or state, of the same country when both say.',
  check: (context) => {
    if (context.doc.kind !== 'ministry') return []
    const findings: RuleFinding[] = []
    if (isBlank(context.doc.country)) findings.push({ path: 'country', message: 'A ministry needs a country.' })
    const parentId = idOf(context.doc.parent)
    if (parentId === undefined) {
      findings.push({ path: 'parent', message: 'A ministry needs a parent: the government or state it belongs to.' })
      return findings
    }
    const parent = context.participants.get(String(parentId))
    if (!parent) {
      findings.push({ path: 'parent', message: `The parent #${String(parentId)} no longer exists.` })
      return findings
    }
    if (parent.kind !== 'state' && parent.kind !== 'government')
      findings.push({
        path: 'parent',
        message: `The parent ${participantLabel(parent)} is not a state or a government; a ministry belongs to one.`,
      })
    if (parent._status !== 'published')
      findings.push({
        path: 'parent',
        message: `The parent ${participantLabel(parent)} is not published. Publish it first.`,
      })
    if (!isBlank(context.doc.country) && !isBlank(parent.country) && parent.country !== context.doc.country)
      findings.push({
        path: 'country',
        message: `The ministry's country (${String(context.doc.country)}) is not its parent's (${String(parent.country)}).`,
      })
    return findings
  },
}

export const documentRules: GateRule[] = [statementSignatories, statementText, statementIssuer, ministryParent]
