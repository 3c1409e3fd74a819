import type { Endpoint, PayloadRequest } from 'payload'

import type { Article } from '../delivery/types.ts'

import { articleBodyToHtml } from '../delivery/html.ts'
import { articleToJsonLd } from '../delivery/jsonLd.ts'
import { loadPublishedArticle } from '../delivery/loadPublishedArticle.ts'

const notFound = (idOrSlug: string) =>
  Response.json({ errors: [{ message: `No published article “${idOrSlug}”.` }] }, { status: 404 })

function idOrSlugOf(req: PayloadRequest): string | undefined {
  const value = req.routeParams?.idOrSlug
  return typeof value === 'string' && /^[\p{L}\p{N}-]{1,200}$/u.test(value) ? value : undefined
}

/** Author names are public as bylines, though user accounts are not. */
async function authorNames(req: PayloadRequest, usersSlug: string, authors: unknown[] | null | undefined): Promise<string[]> {
  const ids = (authors ?? []).map((a) => (a && typeof a === 'object' ? (a as { id: unknown }).id : a)).filter((id) => id != null)
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({ collection: usersSlug as 'users', where: { id: { in: ids } }, depth: 0, overrideAccess: true, pagination: false, select: { name: true }, req })
  return docs.map((user) => (user as { name?: string | null }).name).filter((name): name is string => Boolean(name))
}

/** An endpoint that answers for one published article, and 404 for anything else. */
const forPublishedArticle =
  (articlesSlug: string, render: (req: PayloadRequest, article: Article) => Promise<Response> | Response): Endpoint['handler'] =>
  async (req) => {
    const idOrSlug = idOrSlugOf(req)
    if (!idOrSlug) return notFound(String(req.routeParams?.idOrSlug ?? ''))
    const article = await loadPublishedArticle(req, articlesSlug, idOrSlug)
    return article ? render(req, article) : notFound(idOrSlug)
  }

/** `GET /api/articles/:idOrSlug/jsonld` and `/html`: public, published articles only. */
export const deliveryEndpoints = (slugs: { articles: string }, usersSlug: string): Endpoint[] => [
  {
    path: '/:idOrSlug/jsonld',
    method: 'get',
    handler: forPublishedArticle(slugs.articles, async (req, article) => {
      const origin = new URL(req.url ?? 'http://localhost').origin
      const jsonLd = articleToJsonLd(article, {
        origin,
        url: `${origin}/articles/${article.slug}`,
        authors: await authorNames(req, usersSlug, article.authors),
      })
      return new Response(JSON.stringify(jsonLd), { headers: { 'Content-Type': 'application/ld+json; charset=utf-8' } })
    }),
  },
  {
    path: '/:idOrSlug/html',
    method: 'get',
    handler: forPublishedArticle(
      slugs.articles,
      (_req, article) => new Response(articleBodyToHtml(article), { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    ),
  },
]
