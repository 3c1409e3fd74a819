/** "Photo credit: …" as readers see it, built from the credit fields. */
export function creditText(
  credit: { line?: string | null; creator?: string | null } | null | undefined,
): string | undefined {
  const line = credit?.line?.trim()
  const creator = credit?.creator?.trim()
  if (line && creator && !line.toLowerCase().includes(creator.toLowerCase())) return `${creator} / ${line}`
  return line || creator || undefined
}

export const wikidataUrl = (id: string | null | undefined) => (id ? `https://www.wikidata.org/wiki/${id}` : undefined)
