/**
 * A photo's credit as fields: the credit group, and the record of what the file carried, both
 * built from the one list in `model/credit.ts`. The guard on published credits reads the names
 * from the group itself.
 */
import type { CollectionSlug, Field, GroupField, TextareaField, TextField } from 'payload'

import type { FileCreditField } from '../model/documents.ts'

import { COMPONENT_PATHS } from '../components/paths.ts'
import { CREDIT_KINDS, type EmbeddedField, FILE_CREDIT_FIELDS } from '../model/credit.ts'

/** Shows, under a field, whether its value came from the file. */
export const provenanceNote = (field: EmbeddedField, fieldPath: string) => ({
  afterInput: [{ path: COMPONENT_PATHS.creditProvenance, clientProps: { field, fieldPath } }],
})

type FileCreditFieldConfig = TextField | TextareaField

/** One of the file-carried credit fields as the form shows it, with its provenance note. */
function fileCreditField(name: FileCreditField, admin: Record<string, unknown> = {}): FileCreditFieldConfig {
  const definition = FILE_CREDIT_FIELDS.find((field) => field.name === name)!
  return {
    name,
    type: definition.type,
    label: definition.label,
    admin: { ...admin, components: provenanceNote(name, `credit.${name}`) },
  } as FileCreditFieldConfig
}

/** Who chose the issuer: the importer, from the file's own credit text, or the desk. */
export const ISSUER_SOURCES = [
  { label: 'From the file (to confirm)', value: 'file' },
  { label: 'Chosen by the desk', value: 'desk' },
] as const

/** Kept by the plugin (the importer, a choice in the admin, the confirm endpoint); nobody writes them directly. */
const keptByThePlugin = { create: () => false, update: () => false }

/** The `credit` group of a photo. */
export const creditGroupField = (participantsSlug: string, usersSlug = 'users'): GroupField => ({
  name: 'credit',
  type: 'group',
  admin: { description: 'Who took the photo and who handed it out. Shown with the photo wherever it is published.' },
  fields: [
    fileCreditField('line', { description: 'The credit as readers see it, e.g. “Ministry of Foreign Affairs”.' }),
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          options: [...CREDIT_KINDS],
          admin: {
            width: '50%',
            components: {
              afterInput: [
                { path: COMPONENT_PATHS.creditProvenance, clientProps: { field: 'kind', fieldPath: 'credit.kind' } },
              ],
            },
          },
        },
        {
          name: 'issuer',
          type: 'relationship',
          relationTo: participantsSlug as CollectionSlug,
          admin: {
            width: '50%',
            description: 'Who handed the photo out (required for handouts).',
            components: { afterInput: [{ path: COMPONENT_PATHS.issuerConfirmation }] },
          },
        },
      ],
    },
    {
      name: 'issuerSource',
      type: 'select',
      options: [...ISSUER_SOURCES],
      access: keptByThePlugin,
      admin: { hidden: true },
    },
    {
      name: 'issuerConfirmedBy',
      type: 'relationship',
      relationTo: usersSlug as CollectionSlug,
      access: keptByThePlugin,
      admin: { hidden: true },
    },
    { name: 'issuerConfirmedAt', type: 'date', access: keptByThePlugin, admin: { hidden: true } },
    {
      type: 'row',
      fields: [fileCreditField('creator', { width: '50%' }), fileCreditField('source', { width: '50%' })],
    },
    fileCreditField('copyright'),
    fileCreditField('usageTerms'),
    {
      type: 'row',
      fields: [
        {
          name: 'rightsExpireAt',
          type: 'date',
          label: 'Rights expire at',
          admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'distributable',
          type: 'checkbox',
          defaultValue: true,
          admin: { width: '50%', description: 'May be passed on to partners and syndication.' },
        },
      ],
    },
  ],
})

/** The read-only record of what the file carried when it was uploaded. */
export const embeddedMetadataField = (): GroupField => ({
  name: 'embeddedMetadata',
  type: 'group',
  label: 'Embedded in the file',
  admin: {
    position: 'sidebar',
    description: 'The credit the file carried when it was uploaded (XMP or IPTC). Kept as it was, for comparison.',
  },
  fields: [
    {
      name: 'status',
      type: 'select',
      options: [
        { label: 'Read', value: 'read' },
        { label: 'No credit in the file', value: 'none' },
        { label: 'Could not be read', value: 'unreadable' },
      ],
      admin: { readOnly: true },
    },
    { name: 'error', type: 'text', admin: { readOnly: true, condition: (_, sibling) => Boolean(sibling?.error) } },
    ...FILE_CREDIT_FIELDS.map(({ name, label, type }) => ({ name, label, type, admin: { readOnly: true } }) as Field),
    { name: 'caption', label: 'Caption', type: 'textarea', admin: { readOnly: true } },
    {
      name: 'kind',
      label: 'Kind of credit the file suggests',
      type: 'select',
      options: [...CREDIT_KINDS],
      admin: {
        readOnly: true,
        description:
          'Read from the wire agencies’ conventions: “HO” or “Handout” for a handout, “POOL” for a pool photo.',
      },
    },
    {
      name: 'truncated',
      type: 'text',
      hasMany: true,
      label: 'Cut by IPTC-IIM',
      admin: {
        readOnly: true,
        description: 'Fields whose IIM copy fills IIM’s maximum length; the XMP value, when present, is kept whole.',
      },
    },
  ],
})
