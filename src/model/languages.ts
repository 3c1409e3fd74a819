/** The English name of a language from its ISO 639-1 code (`ru` → Russian); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}

/**
 * A language as editors read it in a finding: its name with the code they type in the fields
 * (`Russian (ru)`), and any further remark inside the same brackets (`Russian (ru, original)`).
 */
export function languageLabel(code: string, remark?: string): string {
  const name = languageName(code)
  const inBrackets = [code, remark].filter(Boolean).join(', ')
  return name === code ? (remark ? `${code} (${remark})` : code) : `${name} (${inBrackets})`
}
