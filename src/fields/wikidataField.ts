import type { TextField } from 'payload'

export function validateWikidataId(value: unknown): true | string {
  if (value == null || value === '') return true
  return /^Q[1-9]\d*$/.test(String(value))
    ? true
    : `A Wikidata id is "Q" followed by a number without leading zeros, e.g. Q232 (got "${String(value)}").`
}

export const wikidataField = (): TextField => ({
  name: 'wikidataId',
  type: 'text',
  label: 'Wikidata id',
  admin: { description: 'The Q-number of the item on Wikidata, e.g. Q232 for Kazakhstan.' },
  hooks: {
    beforeValidate: [
      ({ value }) => {
        if (typeof value !== 'string') return value
        // Editors often paste the whole URL; keep the id.
        const match = value.trim().match(/(Q\d+)\s*$/i)
        return match ? match[1]!.toUpperCase() : value.trim() || null
      },
    ],
  },
  validate: validateWikidataId,
})
