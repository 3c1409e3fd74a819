import type { CollectionConfig, Config, Field } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, getPayload } from 'payload'
import { afterAll, describe, expect, it } from 'vitest'

import { enforceEditPrecondition } from '../src/hooks/enforceEditPrecondition.ts'
import { setPublishedAt } from '../src/hooks/setPublishedAt.ts'
import { newsroomPlugin, type NewsroomPluginOptions } from '../src/plugins/newsroom/index.ts'
import { createTestDatabase } from './helpers/database.ts'

/** A host app as small as Payload allows: one collection of its own. */
const bareHost = (options?: NewsroomPluginOptions, extra: Partial<Config> = {}) =>
  buildConfig({
    secret: 'plugin-test',
    db: postgresAdapter({ pool: { connectionString: 'postgres://unused@127.0.0.1:1/unused' } }),
    editor: lexicalEditor(),
    collections: [{ slug: 'pages', fields: [{ name: 'title', type: 'text' }] }],
    plugins: [newsroomPlugin(options)],
    ...extra,
  })

const fieldNames = (fields: Field[]): string[] =>
  fields.flatMap((field) => [
    ...('name' in field ? [field.name] : []),
    ...('fields' in field ? fieldNames(field.fields) : []),
  ])

const collection = (config: { collections: CollectionConfig[] }, slug: string) => {
  const found = config.collections.find((c) => c.slug === slug)
  if (!found) throw new Error(`no collection ${slug}`)
  return found
}

describe('newsroomPlugin', () => {
  it('adds its four collections and a users collection with roles to a bare host', async () => {
    const config = await bareHost()
    const slugs = config.collections.map((c) => c.slug)
    expect(slugs).toEqual(
      expect.arrayContaining(['pages', 'articles', 'photos', 'participants', 'joint-statements', 'users']),
    )
    expect(config.admin.user).toBe('users')
    expect(fieldNames(collection(config, 'participants').fields)).toEqual(
      expect.arrayContaining(['name', 'shortName', 'aliases', 'kind', 'country', 'parent', 'wikidataId', 'slug']),
    )
    expect(fieldNames(collection(config, 'photos').fields)).toEqual(
      expect.arrayContaining([
        'alt',
        'caption',
        'credit',
        'line',
        'kind',
        'issuer',
        'creator',
        'source',
        'copyright',
        'usageTerms',
        'rightsExpireAt',
        'distributable',
      ]),
    )
    expect(fieldNames(collection(config, 'joint-statements').fields)).toEqual(
      expect.arrayContaining(['title', 'slug', 'issuedOn', 'place', 'event', 'signatories', 'text', 'sourceUrl']),
    )
    expect(fieldNames(collection(config, 'articles').fields)).toEqual(
      expect.arrayContaining([
        'title',
        'slug',
        'dateline',
        'authors',
        'byline',
        'publishedAt',
        'summary',
        'heroPhoto',
        'body',
        'participants',
        'participant',
        'role',
        'statements',
        'tags',
      ]),
    )
    expect(fieldNames(collection(config, 'users').fields)).toContain('roles')
    const articles = collection(config, 'articles')
    expect(articles.versions).toMatchObject({ drafts: { autosave: expect.anything() } })
    expect(articles.hooks?.beforeChange).toContain(setPublishedAt)
  })

  it('adds roles to the host’s own auth collection instead of adding another', async () => {
    const config = await bareHost(undefined, {
      admin: { user: 'staff' },
      collections: [{ slug: 'staff', auth: true, fields: [{ name: 'displayName', type: 'text' }] }],
    })
    expect(config.collections.filter((c) => c.auth).map((c) => c.slug)).toEqual(['staff'])
    expect(fieldNames(collection(config, 'staff').fields)).toEqual(expect.arrayContaining(['displayName', 'roles']))
    expect(fieldNames(collection(config, 'articles').fields)).toContain('authors')
  })

  it('keeps its collections but none of its behaviour when disabled', async () => {
    const config = await bareHost({ disabled: true })
    expect(config.collections.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['articles', 'photos', 'participants', 'joint-statements']),
    )
    expect(collection(config, 'articles').hooks?.beforeChange ?? []).not.toContain(setPublishedAt)
  })

  it('applies overrides: extra fields, admin settings and hooks', async () => {
    const hostHook: NonNullable<NonNullable<CollectionConfig['hooks']>['beforeChange']>[number] = ({ data }) => data
    const config = await bareHost({
      overrides: {
        articles: {
          fields: ({ defaultFields }) => [...defaultFields, { name: 'kicker', type: 'text' }],
          admin: { group: 'Desk' },
          hooks: { beforeChange: [hostHook] },
        },
        participants: { labels: { singular: 'Actor', plural: 'Actors' } },
      },
    })
    const articles = collection(config, 'articles')
    expect(fieldNames(articles.fields)).toContain('kicker')
    expect(articles.admin?.group).toBe('Desk')
    expect(articles.admin?.useAsTitle).toBe('title')
    expect(articles.hooks?.beforeChange?.[0]).toBe(enforceEditPrecondition)
    expect(articles.hooks?.beforeChange?.[1]).toBe(setPublishedAt)
    // the plugin’s hooks (the edit precondition, publishedAt, the publish gate, references) run first, the host’s after them
    expect(articles.hooks?.beforeChange).toHaveLength(5)
    expect(articles.hooks?.beforeChange?.at(-1)).toBe(hostHook)
    expect(collection(config, 'participants').labels).toEqual({ singular: 'Actor', plural: 'Actors' })
  })

  it('refuses a slug the host already uses, naming the option that fixes it', async () => {
    await expect(
      bareHost(undefined, { collections: [{ slug: 'photos', fields: [{ name: 'title', type: 'text' }] }] }),
    ).rejects.toThrow(/already has a collection with the slug "photos".*slugs\.photos/)
  })

  describe('in a running host app', () => {
    let close: (() => Promise<void>) | undefined
    afterAll(async () => close?.())

    it('stores the fields an override adds, on a real database', async () => {
      const database = await createTestDatabase('plugin_host')
      const config = await buildConfig({
        secret: 'plugin-test',
        db: postgresAdapter({ pool: { connectionString: database.uri } }),
        editor: lexicalEditor(),
        collections: [{ slug: 'pages', fields: [{ name: 'title', type: 'text' }] }],
        plugins: [
          newsroomPlugin({
            photos: { staticDir: '/tmp/newsroom-plugin-host-media' },
            overrides: {
              articles: { fields: ({ defaultFields }) => [...defaultFields, { name: 'kicker', type: 'text' }] },
            },
          }),
        ],
        logger: { options: { level: 'warn' } },
      })
      const payload = await getPayload({ config, key: 'plugin-host' } as Parameters<typeof getPayload>[0])
      close = async () => {
        await payload.destroy()
      }
      const article = await payload.create({
        collection: 'articles',
        data: { title: 'Host article', kicker: 'Analysis' } as never,
        draft: true,
      })
      expect((article as unknown as { kicker: string }).kicker).toBe('Analysis')
      expect(article.slug).toBe('host-article')
    })
  })
})
