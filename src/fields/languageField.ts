import type { TextField } from 'payload'

/** The two-letter codes of ISO 639-1. */
export const LANGUAGE_CODES: ReadonlySet<string> = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el ' +
    'en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it ' +
    'iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt ' +
    'my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl ' +
    'sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo ' +
    'za zh zu'
  ).split(' '),
)

/**
 * Checks an ISO 639-1 language code: two lowercase letters naming a language (`en`, `ru`, `kk`).
 * An empty value passes unless the field is required.
 */
export function validateLanguageCode(value: unknown, { required = false }: { required?: boolean } = {}): true | string {
  if (value == null || value === '') {
    return required ? 'A language is required: give its ISO 639-1 code, such as "en" or "ru".' : true
  }
  const code = String(value)
  if (!/^[a-z]{2}$/.test(code)) {
    return `A language must be an ISO 639-1 code of two lowercase letters, such as "en" or "ru" (got "${code}").`
  }
  return LANGUAGE_CODES.has(code) ? true : `"${code}" is not an ISO 639-1 language code.`
}

export interface LanguageFieldOptions {
  /** @default 'language' */
  name?: string
  label?: string
  defaultValue?: string
  required?: boolean
  description?: string
  /** Admin layout, e.g. `{ position: 'sidebar' }` or a width inside a row. */
  admin?: TextField['admin']
}

/**
 * A text field holding an ISO 639-1 language code, trimmed on input and checked on save. A required
 * field with a default never starts empty, so only its check refuses an empty value: writers of
 * new documents may leave it out, and the field is optional in the generated types.
 */
export const languageField = ({
  name = 'language',
  label,
  defaultValue,
  required = false,
  description = 'ISO 639-1 code of the language, e.g. en, ru, kk, tr.',
  admin,
}: LanguageFieldOptions = {}): TextField =>
  ({
    name,
    type: 'text',
    ...(label ? { label } : {}),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    required: required && defaultValue === undefined,
    admin: { description, ...admin },
    hooks: {
      beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() || null : value)],
    },
    validate: (value: unknown) => validateLanguageCode(value, { required }),
  }) as TextField
