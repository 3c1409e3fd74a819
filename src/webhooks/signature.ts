import { createHmac, timingSafeEqual } from 'node:crypto'

/** The `X-Newsroom-Signature` value for a body: `sha256=` and the hex HMAC-SHA256 of its bytes. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/**
 * For receivers: whether a signature header matches the raw body. Compare against the body's
 * bytes as received, before parsing it.
 */
export function verifyWebhookSignature(body: string, signature: string | null | undefined, secret: string): boolean {
  if (!signature) return false
  const expected = Buffer.from(signWebhookBody(body, secret))
  const given = Buffer.from(signature.trim())
  return expected.length === given.length && timingSafeEqual(expected, given)
}
