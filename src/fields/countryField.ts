import countries from 'i18n-iso-countries'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import type { TextField } from 'payload'

countries.registerLocale(english)

/** ISO 3166-1 alpha-2 codes (plus XK, the code in common use for Kosovo). */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort()

export function countryName(code: string): string | undefined {
  return countries.getName(code, 'en') ?? undefined
}

export function validateCountryCode(value: unknown): true | string {
  if (value == null || value === '') return true
  const code = String(value)
  if (!/^[A-Z]{2}$/.test(code)) {
    return `Country must be a two-letter ISO 3166-1 alpha-2 code such as "KZ" (got "${code}").`
  }
  return COUNTRY_CODES.includes(code) ? true : `"${code}" is not an ISO 3166-1 alpha-2 country code.`
}

export const countryField = (): TextField => ({
  name: 'country',
  type: 'text',
  index: true,
  admin: { description: 'ISO 3166-1 alpha-2 code, e.g. KZ for Kazakhstan, TR for Türkiye.' },
  hooks: {
    beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() || null : value)],
  },
  validate: validateCountryCode,
})
