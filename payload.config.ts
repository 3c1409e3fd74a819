import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { migrations } from './src/migrations/index.ts'
import { newsroomPlugin } from './src/plugins/newsroom/index.ts'
import { demoSeedOptions } from './src/demo/demoMode.ts'
import { seedDemoNewsroom } from './src/demo/seedDemoNewsroom.ts'
import { resolveSecret } from './src/demo/serverSecret.ts'
import { trustedOrigins } from './src/demo/trustedOrigins.ts'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const databaseUri = process.env.DATABASE_URI
if (!databaseUri) {
  throw new Error(
    'DATABASE_URI is not set. Start the CMS with `npm run dev` (it starts an embedded PostgreSQL) ' +
      'or set DATABASE_URI=postgres://user:password@host:5432/database.',
  )
}

const origins = trustedOrigins(process.env)

export default buildConfig({
  secret: resolveSecret(process.env),
  serverURL: process.env.SERVER_URL || undefined,
  // A session cookie sent from a page of any other origin is ignored, so another site cannot write
  // with an editor's login; and only these origins get CORS headers, so browsers let no other page
  // read the API's answers. Two copies, because Payload appends serverURL to the `csrf` array.
  csrf: [...origins],
  cors: [...origins],
  admin: {
    user: 'users',
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' · Newsroom' },
  },
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: databaseUri },
    migrationDir: path.resolve(dirname, 'src/migrations'),
    // Development pushes the schema; production applies the committed migrations on start.
    prodMigrations: migrations,
  }),
  sharp,
  // LOG_LEVEL=warn quiets the log (the tests use it); unset keeps Payload's readable default.
  ...(process.env.LOG_LEVEL ? { logger: { options: { level: process.env.LOG_LEVEL } } } : {}),
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  plugins: [
    newsroomPlugin({
      photos: { staticDir: path.resolve(dirname, process.env.MEDIA_DIR || 'media') },
      // Frontends and CDNs to tell of publishes, comma-separated; signed with NEWSROOM_WEBHOOK_SECRET.
      webhooks: {
        endpoints: (process.env.NEWSROOM_WEBHOOK_URLS ?? '')
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      },
      // The tests run the queue themselves, as for the jobs below.
      rightsExpiry: { autoRun: process.env.VITEST ? false : undefined },
    }),
  ],
  jobs: {
    // Runs scheduled publishing (and other queued jobs) every minute on a long-running server.
    // Tests run the queue themselves.
    autoRun: process.env.VITEST ? [] : [{ cron: '* * * * *', queue: 'default' }],
  },
  onInit: async (payload) => {
    if (process.env.NODE_ENV === 'production' && !process.env.SERVER_URL) {
      payload.logger.warn(
        `SERVER_URL is not set: signed-in editors can work only from ${origins.join(', ')}. ` +
          'Set SERVER_URL to the public origin of the CMS (and ALLOWED_ORIGINS to your frontends).',
      )
    }
    const seed = demoSeedOptions(process.env)
    if (seed) await seedDemoNewsroom(payload, seed)
  },
})
