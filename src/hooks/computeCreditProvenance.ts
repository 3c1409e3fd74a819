import type { FieldHook } from 'payload'

import type { Id } from '../model/documents.ts'

import { EMBEDDED_FIELDS } from '../model/credit.ts'
import { idOf } from '../model/documents.ts'

export type CreditOrigin = 'file' | 'editor' | 'empty'

/** The issuer's record: who chose it, and whether an issuer taken from the file has been confirmed. */
export interface IssuerProvenance {
  origin: CreditOrigin
  /** An issuer from the file counts once confirmed; one the desk chose counts as it is. */
  confirmed: boolean
  confirmedBy: Id | null
  confirmedAt: string | null
}

/**
 * For each credit field: `file` when its value is the one the file carried, `editor` when the
 * desk typed or changed it, `empty` when it has none. Derived on read from the stored values. The
 * kind of credit is compared with the kind the file's wording proposed; the issuer says who chose
 * it (`file`: the importer, from the file's credit text) and whether that choice was confirmed.
 */
export const computeCreditProvenance: FieldHook = ({ siblingData }) => {
  const embedded = (siblingData.embeddedMetadata ?? {}) as Record<string, unknown>
  const credit = (siblingData.credit ?? {}) as Record<string, unknown>
  const current = (field: string) => (field === 'caption' ? siblingData.caption : credit[field])
  const fieldOrigin = (field: string) => {
    const value = current(field)
    const origin: CreditOrigin =
      value == null || value === ''
        ? 'empty'
        : typeof embedded[field] === 'string' && embedded[field] === value
          ? 'file'
          : 'editor'
    return { origin, fileValue: (embedded[field] as string | null | undefined) ?? null }
  }
  const issuer = idOf(credit.issuer)
  const confirmedAt = typeof credit.issuerConfirmedAt === 'string' ? credit.issuerConfirmedAt : null
  const issuerProvenance: IssuerProvenance = {
    origin: issuer === undefined ? 'empty' : credit.issuerSource === 'file' ? 'file' : 'editor',
    confirmed: issuer !== undefined && (credit.issuerSource !== 'file' || confirmedAt !== null),
    confirmedBy: idOf(credit.issuerConfirmedBy) ?? null,
    confirmedAt,
  }
  return {
    ...Object.fromEntries(EMBEDDED_FIELDS.map((field) => [field, fieldOrigin(field)])),
    kind: fieldOrigin('kind'),
    issuer: issuerProvenance,
  }
}
