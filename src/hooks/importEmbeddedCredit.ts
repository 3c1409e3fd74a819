import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import fs from 'node:fs/promises'

import { foldName } from '../gate/text.ts'
import { EMBEDDED_FIELDS, type EmbeddedField } from '../model/credit.ts'
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

/**
 * On upload, reads the credit the file carries (XMP, IPTC-IIM), keeps it as the file's record,
 * and fills the credit fields the editor left empty. What an editor typed is never overwritten.
 */
export const importEmbeddedCredit =
  (participantsSlug: string): CollectionBeforeChangeHook =>
  async ({ data, req }) => {
    const bytes = await uploadedBytes(req)
    if (!bytes) return data

    const embedded = await readEmbeddedCredit(bytes)
    data.embeddedMetadata = {
      status: embedded.status,
      error: embedded.error ?? null,
      ...Object.fromEntries(EMBEDDED_FIELDS.map((field) => [field, embedded.values[field] ?? null])),
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

    if (isEmpty(credit.issuer)) {
      const issuer = await matchIssuer(req, participantsSlug, [embedded.values.line, embedded.values.source])
      if (issuer) {
        credit.issuer = issuer.id
        if (issuer.kind === 'ministry' && isEmpty(credit.kind)) credit.kind = 'handout'
      }
    }
    data.credit = credit
    return data
  }
