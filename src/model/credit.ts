/**
 * The fields of a photo's credit that a file can carry too (XMP, IPTC-IIM): the one list the form,
 * the file reader, the record of what the file carried and the gate's messages are built from.
 */
import type { FileCreditField } from './documents.ts'

export const FILE_CREDIT_FIELDS: readonly { name: FileCreditField; label: string; type: 'text' | 'textarea' }[] = [
  { name: 'line', label: 'Credit line', type: 'text' },
  { name: 'creator', label: 'Photographer', type: 'text' },
  { name: 'source', label: 'Source', type: 'text' },
  { name: 'copyright', label: 'Copyright notice', type: 'text' },
  { name: 'usageTerms', label: 'Usage terms', type: 'textarea' },
]

/** What a file can carry: the credit's text fields and the caption. */
export type EmbeddedField = FileCreditField | 'caption'
export const EMBEDDED_FIELDS: readonly EmbeddedField[] = [...FILE_CREDIT_FIELDS.map((field) => field.name), 'caption']

/** How messages name a credit field: "credit line", "photographer", … */
export const creditFieldNoun = (name: FileCreditField): string =>
  (FILE_CREDIT_FIELDS.find((field) => field.name === name)?.label ?? name).toLowerCase()

/** The kinds of credit a photo can have. */
export const CREDIT_KINDS = [
  { label: 'Staff', value: 'staff' },
  { label: 'Agency', value: 'agency' },
  { label: 'Handout', value: 'handout' },
  { label: 'Pool', value: 'pool' },
  { label: 'Freelance', value: 'freelance' },
  { label: 'Archive', value: 'archive' },
] as const

export type CreditKind = (typeof CREDIT_KINDS)[number]['value']
