import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { migrations } from './src/migrations/index.ts'
import { newsroomPlugin } from './src/plugins/newsroom/index.ts'
import { seedDemoNewsroom } from './src/demo/seedDemoNewsroom.ts'
import { resolveSecret } from './src/demo/serverSecret.ts'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const databaseUri = process.env.DATABASE_URI
if (!databaseUri) {
  throw new Error(
    'DATABASE_URI is not set. Start the CMS with `npm run dev` (it starts an embedded PostgreSQL) ' +
      'or set DATABASE_URI=postgres://user:password@host:5432/database.',
  )
}

export default buildConfig({
  secret: resolveSecret(process.env),
  serverURL: process.env.SERVER_URL || undefined,
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
    }),
  ],
  jobs: {
    // Runs scheduled publishing (and other queued jobs) every minute on a long-running server.
    // Tests run the queue themselves.
    autoRun: process.env.VITEST ? [] : [{ cron: '* * * * *', queue: 'default' }],
  },
  onInit: async (payload) => {
    if (process.env.NEWSROOM_SEED === 'false') return
    await seedDemoNewsroom(payload, { withDemoLogins: process.env.NODE_ENV !== 'production' })
  },
})
