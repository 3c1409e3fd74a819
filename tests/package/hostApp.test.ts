import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestDatabase } from '../helpers/database.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ours = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string
  devDependencies: Record<string, string>
}
const version = (name: string) => ours.devDependencies[name]!

/** The environment of a separate process: without the test runner's own variables. */
const outsideEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(key)),
)

/** Runs a command; a failure carries the command's own output. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      // As the README asks of a host on Node 20 for scripts that load Payload outside Next.js.
      env: {
        ...outsideEnv,
        NODE_OPTIONS: '--no-deprecation --conditions=development',
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${String(stdout ?? '').slice(-4000)}\n${String(stderr ?? '').slice(-4000)}`,
      { cause: error },
    )
  }
}

const HOST_CONFIG = `import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { newsroomPlugin } from 'payload-plugin-newsroom'
import sharp from 'sharp'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: 'host-app-secret',
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URI } }),
  editor: lexicalEditor(),
  sharp,
  admin: { importMap: { baseDir: dirname, importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js') } },
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  logger: { options: { level: 'warn' } },
  collections: [{ slug: 'pages', fields: [{ name: 'title', type: 'text' }] }],
  plugins: [newsroomPlugin({ photos: { staticDir: path.resolve(dirname, 'media') } })],
})
`

/**
 * What `payload generate:importmap` and `payload generate:types` do, with the host's config imported
 * statically: on Node 20 the CLI's own on-the-fly import of a TypeScript config sometimes never
 * finishes and the process ends with exit code 0 without writing anything.
 */
const HOST_GENERATE = `import { generateImportMap } from 'payload'
import { generateTypes } from 'payload/node'
import configPromise from './payload.config.ts'

const config = await configPromise
await generateImportMap(config)
await generateTypes(config)
process.exit(0)
`

/** Runs inside the host: the plugin's collections, its gate and its preflight endpoint, for real. */
const HOST_CHECK = `import { REST_GET } from '@payloadcms/next/routes'
import { getPayload } from 'payload'
import sharp from 'sharp'
import config from './payload.config.ts'

const payload = await getPayload({ config })
const result = { collections: Object.keys(payload.collections) }
const page = await payload.create({ collection: 'pages', data: { title: 'Host page' } })
result.hostCollectionWorks = page.title === 'Host page'
await payload.create({ collection: 'users', data: { email: 'editor@host.test', password: 'host-password', roles: ['editor'] } })
const { token } = await payload.login({ collection: 'users', data: { email: 'editor@host.test', password: 'host-password' } })
const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#335577' } }).jpeg().toBuffer()
const photo = await payload.create({ collection: 'photos', data: { alt: 'Uncredited' }, file: { data, mimetype: 'image/jpeg', name: 'host.jpg', size: data.length } })
const article = await payload.create({ collection: 'articles', data: { title: 'Host article', byline: 'Desk', dateline: 'ASTANA', heroPhoto: photo.id, _status: 'draft' }, draft: true })
try {
  await payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } })
  result.publish = 'published'
} catch (error) {
  result.publish = { refused: true, errors: error.data?.errors }
}
const response = await REST_GET(config)(
  new Request('http://localhost/api/articles/' + article.id + '/preflight', { headers: { Authorization: 'JWT ' + token } }),
  { params: Promise.resolve({ slug: ['articles', String(article.id), 'preflight'] }) },
)
result.preflight = { status: response.status, body: await response.json() }
// The delivery server, from the package's own entry, on the host's database.
const { createDeliveryServer } = await import('payload-plugin-newsroom/delivery')
const delivery = createDeliveryServer({ databaseUri: process.env.DATABASE_URI, logger: false })
const { url } = await delivery.listen(0, '127.0.0.1')
const latest = await fetch(url + '/api/articles/latest')
result.delivery = { status: latest.status, body: await latest.json(), keys: latest.headers.get('surrogate-key') }
await delivery.close()
console.log('HOST-RESULT ' + JSON.stringify(result))
await payload.destroy()
process.exit(0)
`

describe('the packed plugin in a fresh host app', () => {
  let host: string
  let packDir: string

  beforeAll(async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-pack-'))
    host = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-host-'))
    run('npm', ['run', '--silent', 'build:plugin'], root)
    const packed = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], root),
    ) as { filename: string; files: { path: string }[] }[]
    const tarball = path.join(packDir, packed[0]!.filename)
    const files = packed[0]!.files.map((f) => f.path)
    expect(files).toContain('dist/plugins/newsroom/index.js')
    // The package is the plugin alone: no demo seed or pages, no body builders, no development database.
    expect(
      files.filter((file) =>
        /^dist\/(demo|seed|lexical|app)\/|embeddedPostgres|lexicalBuilders|seedDemo|serverSecret/.test(file),
      ),
    ).toEqual([])
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/options/types.js',
        'dist/endpoints/articleDelivery.js',
        'dist/article/inventory.js',
        'dist/deliveryServer/index.js',
      ]),
    )
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false)

    const dependencies: Record<string, string> = { 'payload-plugin-newsroom': `file:${tarball}` }
    for (const name of [
      'payload',
      '@payloadcms/db-postgres',
      '@payloadcms/richtext-lexical',
      '@payloadcms/ui',
      '@payloadcms/next',
      'next',
      'react',
      'react-dom',
      'graphql',
      'sharp',
      'tsx',
      'typescript',
    ]) {
      dependencies[name] = version(name)
    }
    fs.writeFileSync(
      path.join(host, 'package.json'),
      JSON.stringify({ name: 'newsroom-host-app', private: true, type: 'module', dependencies }, null, 2),
    )
    fs.writeFileSync(
      path.join(host, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            module: 'esnext',
            moduleResolution: 'bundler',
            target: 'ES2022',
            strict: true,
            skipLibCheck: true,
            allowImportingTsExtensions: true,
            noEmit: true,
            jsx: 'react-jsx',
          },
          include: ['payload.config.ts', 'payload-types.ts'],
        },
        null,
        2,
      ),
    )
    fs.writeFileSync(path.join(host, 'payload.config.ts'), HOST_CONFIG)
    fs.writeFileSync(path.join(host, 'check.ts'), HOST_CHECK)
    fs.writeFileSync(path.join(host, 'generate.ts'), HOST_GENERATE)
    // Payload fills an existing import map file, as in a new app made from its templates.
    fs.mkdirSync(path.join(host, 'app/(payload)/admin'), { recursive: true })
    fs.writeFileSync(path.join(host, 'app/(payload)/admin/importMap.js'), 'export const importMap = {}\n')
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], host)
  }, 600_000)

  afterAll(() => {
    if (host) fs.rmSync(host, { recursive: true, force: true })
    if (packDir) fs.rmSync(packDir, { recursive: true, force: true })
  })

  it('generates the import map and types with the plugin’s components and collections', async () => {
    const { uri } = await createTestDatabase('package_host_types')
    const importMapFile = path.join(host, 'app/(payload)/admin/importMap.js')
    const typesFile = path.join(host, 'payload-types.ts')
    run('npx', ['tsx', 'generate.ts'], host, { DATABASE_URI: uri })
    expect(fs.existsSync(typesFile)).toBe(true)
    const importMap = fs.readFileSync(importMapFile, 'utf8')
    expect(importMap).toContain("from 'payload-plugin-newsroom/client'")
    expect(importMap).toContain('"payload-plugin-newsroom/client#AttributionChecklist"')
    expect(importMap).toContain('"payload-plugin-newsroom/rsc#PhotoUsage"')
    const resolved = run(
      'node',
      ['--input-type=module', '-e', "console.log(import.meta.resolve('payload-plugin-newsroom/client'))"],
      host,
    ).trim()
    expect(fs.readFileSync(fileURLToPath(resolved), 'utf8')).toMatch(/export \{ AttributionChecklist \}/)
    const types = fs.readFileSync(path.join(host, 'payload-types.ts'), 'utf8')
    for (const slug of ['pages', 'articles', 'photos', 'participants', "'joint-statements'"])
      expect(types).toContain(`${slug}: `)
    // The host's own code type-checks against the package's declarations.
    run('npx', ['tsc', '-p', 'tsconfig.json'], host)
  }, 600_000)

  it('boots against PostgreSQL with the collections, the publish gate and the preflight endpoint', async () => {
    const { uri } = await createTestDatabase('package_host_boot')
    const output = run('npx', ['tsx', 'check.ts'], host, { DATABASE_URI: uri })
    const line = output.split('\n').find((l) => l.startsWith('HOST-RESULT '))
    expect(line, output.slice(-3000)).toBeDefined()
    const result = JSON.parse(line!.slice('HOST-RESULT '.length))
    expect(result.collections).toEqual(
      expect.arrayContaining(['pages', 'articles', 'photos', 'participants', 'joint-statements', 'users']),
    )
    expect(result.hostCollectionWorks).toBe(true)
    expect(result.publish.refused).toBe(true)
    expect(result.publish.errors).toEqual([{ path: 'heroPhoto', message: expect.stringMatching(/has no credit line/) }])
    expect(result.preflight.status).toBe(200)
    expect(result.preflight.body.ok).toBe(false)
    expect(result.preflight.body.errors.map((e: { rule: string }) => e.rule)).toEqual(
      expect.arrayContaining(['photo-credit-line', 'photo-credit-kind']),
    )
    // Nothing is published (the gate refused it): the delivery server answers an empty first page.
    expect(result.delivery).toEqual({
      status: 200,
      body: { docs: [], limit: 20, hasNextPage: false, nextCursor: null },
      keys: 'articles',
    })
  }, 600_000)
})
