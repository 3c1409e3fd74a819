import { createHash } from 'node:crypto'

/** What signed-in users read, and drafts: never stored by a browser or a shared cache. */
export const PRIVATE_NO_STORE = 'private, no-store'

/**
 * Whether an `If-None-Match` header matches a strong ETag. The comparison is weak, as RFC 9110
 * asks for this header: `W/"x"` matches `"x"`, and `*` matches any current representation.
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false
  const tag = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => {
    const trimmed = candidate.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === tag
  })
}

/** A quoted strong ETag from a snapshot's hash, distinct per representation (and per origin when it is part of the body). */
export function strongEtag(hash: string, representation: string, origin?: string): string {
  const originPart = origin ? `-${createHash('sha256').update(origin).digest('base64url').slice(0, 8)}` : ''
  return `"${hash}-${representation}${originPart}"`
}
