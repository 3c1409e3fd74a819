import type { Endpoint } from 'payload'

import type { GateTarget } from '../gate/types.ts'
import type { ResolvedNewsroomOptions } from '../options/types.ts'

import { evaluatePublish } from '../gate/evaluate.ts'

/**
 * `GET /api/<collection>/:id/preflight`: the publish gate's report on the latest draft, without
 * publishing. For signed-in users; the admin's attribution checklist reads it after each save.
 */
export const preflightEndpoint = (
  target: GateTarget,
  collection: string,
  options: ResolvedNewsroomOptions,
): Endpoint => ({
  path: '/:id/preflight',
  method: 'get',
  handler: async (req) => {
    if (!req.user)
      return Response.json({ errors: [{ message: 'Sign in to see the preflight report.' }] }, { status: 401 })
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number') {
      return Response.json({ errors: [{ message: 'Missing document id.' }] }, { status: 400 })
    }
    let doc: Record<string, unknown>
    try {
      doc = (await req.payload.findByID({
        collection: collection as 'articles',
        id,
        draft: true,
        depth: 0,
        overrideAccess: false,
        req,
      })) as unknown as Record<string, unknown>
    } catch {
      return Response.json(
        { errors: [{ message: `No ${collection} document with id ${String(id)}.` }] },
        { status: 404 },
      )
    }
    const report = await evaluatePublish({ req, target, doc, options })
    return Response.json(report, { headers: { 'Cache-Control': 'private, no-store' } })
  },
})
