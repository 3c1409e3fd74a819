import type { Endpoint } from 'payload'

import type { Id } from '../model/documents.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { canPublish } from '../access/index.ts'
import { readArticle } from '../article/inventory.ts'

const json = (body: unknown, status = 200) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } })

/**
 * `POST /api/articles/:id/publish-after-embargo` (editors and admins): schedules the article's
 * latest draft to be published when the last embargo among the statements and joint statements it
 * quotes or cites lifts — Payload's own scheduled publish, so the publish checks run again when it
 * fires. Answers the time it chose; 409 when nothing it cites is under embargo.
 */
export const publishAfterEmbargoEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  path: '/:id/publish-after-embargo',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return json({ errors: [{ message: 'Sign in to schedule a publication.' }] }, 401)
    if (!canPublish(req)) return json({ errors: [{ message: 'Only editors and admins schedule publications.' }] }, 403)
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number')
      return json({ errors: [{ message: 'Missing article id.' }] }, 400)
    const { slugs } = options
    const article = await req.payload
      .findByID({ collection: slugs.articles as 'articles', id, draft: true, depth: 0, overrideAccess: false, req })
      .catch(() => undefined)
    if (!article) return json({ errors: [{ message: `No article with id ${String(id)}.` }] }, 404)

    const inventory = readArticle(article as unknown as Record<string, unknown>, slugs)
    const cited = { jointStatements: new Set<string>(), statements: new Set<string>() }
    for (const citation of inventory.citations)
      if (citation.relationTo === 'jointStatements' || citation.relationTo === 'statements')
        cited[citation.relationTo].add(String(citation.id))
    const now = new Date()
    let lifts: Date | undefined
    // One query per statement collection.
    for (const [collection, ids] of [
      [slugs.jointStatements, cited.jointStatements],
      [slugs.statements, cited.statements],
    ] as const) {
      if (ids.size === 0) continue
      const { docs } = await req.payload.find({
        collection: collection as 'statements',
        where: { and: [{ id: { in: [...ids] } }, { embargoUntil: { greater_than: now.toISOString() } }] },
        depth: 0,
        pagination: false,
        overrideAccess: true,
        select: { embargoUntil: true },
        req,
      })
      for (const doc of docs) {
        const until = new Date(doc.embargoUntil as string)
        if (!lifts || until > lifts) lifts = until
      }
    }
    if (!lifts)
      return json(
        { errors: [{ message: 'Nothing this article quotes or cites is under embargo; publish it as usual.' }] },
        409,
      )
    await req.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: slugs.articles, value: String(article.id as Id) },
        // The scheduled publish runs as the editor who asked for it.
        user: { relationTo: (req.user as { collection: string }).collection, value: (req.user as { id: Id }).id },
      },
      waitUntil: lifts,
      req,
    } as never)
    return json({ scheduledFor: lifts.toISOString() })
  },
})
