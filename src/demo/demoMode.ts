import type { SeedOptions } from './seedDemoNewsroom.ts'

/**
 * The one switch for the demo newsroom. `npm run dev` sets it for the CMS it starts; nothing else
 * does, so a production start, a worker or a script that loads the config seeds nothing unless
 * someone asks for the demo by name.
 */
export const DEMO_VARIABLE = 'NEWSROOM_DEMO'

export function demoRequested(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes)$/i.test(env[DEMO_VARIABLE]?.trim() ?? '')
}

/**
 * What to seed on start, or null for nothing. Demo logins have published passwords, so even an
 * explicit request does not create them in production.
 */
export function demoSeedOptions(env: NodeJS.ProcessEnv): SeedOptions | null {
  if (!demoRequested(env)) return null
  return { withDemoLogins: env.NODE_ENV !== 'production' }
}
