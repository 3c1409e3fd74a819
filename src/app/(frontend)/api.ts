import { cache } from 'react'

import type { Article } from '../../payload-types.ts'

/** Where the public API is: this app's own, unless the frontend is pointed elsewhere. */
export const apiBase = () => process.env.NEWSROOM_API_URL || `http://localhost:${process.env.PORT || 3000}/api`

async function get(path: string): Promise<Response> {
  return fetch(`${apiBase()}${path}`, { cache: 'no-store', headers: { Accept: 'application/json' } })
}

/** Cached per request: the page and its metadata share one set of API calls. */
export const fetchArticle = cache(
  async (slug: string): Promise<{ article: Article; html: string; jsonLd: unknown } | undefined> => {
    const query = new URLSearchParams({ 'where[slug][equals]': slug, depth: '2', limit: '1' })
    const list = await get(`/articles?${query}`)
    if (!list.ok) throw new Error(`The articles API answered ${list.status}`)
    const article = ((await list.json()) as { docs: Article[] }).docs[0]
    if (!article) return undefined
    const [html, jsonLd] = await Promise.all([
      get(`/articles/${encodeURIComponent(slug)}/html`).then((r) => (r.ok ? r.text() : '')),
      get(`/articles/${encodeURIComponent(slug)}/jsonld`).then((r) => (r.ok ? r.json() : undefined)),
    ])
    return { article, html, jsonLd }
  },
)

export async function fetchArticleList(): Promise<Article[]> {
  const query = new URLSearchParams({ depth: '1', limit: '20', sort: '-publishedAt' })
  const response = await get(`/articles?${query}`)
  if (!response.ok) throw new Error(`The articles API answered ${response.status}`)
  return ((await response.json()) as { docs: Article[] }).docs
}
