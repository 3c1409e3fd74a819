'use client'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import './attributionChecklist.css'

interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

interface Finding {
  rule: string
  severity: 'error' | 'warning'
  path: string
  message: string
  /** A misquotation word by word against the closest passage of its source. */
  diff?: DiffPart[]
}

/**
 * The quotation against its source: words the quotation leaves out struck through in red, words
 * it adds in green, with a word for each mark so it reads without colour too.
 */
function QuotationDiff({ diff }: { diff: DiffPart[] }) {
  return (
    <p className="attribution-checklist__diff" aria-label="The quotation compared with the statement">
      {diff.map((part, index) =>
        part.op === 'delete' ? (
          <del
            className="attribution-checklist__diff-delete"
            key={index}
            title="In the statement, not in the quotation"
          >
            {part.text}
          </del>
        ) : part.op === 'insert' ? (
          <ins
            className="attribution-checklist__diff-insert"
            key={index}
            title="In the quotation, not in the statement"
          >
            {part.text}
          </ins>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  )
}

interface Report {
  ok: boolean
  errors: Finding[]
  warnings: Finding[]
}

type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; report: Report }
  | { status: 'failed'; message: string }

/**
 * When an embargo is all that stands in the way: one action that schedules the publication for the
 * moment the last embargo lifts (the checks run again then).
 */
function PublishAfterEmbargo({ endpoint }: { endpoint: string }) {
  const [state, setState] = useState<
    { status: 'idle' | 'sending' } | { status: 'done'; at: string } | { status: 'failed'; message: string }
  >({ status: 'idle' })
  const schedule = async () => {
    setState({ status: 'sending' })
    try {
      const response = await fetch(`${endpoint}/publish-after-embargo`, { method: 'POST', credentials: 'include' })
      const body = (await response.json().catch(() => ({}))) as {
        scheduledFor?: string
        errors?: { message: string }[]
      }
      if (!response.ok || !body.scheduledFor)
        throw new Error(body.errors?.[0]?.message ?? `Not scheduled (${response.status}).`)
      setState({ status: 'done', at: body.scheduledFor })
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }
  if (state.status === 'done')
    return (
      <p className="attribution-checklist__note">
        Scheduled: it will be published at {new Date(state.at).toLocaleString()}, when the embargo lifts, if it still
        passes the checks then.
      </p>
    )
  return (
    <>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        disabled={state.status === 'sending'}
        onClick={() => void schedule()}
      >
        {state.status === 'sending' ? 'Scheduling…' : 'Publish when the embargo lifts'}
      </button>
      {state.status === 'failed' ? <p className="attribution-checklist__note">{state.message}</p> : null}
    </>
  )
}

/**
 * The publish gate's report in the document sidebar, fetched from the preflight endpoint when the
 * document opens and after every save, so editors see what to fix before they press Publish.
 */
export function AttributionChecklist() {
  const { id, collectionSlug, lastUpdateTime, savedDocumentData } = useDocumentInfo()
  const { config } = useConfig()
  const savedAt = (savedDocumentData as { updatedAt?: string } | undefined)?.updatedAt
  // Which save the shown result belongs to: a report stays on screen while the next one loads, a
  // failure gives way to "Checking…".
  const requestKey = [collectionSlug, id, lastUpdateTime, savedAt].join('|')
  const [result, setResult] = useState<{ key: string; state: State }>({ key: '', state: { status: 'idle' } })
  const state: State =
    result.key === requestKey || result.state.status === 'ready' ? result.state : { status: 'loading' }

  useEffect(() => {
    if (!id || !collectionSlug) return
    const controller = new AbortController()
    fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/preflight`, {
      credentials: 'include',
      signal: controller.signal,
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The check could not run (${response.status}).`)
        setResult({ key: requestKey, state: { status: 'ready', report: (await response.json()) as Report } })
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setResult({
            key: requestKey,
            state: { status: 'failed', message: error instanceof Error ? error.message : String(error) },
          })
        }
      })
    return () => controller.abort()
  }, [id, collectionSlug, requestKey, config.serverURL, config.routes.api])

  if (!id) {
    return (
      <section className="attribution-checklist" aria-label="Attribution checklist">
        <h4 className="attribution-checklist__title">Attribution checklist</h4>
        <p className="attribution-checklist__note">Save a draft to check attribution and photo credits.</p>
      </section>
    )
  }

  return (
    <section
      className="attribution-checklist"
      aria-label="Attribution checklist"
      data-status={state.status === 'ready' ? (state.report.ok ? 'ok' : 'blocked') : state.status}
    >
      <h4 className="attribution-checklist__title">Attribution checklist</h4>
      {state.status === 'loading' || state.status === 'idle' ? (
        <p className="attribution-checklist__note">Checking…</p>
      ) : null}
      {state.status === 'failed' ? <p className="attribution-checklist__note">{state.message}</p> : null}
      {state.status === 'ready' ? (
        <>
          <p
            className={`attribution-checklist__summary attribution-checklist__summary--${state.report.ok ? 'ok' : 'blocked'}`}
          >
            {state.report.ok
              ? state.report.warnings.length
                ? `Ready to publish, with ${state.report.warnings.length} warning${state.report.warnings.length === 1 ? '' : 's'}.`
                : 'Ready to publish: attribution and credits check out.'
              : `${state.report.errors.length} problem${state.report.errors.length === 1 ? '' : 's'} to fix before publishing.`}
          </p>
          <ul className="attribution-checklist__list">
            {[...state.report.errors, ...state.report.warnings].map((finding, index) => (
              <li
                className={`attribution-checklist__item attribution-checklist__item--${finding.severity}`}
                key={`${finding.rule}-${index}`}
              >
                <span className="attribution-checklist__badge">{finding.severity === 'error' ? 'Fix' : 'Check'}</span>
                <span className="attribution-checklist__message">{finding.message}</span>
                {finding.diff?.length ? <QuotationDiff diff={finding.diff} /> : null}
                <code className="attribution-checklist__rule">{finding.rule}</code>
              </li>
            ))}
          </ul>
          {state.report.errors.length > 0 &&
          state.report.errors.every((finding) => finding.rule === 'statement-embargo') ? (
            <PublishAfterEmbargo endpoint={`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`} />
          ) : null}
        </>
      ) : null}
    </section>
  )
}
