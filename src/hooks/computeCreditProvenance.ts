import type { FieldHook } from 'payload'

import { EMBEDDED_FIELDS } from '../model/credit.ts'

export type CreditOrigin = 'file' | 'editor' | 'empty'

/**
 * For each credit field: `file` when its value is the one the file carried, `editor` when the
 * desk typed or changed it, `empty` when it has none. Derived on read from the stored values.
 */
export const computeCreditProvenance: FieldHook = ({ siblingData }) => {
  const embedded = (siblingData.embeddedMetadata ?? {}) as Record<string, unknown>
  const credit = (siblingData.credit ?? {}) as Record<string, unknown>
  const current = (field: string) => (field === 'caption' ? siblingData.caption : credit[field])
  return Object.fromEntries(
    EMBEDDED_FIELDS.map((field) => {
      const value = current(field)
      const origin: CreditOrigin =
        value == null || value === ''
          ? 'empty'
          : typeof embedded[field] === 'string' && embedded[field] === value
            ? 'file'
            : 'editor'
      return [field, { origin, fileValue: (embedded[field] as string | null | undefined) ?? null }]
    }),
  )
}
