/**
 * Content codings: which one a request accepts, the compressed forms of a body, and the ETag of
 * each form. A compressed form is a different representation (RFC 9110 8.8.3), so it gets its own
 * strong ETag: the identity ETag with `-br` or `-gz` inside the quotes.
 */
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import { ifNoneMatchHits } from '../delivery/publicRead.ts'

export type ContentCoding = 'br' | 'gzip' | 'identity'
export type Compression = Exclude<ContentCoding, 'identity'>

/** Bodies shorter than this are always sent as they are: compressing them saves next to nothing. */
export const COMPRESS_MIN_BYTES = 256

const ETAG_SUFFIX: Record<Compression, string> = { br: '-br', gzip: '-gz' }

/** The quality values a request's `Accept-Encoding` gives the codings this server can send. */
function acceptedQualities(header: string): { br: number; gzip: number; identity: number | undefined } {
  const explicit = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.split(';')
    const coding = name.trim().toLowerCase()
    if (!coding) continue
    let quality = 1
    for (const parameter of parameters) {
      const [key, value] = parameter.split('=').map((piece) => piece.trim())
      if (key?.toLowerCase() === 'q') {
        const parsed = Number(value)
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0
      }
    }
    explicit.set(coding === 'x-gzip' ? 'gzip' : coding, quality)
  }
  const star = explicit.get('*')
  return {
    br: explicit.get('br') ?? star ?? 0,
    gzip: explicit.get('gzip') ?? star ?? 0,
    identity: explicit.get('identity'),
  }
}

/**
 * The coding to send for an `Accept-Encoding` header: the compressed one with the highest quality
 * value (brotli on a tie, being smaller), unless `identity` is asked for with a higher one. No
 * header, or nothing acceptable, is identity: every client can read an uncompressed body.
 */
export function negotiateEncoding(header: string | undefined): ContentCoding {
  if (!header) return 'identity'
  const { br, gzip, identity } = acceptedQualities(header)
  const best: Compression | undefined = br > 0 && br >= gzip ? 'br' : gzip > 0 ? 'gzip' : undefined
  if (!best) return 'identity'
  return identity !== undefined && identity > (best === 'br' ? br : gzip) ? 'identity' : best
}

/** The ETag of a body's form in a coding. */
export function etagForCoding(etag: string, coding: ContentCoding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}${ETAG_SUFFIX[coding]}"`
}

/** Whether `If-None-Match` names this version in any of its codings. */
export function ifNoneMatchesAnyCoding(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return (
    ifNoneMatchHits(header, etag) ||
    ifNoneMatchHits(header, etagForCoding(etag, 'br')) ||
    ifNoneMatchHits(header, etagForCoding(etag, 'gzip'))
  )
}

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * A compressed form, made off the event loop's thread. Each is made once per version of a body and
 * then served many times, so the levels favour size: brotli 9 is within a few percent of 11 at a
 * fraction of its time.
 */
export function compress(body: Buffer, coding: Compression): Promise<Buffer> {
  return coding === 'br'
    ? brotli(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzip(body, { level: 9 })
}
