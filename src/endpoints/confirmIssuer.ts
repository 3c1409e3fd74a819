import type { Endpoint } from 'payload'

import type { Id } from '../model/documents.ts'

import { isStaff } from '../access/index.ts'
import { CONFIRM_ISSUER_CONTEXT, type IssuerConfirmation } from '../hooks/importEmbeddedCredit.ts'
import { idOf } from '../model/documents.ts'

type StoredCredit = {
  issuer?: unknown
  issuerSource?: string | null
  issuerConfirmedBy?: unknown
  issuerConfirmedAt?: string | null
}

const confirmationOf = (credit: StoredCredit | null | undefined) => ({
  issuer: idOf(credit?.issuer) ?? null,
  issuerSource: credit?.issuerSource ?? null,
  issuerConfirmedBy: idOf(credit?.issuerConfirmedBy) ?? null,
  issuerConfirmedAt: credit?.issuerConfirmedAt ?? null,
})

/**
 * `POST /api/photos/:id/confirm-issuer` (newsroom staff): confirms the issuer the importer took from
 * the file's own credit text, recording who confirmed it and when; until then `issuer-confirmed`
 * refuses to publish the photo. The body may name the issuer being confirmed (`{ "issuer": 5 }`):
 * when the photo's issuer has changed since, nothing is confirmed (409). An issuer the desk chose,
 * or one already confirmed, needs nothing and is answered as it is.
 */
export const confirmIssuerEndpoint = (photosSlug: string): Endpoint => ({
  path: '/:id/confirm-issuer',
  method: 'post',
  handler: async (req) => {
    const headers = { 'Cache-Control': 'private, no-store' }
    if (!req.user)
      return Response.json({ errors: [{ message: 'Sign in to confirm an issuer.' }] }, { status: 401, headers })
    if (!isStaff(req))
      return Response.json({ errors: [{ message: 'Only newsroom staff confirm issuers.' }] }, { status: 403, headers })
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number')
      return Response.json({ errors: [{ message: 'Missing photo id.' }] }, { status: 400, headers })
    let body: { issuer?: unknown } = {}
    try {
      const text = typeof req.text === 'function' ? await req.text() : ''
      body = text.trim() ? (JSON.parse(text) as typeof body) : {}
    } catch {
      return Response.json(
        { errors: [{ message: 'The body must be empty or JSON: { "issuer": <participant id> }.' }] },
        { status: 400, headers },
      )
    }

    const photo = await req.payload
      .findByID({ collection: photosSlug as 'photos', id, depth: 0, overrideAccess: false, req })
      .catch(() => undefined)
    if (!photo)
      return Response.json({ errors: [{ message: `No photo with id ${String(id)}.` }] }, { status: 404, headers })
    const credit = photo.credit as StoredCredit | null | undefined
    const issuer = idOf(credit?.issuer)
    if (issuer === undefined)
      return Response.json(
        { errors: [{ message: 'The photo has no issuer to confirm. Choose one in the credit.' }] },
        { status: 409, headers },
      )
    if (body.issuer !== undefined && String(body.issuer) !== String(issuer))
      return Response.json(
        {
          errors: [
            {
              message: `The photo's issuer is now #${String(issuer)}, not #${String(body.issuer)}; nothing was confirmed.`,
            },
          ],
        },
        { status: 409, headers },
      )
    if (credit?.issuerSource !== 'file' || credit.issuerConfirmedAt)
      return Response.json({ photo: { id: photo.id, credit: confirmationOf(credit) } }, { headers })

    const confirmation: IssuerConfirmation = { by: (req.user as { id: Id }).id, at: new Date().toISOString() }
    const updated = await req.payload.update({
      collection: photosSlug as 'photos',
      id: photo.id,
      data: {},
      depth: 0,
      overrideAccess: false,
      req,
      context: { [CONFIRM_ISSUER_CONTEXT]: confirmation },
    })
    if (req.context) delete req.context[CONFIRM_ISSUER_CONTEXT]
    return Response.json(
      { photo: { id: updated.id, credit: confirmationOf(updated.credit as StoredCredit) } },
      { headers },
    )
  },
})
