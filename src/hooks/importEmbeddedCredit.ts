import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import fs from 'node:fs/promises'

import type { Id } from '../model/documents.ts'

import { foldName } from '../gate/text.ts'
import { EMBEDDED_FIELDS, type EmbeddedField } from '../model/credit.ts'
import { idOf } from '../model/documents.ts'
import { readEmbeddedCredit } from '../photos/readEmbeddedCredit.ts'

const isEmpty = (value: unknown) => value == null || (typeof value === 'string' && value.trim() === '')

async function uploadedBytes(req: PayloadRequest): Promise<Buffer | undefined> {
  const file = req.file
  if (!file) return undefined
  if (file.data && file.data.length > 0) return file.data
  if (file.tempFilePath) return fs.readFile(file.tempFilePath)
  return undefined
}

/** The participant whose name, short name or alias is the file's credit or source, if any. */
async function matchIssuer(req: PayloadRequest, participantsSlug: string, candidates: (string | undefined)[]) {
  const wanted = new Set(candidates.filter((c): c is string => Boolean(c)).map(foldName))
  if (wanted.size === 0) return undefined
  const { docs } = await req.payload.find({
    collection: participantsSlug as 'participants',
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    select: { name: true, shortName: true, aliases: true, kind: true },
    req,
  })
  return docs.find((participant) =>
    [participant.name, participant.shortName, ...(participant.aliases ?? [])].some(
      (name) => name && wanted.has(foldName(name)),
    ),
  )
}

type Credit = Record<string, unknown>

const DUPLICATED_CREDIT_CONTEXT = 'newsroomDuplicatedCredit'

/**
 * Before a photo is duplicated: reads the original's credit as stored, for the copy to keep the
 * record of who chose its issuer (the copy's data leaves that record out).
 */
export const rememberDuplicatedCredit: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  const from = (args as { duplicateFromID?: Id }).duplicateFromID
  if (operation !== 'create' || from == null) return args
  const original = await req.payload.findByID({
    collection: collection.slug as 'photos',
    id: from,
    depth: 0,
    overrideAccess: true,
    req,
  })
  req.context[DUPLICATED_CREDIT_CONTEXT] = original.credit ?? undefined
  return args
}

/**
 * Set in `req.context` by the confirm-issuer endpoint: the save it makes records this user and time
 * as the issuer's confirmation. The confirmation fields take no value from a request's data.
 */
export const CONFIRM_ISSUER_CONTEXT = 'newsroomConfirmIssuer'

export interface IssuerConfirmation {
  by: Id | null
  at: string
}

/**
 * Who chose the issuer. The importer's choice, made from the file's own (untrusted) credit text, is
 * `file` and unconfirmed; an issuer the desk sets or changes (admin, REST, Local API) is `desk`, with
 * who and when; an issuer left as it was keeps its record; no issuer, no record.
 */
function recordIssuerChoice(
  credit: Record<string, unknown>,
  stored: Record<string, unknown> | null | undefined,
  fromFile: boolean,
  req: PayloadRequest,
): void {
  const issuer = idOf(credit.issuer)
  const userId = (req.user as { id?: Id } | null | undefined)?.id ?? null
  if (issuer === undefined) {
    Object.assign(credit, { issuerSource: null, issuerConfirmedBy: null, issuerConfirmedAt: null })
  } else if (fromFile) {
    Object.assign(credit, { issuerSource: 'file', issuerConfirmedBy: null, issuerConfirmedAt: null })
  } else if (String(issuer) !== String(idOf(stored?.issuer) ?? '')) {
    Object.assign(credit, {
      issuerSource: 'desk',
      issuerConfirmedBy: userId,
      issuerConfirmedAt: new Date().toISOString(),
    })
  } else if (stored) {
    // The same issuer keeps its record — on a duplicate too, whose data has none of these fields
    // (nobody writes them), so an issuer taken from the file stays unconfirmed in the copy.
    Object.assign(credit, {
      issuerSource: stored.issuerSource ?? null,
      issuerConfirmedBy: idOf(stored.issuerConfirmedBy) ?? null,
      issuerConfirmedAt: stored.issuerConfirmedAt ?? null,
    })
  }
  const confirmation = req.context?.[CONFIRM_ISSUER_CONTEXT] as IssuerConfirmation | undefined
  if (confirmation && issuer !== undefined) {
    Object.assign(credit, { issuerConfirmedBy: confirmation.by, issuerConfirmedAt: confirmation.at })
  }
}

/**
 * On upload, reads the credit the file carries (XMP, IPTC-IIM), keeps it as the file's record,
 * and fills the credit fields the editor left empty. What an editor typed is never overwritten.
 * On every save, records who chose the issuer (see `recordIssuerChoice`).
 */
export const importEmbeddedCredit =
  (participantsSlug: string): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    // A duplicate's data leaves out what nobody may write, this record among it: the original's
    // (read before the operation) keeps who chose the issuer and whether it is confirmed.
    const duplicatedFrom =
      operation === 'create' ? (req.context?.[DUPLICATED_CREDIT_CONTEXT] as Credit | undefined) : undefined
    const stored = duplicatedFrom ?? (originalDoc as { credit?: Credit | null } | undefined)?.credit
    const bytes = await uploadedBytes(req)
    if (!bytes) {
      const credit = { ...(data.credit ?? {}) }
      recordIssuerChoice(credit, stored, false, req)
      data.credit = credit
      return data
    }

    const embedded = await readEmbeddedCredit(bytes)
    data.embeddedMetadata = {
      status: embedded.status,
      error: embedded.error ?? null,
      ...Object.fromEntries(EMBEDDED_FIELDS.map((field) => [field, embedded.values[field] ?? null])),
      kind: embedded.kind ?? null,
      truncated: embedded.truncated,
    }
    if (embedded.status === 'unreadable') {
      req.payload.logger.warn(
        `Photo “${req.file?.name}”: its metadata could not be read (${embedded.error}); the photo is stored without it.`,
      )
    }

    const credit = { ...(data.credit ?? {}) }
    for (const field of EMBEDDED_FIELDS) {
      const value = embedded.values[field]
      if (!value) continue
      if (field === 'caption') {
        if (isEmpty(data.caption)) data.caption = value
      } else if (isEmpty(credit[field as Exclude<EmbeddedField, 'caption'>])) {
        credit[field] = value
      }
    }

    // The kind the file's wording proposes (a wire agency's "HO", "POOL"), shown as from the file.
    if (embedded.kind && isEmpty(credit.kind)) credit.kind = embedded.kind

    let issuerFromFile = false
    if (isEmpty(credit.issuer)) {
      const issuer = await matchIssuer(req, participantsSlug, [embedded.values.line, embedded.values.source])
      if (issuer) {
        credit.issuer = issuer.id
        issuerFromFile = true
        if (issuer.kind === 'ministry' && isEmpty(credit.kind)) {
          credit.kind = 'handout'
          // Proposed from the file's credit too, so it is shown as from the file like the issuer.
          ;(data.embeddedMetadata as Record<string, unknown>).kind = 'handout'
        }
      }
    }
    recordIssuerChoice(credit, stored, issuerFromFile, req)
    data.credit = credit
    return data
  }
