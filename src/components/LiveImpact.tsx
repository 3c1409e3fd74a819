'use client'

import { useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import { useEffect, useMemo, useState } from 'react'

import './attributionChecklist.css'

interface Finding {
  rule: string
  path: string
  message: string
}

interface LiveArticle {
  id: number | string
  title: string
  slug: string
  newErrors: Finding[]
}

type State = { status: 'idle' } | { status: 'ready'; articles: LiveArticle[] } | { status: 'failed'; message: string }

const NOT_SENT = new Set(['acknowledgeLiveImpact', 'attributionChecklist', 'usage', 'creditProvenance'])

type DeleteStep =
  | { status: 'closed' }
  | { status: 'checking' }
  | { status: 'asking'; breached: LiveArticle[] }
  | { status: 'deleting' }
  | { status: 'failed'; message: string }

/**
 * Deleting a source that published articles show: Payload's own delete is refused when it would
 * break them, so the panel asks here, lists what the delete would break, and deletes with the
 * confirmation once the editor agrees.
 */
function DeleteDespiteLiveArticles({ endpoint, listUrl }: { endpoint: string; listUrl: string }) {
  const [step, setStep] = useState<DeleteStep>({ status: 'closed' })
  const check = async () => {
    setStep({ status: 'checking' })
    try {
      const response = await fetch(`${endpoint}/live-impact`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: '{"delete":true}',
      })
      if (!response.ok) throw new Error(`The check could not run (${response.status}).`)
      const body = (await response.json()) as { liveArticles: LiveArticle[] }
      setStep({ status: 'asking', breached: body.liveArticles.filter((article) => article.newErrors.length > 0) })
    } catch (error) {
      setStep({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }
  const remove = async () => {
    setStep({ status: 'deleting' })
    try {
      const response = await fetch(endpoint, {
        method: 'DELETE',
        credentials: 'include',
        headers: { 'X-Acknowledge-Live-Impact': 'true' },
      })
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
        throw new Error(body.errors?.[0]?.message ?? `Not deleted (${response.status}).`)
      }
      window.location.assign(listUrl)
    } catch (error) {
      setStep({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }
  if (step.status === 'closed' || step.status === 'checking')
    return (
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small live-impact__delete"
        disabled={step.status === 'checking'}
        onClick={() => void check()}
      >
        {step.status === 'checking' ? 'Checking…' : 'Delete…'}
      </button>
    )
  if (step.status === 'failed') return <p className="attribution-checklist__note">{step.message}</p>
  return (
    <div className="live-impact__delete">
      <p className="attribution-checklist__note">
        {step.status === 'asking' && step.breached.length
          ? `Deleting this would put ${step.breached.length === 1 ? 'a published article' : `${step.breached.length} published articles`} in breach of the publish rules: ${step.breached.map((article) => `“${article.title}”`).join(', ')}. They will be listed under Needs attention.`
          : 'Deleting this breaks no published article.'}
      </p>
      <button
        type="button"
        className="btn btn--style-primary btn--size-small"
        disabled={step.status === 'deleting'}
        onClick={() => void remove()}
      >
        {step.status === 'deleting' ? 'Deleting…' : 'Delete anyway'}
      </button>
    </div>
  )
}

/**
 * The confirmation step for changes to a source of published articles, in the sidebar of photos,
 * participants and joint statements: which published articles show the document, and — as the
 * editor edits — which of them the unsaved change would put in breach of the publish rules, with
 * what the rules would find. Saving such a change needs the box ticked; the server refuses it
 * otherwise, whatever the admin shows.
 */
export function LiveImpact({ path, articlesSlug = 'articles' }: { path?: string; articlesSlug?: string }) {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const { value: confirmed, setValue } = useField<boolean>({ path: path ?? 'acknowledgeLiveImpact' })
  const fields = useFormFields(([formFields]) => formFields)
  const data = useMemo(() => {
    const values = reduceFieldsToValues(fields, true) as Record<string, unknown>
    return JSON.stringify(Object.fromEntries(Object.entries(values).filter(([name]) => !NOT_SENT.has(name))))
  }, [fields])
  const [state, setState] = useState<State>({ status: 'idle' })

  useEffect(() => {
    if (!id || !collectionSlug) return
    const controller = new AbortController()
    // Asked once the editor pauses, not on every keystroke.
    const timer = setTimeout(() => {
      fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/live-impact`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: `{"data":${data}}`,
        signal: controller.signal,
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(`The check could not run (${response.status}).`)
          const body = (await response.json()) as { liveArticles: LiveArticle[] }
          setState({ status: 'ready', articles: body.liveArticles })
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted)
            setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
        })
    }, 600)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [id, collectionSlug, data, config.serverURL, config.routes.api])

  if (!id || state.status === 'idle') return null
  if (state.status === 'failed')
    return (
      <section className="attribution-checklist" aria-label="Published articles">
        <h4 className="attribution-checklist__title">Published articles</h4>
        <p className="attribution-checklist__note">{state.message}</p>
      </section>
    )
  const breached = state.articles.filter((article) => article.newErrors.length > 0)
  const endpoint = `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`
  const deletion = (
    <DeleteDespiteLiveArticles
      endpoint={endpoint}
      listUrl={`${config.serverURL}${config.routes.admin}/collections/${collectionSlug}`}
    />
  )
  return (
    <section
      className="attribution-checklist"
      aria-label="Published articles"
      data-status={breached.length ? 'blocked' : 'ok'}
    >
      <h4 className="attribution-checklist__title">Published articles</h4>
      {state.articles.length === 0 ? (
        <p className="attribution-checklist__note">No published article shows this.</p>
      ) : breached.length === 0 ? (
        <p className="attribution-checklist__note">
          {state.articles.length === 1
            ? 'One published article shows'
            : `${state.articles.length} published articles show`}{' '}
          this; your changes keep {state.articles.length === 1 ? 'it' : 'them'} within the publish rules.
        </p>
      ) : (
        <>
          <p className="attribution-checklist__summary attribution-checklist__summary--blocked">
            Saving this would put{' '}
            {breached.length === 1 ? 'a published article' : `${breached.length} published articles`} in breach of the
            publish rules:
          </p>
          <ul className="attribution-checklist__list">
            {breached.map((article) => (
              <li className="attribution-checklist__item attribution-checklist__item--error" key={String(article.id)}>
                <span className="attribution-checklist__badge">Live</span>
                <span className="attribution-checklist__message">
                  <a href={`${config.routes.admin}/collections/${articlesSlug}/${article.id}`}>
                    {article.title || `#${article.id}`}
                  </a>
                  : {article.newErrors.map((finding) => finding.message).join(' ')}
                </span>
              </li>
            ))}
          </ul>
          <label className="live-impact__confirm">
            <input type="checkbox" checked={confirmed === true} onChange={(event) => setValue(event.target.checked)} />{' '}
            Save anyway: I will fix {breached.length === 1 ? 'this article' : 'these articles'}. They will be listed
            under Needs attention until fixed.
          </label>
        </>
      )}
      {state.articles.length > 0 ? deletion : null}
    </section>
  )
}
