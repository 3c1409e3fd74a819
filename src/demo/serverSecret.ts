/** Used only outside production, so a newcomer can start the CMS without configuring anything. */
export const DEVELOPMENT_SECRET = 'newsroom-development-secret-not-for-production'

/** Returns PAYLOAD_SECRET; production refuses to start without a real one. */
export function resolveSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.PAYLOAD_SECRET?.trim()
  if (env.NODE_ENV === 'production') {
    if (!secret || secret === DEVELOPMENT_SECRET || secret.length < 32) {
      throw new Error('PAYLOAD_SECRET must be set to a random value of at least 32 characters in production.')
    }
    return secret
  }
  return secret || DEVELOPMENT_SECRET
}
