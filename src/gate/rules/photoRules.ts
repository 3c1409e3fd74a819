import type { GateContext, GateRule, LoadedPhoto, PhotoUse, RuleFinding } from '../types.ts'

import { isBlank, participantLabel, participantOf, photoLabel } from '../describe.ts'
import { creditFieldNoun, FILE_CREDIT_FIELDS } from '../../model/credit.ts'
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
  return wording.some((pattern) => pattern.test(line))
}

/** The credit line agrees with the issuer when it is, or contains, one of the issuer's names. */
export function creditAgreesWithIssuer(line: string, names: (string | null | undefined)[]): boolean {
  const credit = ` ${foldName(line)} `
  return names.some((name) => {
    if (!name || !name.trim()) return false
    return credit.includes(` ${foldName(name)} `)
  })
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
      'A credit that names a ministry is issued by that ministry: a published ministry participant with a country, whose name, short name or alias the credit line uses.',
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
    if (!creditAgreesWithIssuer(line, [issuer.name, issuer.shortName, ...(issuer.aliases ?? [])])) {
      const known = [issuer.name, issuer.shortName, ...(issuer.aliases ?? [])]
        .filter(Boolean)
        .map((n) => `“${n}”`)
        .join(', ')
      return `the credit “${line}” does not match its issuer ${participantLabel(issuer)}. Use one of ${known}, or add the wording as an alias of the ministry if it is right.`
    }
    return undefined
  },
)

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

/** "Photo credit: X", "Photo: X", "Photograph by X" at the end of a caption. */
const CAPTION_CREDIT = /(?:photo(?:graph)?\s*(?:credit)?\s*(?::|by)|credit\s*:)\s*(.+?)\s*\.?\s*$/i

export const captionCreditMismatch = photoRule(
  {
    id: 'caption-credit-mismatch',
    defaultSeverity: 'warning',
    description: 'A credit written into the caption agrees with the credit line.',
  },
  (photo) => {
    const inCaption = photo.caption?.match(CAPTION_CREDIT)?.[1]
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
  photoCreditLine,
  photoCreditKind,
  photoHandoutIssuer,
  ministryCredit,
  photoRightsExpired,
  photoAlt,
  captionCreditMismatch,
  photoNotDistributable,
  creditDiffersFromFile,
  photoMetadataUnreadable,
]
