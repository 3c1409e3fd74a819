import type { Endpoint } from 'payload'

import type { SourceCollection } from '../gate/loadContext.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { isStaff } from '../access/index.ts'
import { assessLiveImpact, withChange } from '../integrity/liveImpact.ts'

/**
 * `POST /api/<photos|participants|joint-statements>/:id/live-impact`: what saving `data` over the
 * document (or deleting it, with `"delete": true`) would do to the published articles that show
 * it — every such article, and the errors the change would add to each. Changes nothing; the
 * admin's confirmation step reads it as the editor edits.
 */
export const liveImpactEndpoint = (collection: SourceCollection, options: ResolvedNewsroomOptions): Endpoint => ({
  path: '/:id/live-impact',
  method: 'post',
  handler: async (req) => {
    const headers = { 'Cache-Control': 'private, no-store' }
    if (!req.user || !isStaff(req))
      return Response.json(
        { errors: [{ message: 'Sign in as newsroom staff to see live impact.' }] },
        { status: 401, headers },
      )
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number')
      return Response.json({ errors: [{ message: 'Missing document id.' }] }, { status: 400, headers })
    let body: { data?: unknown; delete?: unknown } = {}
    try {
      body = ((await req.json?.()) ?? {}) as typeof body
    } catch {
      return Response.json(
        { errors: [{ message: 'The body must be JSON: { "data": {…} } or { "delete": true }.' }] },
        { status: 400, headers },
      )
    }
    if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)))
      return Response.json(
        { errors: [{ message: '"data" must be an object of the fields to change.' }] },
        { status: 400, headers },
      )
    const slug = options.slugs[collection]
    const current = await req.payload
      .findByID({ collection: slug as 'participants', id, depth: 0, draft: false, overrideAccess: false, req })
      .catch(() => undefined)
    if (!current)
      return Response.json(
        { errors: [{ message: `No ${slug} document with id ${String(id)}.` }] },
        { status: 404, headers },
      )
    const doc =
      body.delete === true
        ? null
        : withChange(current as unknown as Record<string, unknown>, (body.data ?? {}) as Record<string, unknown>)
    const impact = await assessLiveImpact(req, options, { collection, id: current.id, doc })
    return Response.json(
      {
        liveArticles: impact.articles.map(({ id: articleId, title, slug: articleSlug, newErrors, errorsAfter }) => ({
          id: articleId,
          title,
          slug: articleSlug,
          newErrors,
          errorsAfter,
        })),
        breaches: impact.articles.filter((article) => article.newErrors.length > 0).length,
      },
      { headers },
    )
  },
})
