import { randomBytes } from 'node:crypto'

/**
 * What `npm run dev` passes to the CMS when PAYLOAD_SECRET is unset, so a newcomer can start it
 * without configuring anything. The config itself never falls back to it: a worker or script that
 * forgets the variable must stop rather than sign sessions with a value published in this file.
 */
export const DEVELOPMENT_SECRET = 'newsroom-development-secret-not-for-production'

/**
 * The connection string `npm run generate:*` and the launcher's offline Payload commands give the
 * config (see scripts/offlineDatabase.ts): nothing can be read or signed against it.
 */
export const OFFLINE_DATABASE_URI = 'postgres://offline@127.0.0.1:1/offline'

/**
 * Returns PAYLOAD_SECRET, and refuses to go on without one. Production also refuses a short one
 * and the development secret.
 */
export function resolveSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.PAYLOAD_SECRET?.trim()
  if (!secret) {
    // Generating types or the import map only reads the config; a throwaway value signs nothing.
    if (env.DATABASE_URI === OFFLINE_DATABASE_URI) return randomBytes(32).toString('hex')
    throw new Error(
      'PAYLOAD_SECRET must be set: it signs every login. Give it a random value of at least 32 characters ' +
        '(e.g. `openssl rand -hex 32`). Only `npm run dev` provides a development secret by itself.',
    )
  }
  if (env.NODE_ENV === 'production' && (secret === DEVELOPMENT_SECRET || secret.length < 32)) {
    throw new Error('PAYLOAD_SECRET must be set to a random value of at least 32 characters in production.')
  }
  return secret
}
