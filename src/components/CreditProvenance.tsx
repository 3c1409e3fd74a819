'use client'

import { useFormFields } from '@payloadcms/ui'

/**
 * Under a credit field: whether its value is the one embedded in the file, or what the file
 * says when an editor changed it.
 */
export function CreditProvenance({ field, fieldPath }: { field: string; fieldPath: string }) {
  const [current, fromFile] = useFormFields(([fields]) => [
    fields[fieldPath]?.value,
    fields[`embeddedMetadata.${field}`]?.value,
  ])
  if (typeof fromFile !== 'string' || fromFile === '') return null
  const same = typeof current === 'string' && current.trim() === fromFile
  return (
    <p
      className="credit-provenance"
      style={{
        margin: '4px 0 0',
        fontSize: 12,
        color: same ? 'var(--theme-success-600, #2e7d32)' : 'var(--theme-warning-700, #b26a00)',
      }}
    >
      {same ? 'From the file' : <>Edited by the desk — the file says “{fromFile}”</>}
    </p>
  )
}
