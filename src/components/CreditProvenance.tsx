'use client'

import { useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

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

type Confirmation =
  { status: 'idle' | 'sending' } | { status: 'done'; at: string } | { status: 'failed'; message: string }

const dateOf = (value: unknown) => (typeof value === 'string' && value ? new Date(value).toLocaleString() : '')

/**
 * Under the issuer: where it came from. An issuer the importer read from the file's own credit text
 * counts only once someone on the desk confirms it — one click here, recorded with who and when —
 * or chooses another by hand.
 */
export function IssuerConfirmation() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const [issuer, source, confirmedAt] = useFormFields(([fields]) => [
    fields['credit.issuer']?.value,
    fields['credit.issuerSource']?.value,
    fields['credit.issuerConfirmedAt']?.value,
  ])
  const [stored] = useState(issuer)
  const [confirmation, setConfirmation] = useState<Confirmation>({ status: 'idle' })

  if (issuer == null || issuer === '' || source !== 'file') return null
  const note = { margin: '4px 0 0', fontSize: 12 }
  if (String(issuer) !== String(stored))
    return <p style={note}>Chosen by the desk: it counts as chosen once you save.</p>
  if (confirmation.status === 'done' || confirmedAt)
    return (
      <p style={{ ...note, color: 'var(--theme-success-600, #2e7d32)' }}>
        From the file — confirmed {dateOf(confirmation.status === 'done' ? confirmation.at : confirmedAt)}
      </p>
    )

  const confirm = async () => {
    setConfirmation({ status: 'sending' })
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/confirm-issuer`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ issuer }),
      })
      const body = (await response.json().catch(() => ({}))) as {
        photo?: { credit?: { issuerConfirmedAt?: string | null } }
        errors?: { message: string }[]
      }
      if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `Not confirmed (${response.status}).`)
      setConfirmation({ status: 'done', at: body.photo?.credit?.issuerConfirmedAt ?? new Date().toISOString() })
    } catch (error) {
      setConfirmation({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <div className="issuer-confirmation" style={{ ...note, color: 'var(--theme-warning-700, #b26a00)' }}>
      <p style={{ margin: 0 }}>
        From the file: read from its own credit text, so it counts only once someone on the desk confirms it.
      </p>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        style={{ margin: '4px 0 0' }}
        disabled={!id || confirmation.status === 'sending'}
        onClick={() => void confirm()}
      >
        {confirmation.status === 'sending' ? 'Confirming…' : 'Confirm issuer'}
      </button>
      {confirmation.status === 'failed' ? <p style={{ margin: '4px 0 0' }}>{confirmation.message}</p> : null}
    </div>
  )
}
