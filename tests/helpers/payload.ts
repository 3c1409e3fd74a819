import type { Payload, SanitizedConfig } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getPayload } from 'payload'

import { DEMO_VARIABLE } from '../../src/demo/demoMode.ts'
import { createTestDatabase } from './database.ts'
import { RestClient } from './rest.ts'

export interface TestApp {
  payload: Payload
  config: SanitizedConfig
  rest: RestClient
  mediaDir: string
  databaseUri: string
  close: () => Promise<void>
}

/**
 * Boots the demo app's own payload.config.ts against a fresh database of this test file,
 * with uploads in a temporary folder. `seed` asks for the demo newsroom and its logins, as
 * `npm run dev` does; without it the app starts empty, as in production.
 */
export async function startTestApp(label: string, { seed = false }: { seed?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase(label)
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-media-${label}-`))
  process.env.DATABASE_URI = database.uri
  process.env.MEDIA_DIR = mediaDir
  process.env[DEMO_VARIABLE] = seed ? '1' : '0'
  // The config has no secret of its own to fall back to.
  process.env.PAYLOAD_SECRET = 'test-secret'
  process.env.LOG_LEVEL ??= 'warn'

  const { default: configPromise } = await import('../../payload.config.ts')
  const config = await configPromise
  const payload = await getPayload({ config })
  return {
    payload,
    config,
    rest: new RestClient(config),
    mediaDir,
    databaseUri: database.uri,
    close: async () => {
      await payload.destroy()
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}

export async function createUser(payload: Payload, email: string, roles: ('admin' | 'editor' | 'writer')[]) {
  return payload.create({
    collection: 'users',
    data: { email, password: `${email}-password`, roles },
    overrideAccess: true,
  })
}
