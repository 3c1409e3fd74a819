import type { PayloadRequest, Where } from 'payload'

import type { Id } from '../model/documents.ts'
import type {
  GateContext,
  GateTarget,
  LoadedIssuedStatement,
  LoadedParticipant,
  LoadedPhoto,
  LoadedStatement,
  LoadedText,
} from './types.ts'

import { readArticle } from '../article/inventory.ts'
import { richTextToPlain } from '../article/lexical.ts'
import { storableIds } from '../db/ids.ts'
import { idOf } from '../model/documents.ts'
import { CREDIT_RIVAL_KINDS } from './rules/photoRules.ts'

/** The slugs the gate reads documents from. */
export type GateSlugs = GateContext['slugs']

/** What a document refers to, as the rules see it: everything of the context but the loaded sources. */
export type GateReferences = Pick<GateContext, 'photoUses' | 'quotes' | 'citations' | 'bareBlockquotes' | 'runningText'>

/** The documents the rules read, by id: each source's published state. */
export type GateSources = Pick<GateContext, 'photos' | 'participants' | 'statements' | 'issuedStatements'>

/** A collection the gate loads sources from, by its key in the plugin's slugs. */
export type SourceCollection = 'photos' | 'participants' | 'jointStatements' | 'statements'

/**
 * A source as it would be after a change that is not saved yet: `null` when it would be gone.
 * Used to ask what live articles would look like after a change to one of their sources.
 */
export interface SourceSubstitution {
  collection: SourceCollection
  id: Id
  doc: Record<string, unknown> | null
}

const key = (id: Id) => String(id)

/** Reads what a document refers to. Reads the database not at all. */
export function referencesOf(
  target: GateTarget,
  doc: Record<string, unknown>,
  slugs: GateSlugs,
  req?: PayloadRequest,
): GateReferences {
  const article = target === 'articles' ? readArticle(doc, slugs, req) : undefined
  const references: GateReferences = {
    photoUses: article?.photoUses ?? [],
    quotes: article?.quotes ?? [],
    citations: [...(article?.citations ?? [])],
    bareBlockquotes: article?.bareBlockquotes ?? [],
    runningText: article?.runningText ?? [],
  }
  if (target === 'jointStatements') {
    const signatories = Array.isArray(doc.signatories) ? doc.signatories : []
    signatories.forEach((value, index) => {
      const id = idOf(value)
      if (id !== undefined)
        references.citations.push({
          relationTo: 'participants',
          id,
          path: 'signatories',
          via: `signatory ${index + 1}`,
        })
    })
  }
  if (target === 'statements') {
    const issuer = idOf(doc.issuer)
    if (issuer !== undefined)
      references.citations.push({ relationTo: 'participants', id: issuer, path: 'issuer', via: 'issuer' })
  }
  if (target === 'participants') {
    const parent = idOf(doc.parent)
    if (parent !== undefined)
      references.citations.push({ relationTo: 'participants', id: parent, path: 'parent', via: 'parent' })
  }
  return references
}

/**
 * Reads one collection's documents by id in a single query, published state only; `alsoWhere`
 * brings in, by the same query, the documents it matches too.
 */
async function loadByIds<T extends { id: Id }>(
  req: PayloadRequest,
  collection: string,
  ids: Set<string>,
  alsoWhere?: Where,
): Promise<Map<string, T>> {
  const loaded = new Map<string, T>()
  const idList = ids.size === 0 ? [] : storableIds(req.payload, collection, ids)
  const clauses: Where[] = [...(idList.length > 0 ? [{ id: { in: idList } }] : []), ...(alsoWhere ? [alsoWhere] : [])]
  if (clauses.length === 0) return loaded
  const where: Where = clauses.length === 1 ? clauses[0]! : { or: clauses }
  const { docs } = await req.payload.find({
    collection: collection as 'participants',
    where,
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    draft: false,
    req,
  })
  for (const doc of docs) loaded.set(key(doc.id), doc as unknown as T)
  return loaded
}

/** The language of a statement's original text when the document does not say. */
const DEFAULT_TEXT_LANGUAGE = 'en'

const languageOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined

/** A statement's texts as plain text: the original (official) first, then its translations. */
function textsOf(raw: Record<string, unknown>, plainText: string): LoadedText[] {
  const texts: LoadedText[] = [
    { language: languageOf(raw.language) ?? DEFAULT_TEXT_LANGUAGE, plainText, official: true },
  ]
  for (const row of Array.isArray(raw.translations) ? raw.translations : []) {
    if (!row || typeof row !== 'object') continue
    const translation = row as { language?: unknown; text?: unknown; official?: unknown }
    const language = languageOf(translation.language)
    if (language === undefined) continue
    texts.push({ language, plainText: richTextToPlain(translation.text), official: translation.official !== false })
  }
  return texts
}

function asStatement(raw: Record<string, unknown>): LoadedStatement {
  const { text, translations: _translations, ...rest } = raw
  const plainText = richTextToPlain(text)
  return {
    ...(rest as unknown as Omit<LoadedStatement, 'plainText' | 'signatories' | 'texts'>),
    signatories: (Array.isArray(raw.signatories) ? raw.signatories : [])
      .map(idOf)
      .filter((v): v is Id => v !== undefined),
    plainText,
    texts: textsOf(raw, plainText),
  }
}

function asIssuedStatement(raw: Record<string, unknown>): LoadedIssuedStatement {
  const { text, translations: _translations, ...rest } = raw
  const plainText = richTextToPlain(text)
  return {
    ...(rest as unknown as Omit<LoadedIssuedStatement, 'plainText' | 'issuer' | 'texts'>),
    issuer: idOf(raw.issuer) ?? null,
    plainText,
    texts: textsOf(raw, plainText),
  }
}

/** The loaded map with one source replaced (or removed) as a pending change would leave it. */
function substitute<T>(
  loaded: Map<string, T>,
  collection: SourceCollection,
  substitution: SourceSubstitution | undefined,
  shape: (doc: Record<string, unknown>) => T,
): Map<string, T> {
  if (!substitution || substitution.collection !== collection) return loaded
  const next = new Map(loaded)
  if (substitution.doc === null) next.delete(key(substitution.id))
  else next.set(key(substitution.id), shape({ ...substitution.doc, id: substitution.id }))
  return next
}

/**
 * Loads the sources that any of `referenceSets` name, with one query per collection however many
 * documents, photos, quotes or participants there are: photos, then joint statements, then
 * statements of one participant, then every participant cited or named by a photo's credit, a
 * joint statement's signatories or a statement's issuer (and, for credit
 * lines, every published state, government and ministry: see `CREDIT_RIVAL_KINDS`).
 *
 * With a `substitution`, it also returns the sources as they would be after that pending change
 * (`after`); the documents the change would bring in are loaded by the same queries.
 */
export async function loadGateSources(
  req: PayloadRequest,
  slugs: GateSlugs,
  referenceSets: GateReferences[],
  substitution?: SourceSubstitution,
): Promise<{ before: GateSources; after: GateSources }> {
  const photoIds = new Set<string>()
  const statementIds = new Set<string>()
  const issuedStatementIds = new Set<string>()
  const participantIds = new Set<string>()
  const idsOf = { jointStatements: statementIds, statements: issuedStatementIds, participants: participantIds }
  for (const references of referenceSets) {
    for (const use of references.photoUses) photoIds.add(key(use.photoId))
    for (const citation of references.citations) idsOf[citation.relationTo].add(key(citation.id))
  }

  const photos = await loadByIds<LoadedPhoto>(req, slugs.photos, photoIds)
  const photosAfter = substitute(photos, 'photos', substitution, (doc) => doc as unknown as LoadedPhoto)

  const rawStatements = await loadByIds<LoadedStatement & { text?: unknown }>(req, slugs.jointStatements, statementIds)
  const statements = new Map(
    [...rawStatements].map(([id, raw]) => [id, asStatement(raw as unknown as Record<string, unknown>)]),
  )
  const statementsAfter = substitute(statements, 'jointStatements', substitution, asStatement)

  const rawIssued = await loadByIds<{ id: Id }>(req, slugs.statements, issuedStatementIds)
  const issuedStatements = new Map(
    [...rawIssued].map(([id, raw]) => [id, asIssuedStatement(raw as unknown as Record<string, unknown>)]),
  )
  const issuedStatementsAfter = substitute(issuedStatements, 'statements', substitution, asIssuedStatement)

  for (const photo of [...photos.values(), ...photosAfter.values()]) {
    const issuer = idOf(photo.credit?.issuer)
    if (issuer !== undefined) participantIds.add(key(issuer))
  }
  for (const statement of [...statements.values(), ...statementsAfter.values()])
    for (const id of statement.signatories ?? []) participantIds.add(key(id))
  for (const statement of [...issuedStatements.values(), ...issuedStatementsAfter.values()])
    if (statement.issuer != null) participantIds.add(key(statement.issuer))
  // `ministry-credit` refuses a credit line that names another state, government or ministry than its
  // issuer: when a photo has an issuer and a credit line, every published participant of those kinds
  // comes in by the same query, so the rule can find their names in the line.
  const creditNamesParticipants = [...photos.values(), ...photosAfter.values()].some(
    (photo) =>
      idOf(photo.credit?.issuer) !== undefined &&
      typeof photo.credit?.line === 'string' &&
      photo.credit.line.trim() !== '',
  )
  const creditRivals: Where | undefined = creditNamesParticipants
    ? { and: [{ kind: { in: [...CREDIT_RIVAL_KINDS] } }, { _status: { equals: 'published' } }] }
    : undefined
  const participants = await loadByIds<LoadedParticipant>(req, slugs.participants, participantIds, creditRivals)
  const participantsAfter = substitute(
    participants,
    'participants',
    substitution,
    (doc) => doc as unknown as LoadedParticipant,
  )

  return {
    before: { photos, statements, issuedStatements, participants },
    after: {
      photos: photosAfter,
      statements: statementsAfter,
      issuedStatements: issuedStatementsAfter,
      participants: participantsAfter,
    },
  }
}

/**
 * Loads everything the rules need for one document, with one query per collection whatever
 * the number of photos, quotes or participants.
 */
export async function loadGateContext(args: {
  req: PayloadRequest
  target: GateTarget
  doc: Record<string, unknown>
  slugs: GateSlugs
  ministryWording: RegExp[]
  quotations?: GateContext['quotations']
  now?: Date
}): Promise<GateContext> {
  const { req, target, doc, slugs } = args
  const references = referencesOf(target, doc, slugs, req)
  const { before } = await loadGateSources(req, slugs, [references])
  return {
    target,
    doc,
    now: args.now ?? new Date(),
    slugs,
    ...before,
    ministryWording: args.ministryWording,
    quotations: args.quotations,
    req,
    ...references,
  }
}
