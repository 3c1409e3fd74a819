import type { GateContext, GateRule, LoadedParticipant, LoadedPhoto, PhotoUse, RuleFinding } from '../types.ts'

import { isBlank, participantLabel, participantOf, photoLabel } from '../describe.ts'
import { creditFieldNoun, FILE_CREDIT_FIELDS } from '../../model/credit.ts'
import { idOf } from '../../model/documents.ts'
import { foldName } from '../text.ts'

/** Each photo once, with the first place it appears (where the editor is sent to fix it). */
export function photosInUse(context: GateContext): { photo: LoadedPhoto; use: PhotoUse }[] {
  const seen = new Set<string>()
  const result: { photo: LoadedPhoto; use: PhotoUse }[] = []
  for (const use of context.photoUses) {
    const photo = context.photos.get(String(use.photoId))
    if (!photo || seen.has(String(photo.id))) continue
    seen.add(String(photo.id))
    result.push({ photo, use })
  }
  return result
}

const photoRule = (
  rule: Omit<GateRule, 'check' | 'target'>,
  check: (photo: LoadedPhoto, context: GateContext) => string | undefined,
): GateRule => ({
  ...rule,
  target: 'articles',
  check: (context) =>
    photosInUse(context).flatMap(({ photo, use }): RuleFinding[] => {
      const problem = check(photo, context)
      return problem ? [{ path: use.path, message: `${photoLabel(photo)}, ${use.place}: ${problem}` }] : []
    }),
})

/** Does the credit line read as a ministry's, by the configured wording? */
export function namesAMinistry(line: string | null | undefined, wording: RegExp[]): boolean {
  if (!line) return false
  const text = line.normalize('NFC')
  return wording.some((pattern) => {
    pattern.lastIndex = 0 // a pattern built by hand with `g` or `y` would otherwise resume mid-text
    return pattern.test(text)
  })
}

/** A text as the words name matching compares: folded (case, accents, punctuation aside), then split. */
const foldedWords = (text: string): string[] => foldName(text).split(' ').filter(Boolean)

/** Where the words of `name` stand, as a run of whole words, in `words`: the index of each occurrence. */
function occurrences(words: string[], name: string | null | undefined): { start: number; end: number }[] {
  const wanted = name ? foldedWords(name) : []
  if (wanted.length === 0) return []
  const found: { start: number; end: number }[] = []
  for (let start = 0; start + wanted.length <= words.length; start += 1) {
    if (wanted.every((word, offset) => words[start + offset] === word))
      found.push({ start, end: start + wanted.length })
  }
  return found
}

const namesOf = (participant: LoadedParticipant): string[] =>
  [participant.name, participant.shortName, ...(participant.aliases ?? [])].filter(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  )

/** The credit line agrees with the issuer when it contains one of the issuer's names as a run of whole words. */
export function creditAgreesWithIssuer(line: string, names: (string | null | undefined)[]): boolean {
  const words = foldedWords(line)
  return names.some((name) => occurrences(words, name).length > 0)
}

/**
 * The kinds of participant whose names a credit line may not carry besides its issuer's: another
 * state, government or ministry. The gate loads every published participant of these kinds when an
 * article shows a credited photo (`loadGateSources`).
 */
export const CREDIT_RIVAL_KINDS = ['state', 'government', 'ministry'] as const

/** The issuer and those above it (its government, its state), by `parent`, as far as they are loaded. */
function issuerAndParents(context: GateContext, issuer: LoadedParticipant): Set<string> {
  const chain = new Set<string>()
  let current: LoadedParticipant | undefined = issuer
  while (current && !chain.has(String(current.id))) {
    chain.add(String(current.id))
    current = participantOf(context, idOf(current.parent))
  }
  return chain
}

/**
 * Other participants the credit line names besides its issuer: a published state, government or
 * ministry whose name, short name or alias stands in the line as whole words, not inside the words of
 * one of the issuer's own names. The issuer's own state and government (its parents, or a state or
 * government of its country) do not count. Each comes with the name the line uses, in the order of the line.
 */
export function otherParticipantsNamed(
  line: string,
  issuer: LoadedParticipant,
  context: GateContext,
): { participant: LoadedParticipant; as: string }[] {
  const words = foldedWords(line)
  const covered = new Array<boolean>(words.length).fill(false)
  for (const name of namesOf(issuer))
    for (const { start, end } of occurrences(words, name)) covered.fill(true, start, end)

  const own = issuerAndParents(context, issuer)
  const found: { participant: LoadedParticipant; as: string; at: number }[] = []
  for (const other of context.participants.values()) {
    if (own.has(String(other.id)) || other._status !== 'published') continue
    if (!(CREDIT_RIVAL_KINDS as readonly string[]).includes(other.kind ?? '')) continue
    if (other.kind !== 'ministry' && !isBlank(other.country) && other.country === issuer.country) continue
    // The first place the line names it outside the issuer's words, by whichever of its names.
    let first: { as: string; at: number } | undefined
    for (const name of namesOf(other)) {
      for (const { start, end } of occurrences(words, name)) {
        if (!covered.slice(start, end).includes(false)) continue
        if (!first || start < first.at || (start === first.at && name.length > first.as.length))
          first = { as: name, at: start }
      }
    }
    if (first) found.push({ participant: other, ...first })
  }
  return found.sort((a, b) => a.at - b.at).map(({ participant, as }) => ({ participant, as }))
}

export const photoCreditLine = photoRule(
  { id: 'photo-credit-line', defaultSeverity: 'error', description: 'Every photo in the article has a credit line.' },
  (photo) => (isBlank(photo.credit?.line) ? 'has no credit line. Add the credit as readers should see it.' : undefined),
)

export const photoCreditKind = photoRule(
  {
    id: 'photo-credit-kind',
    defaultSeverity: 'error',
    description: 'Every photo says what kind of credit it has (staff, agency, handout, …).',
  },
  (photo) =>
    isBlank(photo.credit?.kind)
      ? 'has no kind of credit. Choose staff, agency, handout, pool, freelance or archive.'
      : undefined,
)

export const photoHandoutIssuer = photoRule(
  { id: 'photo-handout-issuer', defaultSeverity: 'error', description: 'A handout photo names who handed it out.' },
  (photo) =>
    photo.credit?.kind === 'handout' && photo.credit.issuer == null
      ? 'is a handout but does not name its issuer. Choose the participant that handed it out.'
      : undefined,
)

export const ministryCredit = photoRule(
  {
    id: 'ministry-credit',
    defaultSeverity: 'error',
    description:
      'A credit that names a ministry is issued by that ministry: a published ministry participant with a country, whose name, short name or alias the credit line uses, and no other state, government or ministry.',
  },
  (photo, context) => {
    const credit = photo.credit ?? {}
    const issuer = participantOf(context, credit.issuer)
    const byWording = namesAMinistry(credit.line, context.ministryWording)
    if (!byWording && issuer?.kind !== 'ministry') return undefined

    const line = credit.line?.trim() ?? ''
    if (credit.issuer == null) {
      return `the credit “${line}” names a ministry but no issuer is set. Choose the ministry that handed the photo out.`
    }
    if (!issuer)
      return `its issuer (#${String(credit.issuer)}) no longer exists. Choose the ministry that handed the photo out.`
    if (issuer.kind !== 'ministry') {
      return `the credit “${line}” names a ministry but its issuer ${participantLabel(issuer)} is not a ministry (it is a ${issuer.kind ?? 'participant of no kind'}).`
    }
    if (issuer._status !== 'published')
      return `its issuer ${participantLabel(issuer)} is not published. Publish the ministry first.`
    if (isBlank(issuer.country))
      return `its issuer ${participantLabel(issuer)} has no country. Set the ministry's country.`
    if (!line) return undefined // photo-credit-line reports the missing line
    if (!creditAgreesWithIssuer(line, namesOf(issuer))) {
      const known = namesOf(issuer)
        .map((n) => `“${n}”`)
        .join(', ')
      return `the credit “${line}” does not match its issuer ${participantLabel(issuer)}. Use one of ${known}, or add the wording as an alias of the ministry if it is right.`
    }
    const others = otherParticipantsNamed(line, issuer, context)
    if (others.length > 0) {
      const named = others
        .map(({ participant, as }) => `“${as}” (${participantLabel(participant)}, a ${participant.kind})`)
        .join(', ')
      return `the credit “${line}” names ${named} besides its issuer ${participantLabel(issuer)}. A ministry's credit names that ministry alone: correct the credit line, or choose the right issuer.`
    }
    return undefined
  },
)

export const issuerConfirmed = photoRule(
  {
    id: 'issuer-confirmed',
    defaultSeverity: 'error',
    description:
      "An issuer the importer took from the file's own credit counts once a staff member has confirmed it (or chosen it by hand).",
  },
  (photo, context) => {
    const credit = photo.credit
    if (credit?.issuer == null || credit.issuerSource !== 'file' || !isBlank(credit.issuerConfirmedAt ?? undefined))
      return undefined
    const issuer = participantOf(context, credit.issuer)
    const who = issuer ? participantLabel(issuer) : `#${String(idOf(credit.issuer))}`
    return `its issuer ${who} was read from the file's own credit text and no one has confirmed it. Open the photo and confirm the issuer, or choose it by hand.`
  },
)

/** Every photo the article shows is there: a photo deleted after it was placed leaves a hole readers would see. */
export const photoExists: GateRule = {
  id: 'photo-exists',
  target: 'articles',
  defaultSeverity: 'error',
  description: 'Every photo the article shows still exists.',
  check: (context) => {
    const reported = new Set<string>()
    return context.photoUses.flatMap((use): RuleFinding[] => {
      const id = String(use.photoId)
      if (context.photos.has(id) || reported.has(id)) return []
      reported.add(id)
      return [
        {
          path: use.path,
          message: `Photo #${id}, ${use.place}: no longer exists (it was deleted). Choose another photo, or take this one out.`,
        },
      ]
    })
  },
}

export const photoRightsExpired = photoRule(
  { id: 'photo-rights-expired', defaultSeverity: 'error', description: 'The rights to a photo have not expired.' },
  (photo, context) => {
    const expires = photo.credit?.rightsExpireAt
    if (!expires) return undefined
    const date = new Date(expires)
    return date.getTime() <= context.now.getTime()
      ? `its rights expired on ${date.toISOString().slice(0, 10)}. Replace the photo or renew the rights.`
      : undefined
  },
)

export const photoAlt = photoRule(
  { id: 'photo-alt', defaultSeverity: 'error', description: 'Every photo has alt text for readers who cannot see it.' },
  (photo) => (isBlank(photo.alt) ? 'has no alt text. Describe what the photo shows.' : undefined),
)

/**
 * A credit written into a caption: "Photo:", "Photo credit:", "Photograph:", "Credit:" or "Photo by"
 * ("Photograph by"), at the start of the caption or of a sentence (after ". ", "! ", "? ", "; ", a dash,
 * a bar, an opening bracket or a new line), and the credit after it to the end of the caption.
 */
const CAPTION_CREDIT =
  /(?:^|[.!?;|\u2013\u2014(]\s*|\s-\s+|\n\s*)(?:(?:photo(?:graph)?\s*(?:credit\s*)?|credit\s*):|photo(?:graph)?\s+(by)\s)\s*(.+?)[\s.)]*$/iu

/**
 * The credit a caption writes, if any. After "by" it must read as a name, not as the rest of a
 * sentence: it starts with a capital letter, a digit or a letter of a script without case ("Photo by
 * Anadolu Agency", not "photo by the fountain").
 */
export function captionCredit(caption: string | null | undefined): string | undefined {
  const match = caption?.match(CAPTION_CREDIT)
  if (!match) return undefined
  const [, byForm, credit] = match
  if (!credit) return undefined
  if (byForm && /^\p{Ll}/u.test(credit)) return undefined
  return credit
}

export const captionCreditMismatch = photoRule(
  {
    id: 'caption-credit-mismatch',
    defaultSeverity: 'warning',
    description: 'A credit written into the caption agrees with the credit line.',
  },
  (photo) => {
    const inCaption = captionCredit(photo.caption)
    if (!inCaption) return undefined
    const line = photo.credit?.line ?? ''
    return foldName(inCaption) === foldName(line)
      ? undefined
      : `the caption credits “${inCaption}” but the credit line is “${line}”. Make them agree, or drop the credit from the caption.`
  },
)

export const photoNotDistributable = photoRule(
  {
    id: 'photo-not-distributable',
    defaultSeverity: 'warning',
    description: 'Photos in the article may be passed on to partners.',
  },
  (photo) =>
    photo.credit?.distributable === false
      ? 'is marked as not distributable; partners and syndication must not receive it.'
      : undefined,
)

export const creditDiffersFromFile = photoRule(
  {
    id: 'credit-differs-from-file',
    defaultSeverity: 'warning',
    description: 'A credit the desk changed differs from the one embedded in the file.',
  },
  (photo) => {
    const embedded = photo.embeddedMetadata ?? {}
    const differences = FILE_CREDIT_FIELDS.flatMap(({ name }) => {
      const fromFile = embedded[name]
      const current = photo.credit?.[name]
      if (!fromFile || !current || current.trim() === fromFile) return []
      return [`${creditFieldNoun(name)} “${current}” (the file says “${fromFile}”)`]
    })
    return differences.length
      ? `the desk changed the ${differences.join('; ')}. Check that the change is right.`
      : undefined
  },
)

export const photoMetadataUnreadable = photoRule(
  {
    id: 'photo-metadata-unreadable',
    defaultSeverity: 'warning',
    description: 'The metadata embedded in a photo could be read.',
  },
  (photo) =>
    photo.embeddedMetadata?.status === 'unreadable'
      ? `its embedded metadata could not be read${photo.embeddedMetadata.error ? ` (${photo.embeddedMetadata.error})` : ''}; enter the credit by hand.`
      : undefined,
)

export const photoRules: GateRule[] = [
  photoExists,
  photoCreditLine,
  photoCreditKind,
  photoHandoutIssuer,
  ministryCredit,
  issuerConfirmed,
  photoRightsExpired,
  photoAlt,
  captionCreditMismatch,
  photoNotDistributable,
  creditDiffersFromFile,
  photoMetadataUnreadable,
]
