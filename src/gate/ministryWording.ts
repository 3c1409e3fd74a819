/**
 * Words that mark a credit as a ministry's, in the languages of the region the desk covers.
 * Matched as whole words, case-insensitively.
 */
export const DEFAULT_MINISTRY_WORDING: (string | RegExp)[] = [
  'Ministry',
  'Ministries',
  'Minister',
  'Foreign Ministry',
  'MFA',
  'MoFA',
  'Ministerio',
  'Ministère',
  'Ministerium',
  'Bakanlığı',
  'Министерство',
  'Министерства',
  'МИД',
  'Министрлігі',
  'министрлігі',
  'Вазорати',
  'وزارة',
  'وزارت',
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Strings become whole-word, case-insensitive patterns; regular expressions are kept as given. */
export function compileMinistryWording(wording: (string | RegExp)[]): RegExp[] {
  return wording.map((item) =>
    item instanceof RegExp ? item : new RegExp(`(?<![\\p{L}\\p{N}])${escape(item)}(?![\\p{L}\\p{N}])`, 'iu'),
  )
}
