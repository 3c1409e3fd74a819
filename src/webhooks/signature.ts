import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signing follows the Standard Webhooks specification (https://www.standardwebhooks.com): each
 * attempt carries `webhook-id`, `webhook-timestamp` and `webhook-signature`, and the signature
 * covers all three, so a captured delivery cannot be re-dated or passed off as another one.
 */

const SECRET_PREFIX = 'whsec_'
const SIGNATURE_VERSION = 'v1'

/** How far a `webhook-timestamp` may be from the receiver's clock, either way, by default: 5 minutes. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 5 * 60

/**
 * The HMAC key a configured secret stands for. A `whsec_` secret is the spec's form: the bytes are
 * base64 after the prefix. Any other string is used as its UTF-8 bytes, the key such secrets
 * always were, so the secrets configured before the spec was followed keep their meaning.
 */
export function webhookSigningKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) return Buffer.from(secret, 'utf8')
  const encoded = secret.slice(SECRET_PREFIX.length)
  const key = Buffer.from(encoded, 'base64')
  // Node's decoder skips what it cannot read; a secret that does not round-trip would sign with
  // a key the receiver's library (strict, padded base64) never derives, and fail every delivery.
  if (key.length === 0 || key.toString('base64') !== encoded) {
    throw new Error(
      'The webhook secret starts with "whsec_" but what follows is not padded standard base64: ' +
        'copy the whole secret, or use a secret without the prefix.',
    )
  }
  return key
}

/**
 * The `webhook-signature` value of one attempt: `v1,` and the base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` under the secret's key (see `webhookSigningKey`).
 *
 * @param id the `webhook-id` header
 * @param timestamp the `webhook-timestamp` header: whole seconds since the epoch
 */
export function signWebhookBody(id: string, timestamp: number, body: string, secret: string): string {
  const mac = createHmac('sha256', webhookSigningKey(secret)).update(`${id}.${timestamp}.${body}`, 'utf8')
  return `${SIGNATURE_VERSION},${mac.digest('base64')}`
}

/**
 * The deprecated `X-Newsroom-Signature` value: `sha256=` and the hex HMAC-SHA256 of the body alone,
 * keyed with the configured string exactly as before. It has no timestamp, so it does not stop
 * replays; it is still sent only so that receivers can move to `webhook-signature` at their pace.
 */
export function legacyBodySignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** Request headers as a receiver has them: a Fetch `Headers`, Node's `IncomingHttpHeaders`, or a plain object. */
export type WebhookHeaders = { get(name: string): string | null } | Record<string, string | string[] | undefined>

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined
  const record = headers as Record<string, string | string[] | undefined>
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name)
  const value = key === undefined ? undefined : record[key]
  // Node keeps a repeated header as an array; the signature list is space-separated either way.
  return Array.isArray(value) ? value.join(' ') : value
}

/**
 * For receivers without the `standardwebhooks` library: whether a request is a genuine, current
 * delivery. Checks `webhook-signature` against the raw body (as received, before parsing it),
 * `webhook-id` and `webhook-timestamp`, and refuses a timestamp further than `toleranceSeconds`
 * from this machine's clock, in the past (a replay) or the future. A replay inside the window
 * has a valid signature: remember the `webhook-id`s seen for at least the window to refuse it.
 *
 * @param secret the same secret the CMS signs with, in either form (see `webhookSigningKey`)
 * @param options.toleranceSeconds @default 300 (5 minutes, as the `standardwebhooks` library)
 */
export function verifyWebhookSignature(
  body: string,
  headers: WebhookHeaders,
  secret: string,
  options: { toleranceSeconds?: number } = {},
): boolean {
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`toleranceSeconds must be a number of seconds, 0 or more; got ${tolerance}.`)
  }
  const id = header(headers, 'webhook-id')
  const timestampHeader = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (!id || !timestampHeader || !signatures || !/^\d{1,15}$/.test(timestampHeader)) return false
  const timestamp = Number(timestampHeader)
  if (Math.abs(Math.floor(Date.now() / 1000) - timestamp) > tolerance) return false

  const expected = Buffer.from(signWebhookBody(id, timestamp, body, secret))
  // Several signatures are sent while a secret is rotated; any one of ours is enough.
  return signatures
    .split(' ')
    .map((given) => Buffer.from(given.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected))
}
