import type { CollectionConfig, Payload } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'

import { newsroomPlugin, type NewsroomPluginOptions } from '../../src/plugins/newsroom/index.ts'
import { createTestDatabase } from './database.ts'
import { RestClient } from './rest.ts'

/** A host app of its own (not the demo config) with the plugin set up with `options`. */
export async function startHostApp(
  label: string,
  options: NewsroomPluginOptions,
  hostCollections: CollectionConfig[] = [],
  {
    logLevel = 'warn',
    logDestination,
  }: { logLevel?: 'info' | 'warn' | 'fatal'; logDestination?: NodeJS.WritableStream } = {},
) {
  const database = await createTestDatabase(label)
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-host-${label}-`))
  const config = await buildConfig({
    secret: 'host-app-test',
    db: postgresAdapter({ pool: { connectionString: database.uri } }),
    editor: lexicalEditor(),
    sharp,
    logger: logDestination
      ? { options: { level: logLevel }, destination: logDestination as never }
      : { options: { level: logLevel } },
    collections: hostCollections,
    plugins: [
      newsroomPlugin({
        // The tests run the rights queue themselves when they need it.
        rightsExpiry: { autoRun: false },
        ...options,
        photos: { staticDir: mediaDir, ...options.photos },
      }),
    ],
  })
  const payload: Payload = await getPayload({ config, key: label } as Parameters<typeof getPayload>[0])
  return {
    payload,
    mediaDir,
    rest: new RestClient(config),
    close: async () => {
      await payload.destroy()
      fs.rmSync(mediaDir, { recursive: true, force: true })
    },
  }
}
