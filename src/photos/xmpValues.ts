/**
 * XMP values as text. XMP is XML: a value may hold entity and character references ("Smith &amp;
 * Jones", "&#x41;"), and a language alternative (`rdf:Alt`) holds one value per language. The XMP
 * parser hands both over as written, so they are decoded here.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Whether a code point may stand in an XML document (XML 1.0, section 2.2). */
function allowedInXml(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  )
}

/**
 * Replaces XML's five entity references and the numeric character references (`&#65;`, `&#x41;`)
 * by the characters they stand for, in one pass, so "&amp;lt;" becomes "&lt;", not "<". A
 * reference XML does not allow (an unknown entity, a code point such as 0 or a lone surrogate) is
 * left as written.
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z]+));/g, (whole, hex, decimal, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name as string] ?? whole
    const codePoint = hex !== undefined ? parseInt(hex as string, 16) : parseInt(decimal as string, 10)
    return allowedInXml(codePoint) ? String.fromCodePoint(codePoint) : whole
  })
}

/** An XMP value as the parser returns it: text, a language alternative's item, or a list of either. */
export type XmpValue = string | number | boolean | { value?: unknown; lang?: unknown } | XmpValue[] | null | undefined

const isLanguageItem = (item: unknown): item is { value?: unknown; lang?: unknown } =>
  typeof item === 'object' && item !== null && !Array.isArray(item) && 'lang' in item

const textOf = (value: unknown): string | undefined => {
  if (value == null || typeof value === 'object') return undefined
  const text = decodeXmlText(String(value)).trim()
  return text || undefined
}

/**
 * The text of an XMP value. A language alternative gives its `x-default` item, else its first; a
 * list (`rdf:Seq`, `rdf:Bag`, e.g. several creators) gives its items joined with ", ".
 */
export function xmpText(value: XmpValue): string | undefined {
  if (value == null) return undefined
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isLanguageItem)) {
      const chosen = value.find((item) => String(item.lang).toLowerCase() === 'x-default') ?? value[0]!
      return textOf(chosen.value)
    }
    const texts = value.map((item) => xmpText(item)).filter((text): text is string => Boolean(text))
    return texts.length ? texts.join(', ') : undefined
  }
  if (typeof value === 'object') return xmpText(value.value as XmpValue)
  return textOf(value)
}
