import type { Payload } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { deliveryTablesOf, runPublicQuery } from '../src/delivery/cmsReads.ts'
import {
  type ListedArticleRow,
  participantArticlesQuery,
  participantQuery,
  type ParticipantRow,
} from '../src/delivery/publicRead.ts'
import { doc, paragraph, quote } from '../src/demo/lexicalBuilders.ts'
import { makeJpeg } from './helpers/images.ts'
import { photoWithMetadata } from './helpers/metadataFixtures.ts'
import { startHostApp } from './helpers/hostApp.ts'

const hosts: { close: () => Promise<void> }[] = []
afterAll(async () => {
  for (const host of hosts) await host.close()
})

async function refusedPublish(payload: Awaited<ReturnType<typeof startHostApp>>['payload'], articleId: number) {
  try {
    await payload.update({ collection: 'articles', id: articleId, data: { _status: 'published' } })
    return []
  } catch (error) {
    return (error as { data: { errors: { path: string; message: string }[] } }).data.errors
  }
}

describe('extension points', () => {
  it('overrides change access', async () => {
    const host = await startHostApp('ext_access', { overrides: { participants: { access: { read: () => true } } } })
    hosts.push(host)
    const draft = await host.payload.create({
      collection: 'participants',
      data: { name: 'Draft body', kind: 'state', _status: 'draft' },
      draft: true,
    })
    const { status, json } = await host.rest.get(`/participants/${draft.id}?draft=true`, { token: null })
    expect(status).toBe(200)
    expect(json.name).toBe('Draft body')
  })

  it('renames a slug the host already uses, and the relationships and the gate follow', async () => {
    const host = await startHostApp('ext_rename', { slugs: { photos: 'press-photos' } }, [
      { slug: 'photos', fields: [{ name: 'gallery', type: 'text' }] },
    ])
    hosts.push(host)
    const { payload } = host
    expect(payload.collections.photos.config.fields.some((f) => 'name' in f && f.name === 'gallery')).toBe(true)
    const articles = payload.collections.articles.config
    const hero = articles.fields.find((f) => 'name' in f && f.name === 'heroPhoto') as { relationTo: string }
    expect(hero.relationTo).toBe('press-photos')
    const data = await makeJpeg(40, 30)
    const photo = await payload.create({
      collection: 'press-photos' as 'photos',
      data: { alt: 'x' },
      file: { data, mimetype: 'image/jpeg', name: 'renamed.jpg', size: data.length },
    })
    const article = await payload.create({
      collection: 'articles',
      data: { title: 'Renamed', heroPhoto: photo.id, _status: 'draft' } as never,
      draft: true,
    })
    expect(await refusedPublish(payload, article.id)).toEqual([
      { path: 'heroPhoto', message: expect.stringMatching(/has no credit line/) },
    ])
  })

  it('uses the host’s own upload collection for photos', async () => {
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-host-media-'))
    const host = await startHostApp('ext_media', { photos: { collection: 'media' } }, [
      {
        slug: 'media',
        upload: { staticDir, imageSizes: [{ name: 'small', width: 200 }] },
        fields: [
          { name: 'alt', type: 'text' },
          { name: 'folder', type: 'text' },
        ],
      },
    ])
    hosts.push(host)
    const { payload } = host
    expect(Object.keys(payload.collections)).not.toContain('photos')
    const hero = payload.collections.articles.config.fields.find((f) => 'name' in f && f.name === 'heroPhoto') as {
      relationTo: string
    }
    expect(hero.relationTo).toBe('media')

    const file = await photoWithMetadata({ xmp: { line: 'Agency from the file', creator: 'Jane Roe' } })
    const media = (await payload.create({
      collection: 'media' as 'photos',
      data: { alt: 'Host media', folder: 'news' } as never,
      file: { data: file, mimetype: 'image/jpeg', name: 'host-media.jpg', size: file.length },
    })) as unknown as {
      id: number
      folder: string
      credit: { line: string; creator: string }
      sizes: { small: { filename: string } }
    }
    expect(media.folder).toBe('news')
    expect(media.credit).toMatchObject({ line: 'Agency from the file', creator: 'Jane Roe' })
    expect(fs.existsSync(path.join(staticDir, media.sizes.small.filename))).toBe(true)

    const article = await payload.create({
      collection: 'articles',
      data: { title: 'Host media story', heroPhoto: media.id, _status: 'draft' } as never,
      draft: true,
    })
    expect(await refusedPublish(payload, article.id)).toEqual([
      { path: 'heroPhoto', message: expect.stringMatching(/has no kind of credit/) },
    ])
    await payload.update({ collection: 'media' as 'photos', id: media.id, data: { credit: { kind: 'agency' } } })
    expect(await refusedPublish(payload, article.id)).toEqual([])
  })

  it('renames every collection, and HTML and JSON-LD still carry each quote’s attribution', async () => {
    const slugs = {
      articles: 'stories',
      photos: 'press-photos',
      participants: 'actors',
      jointStatements: 'communiques',
      articleSnapshots: 'story-snapshots',
      webhookDeliveries: 'story-webhooks',
    }
    const host = await startHostApp('ext_rename_all', { slugs })
    hosts.push(host)
    const payload = host.payload as unknown as {
      create: (args: { collection: string; data: Record<string, unknown> }) => Promise<{ id: number; slug: string }>
    }
    const actor = (name: string) =>
      payload.create({
        collection: 'actors',
        data: { name, kind: 'state', country: name === 'Russian Federation' ? 'RU' : 'IR', _status: 'published' },
      })
    const russia = await actor('Russian Federation')
    const iran = await actor('Islamic Republic of Iran')
    const communique = await payload.create({
      collection: 'communiques',
      data: {
        title: 'Joint statement on the 20th round',
        signatories: [russia.id, iran.id],
        text: doc(paragraph('The parties reaffirmed their commitment to the sovereignty of Syria.')),
        _status: 'published',
      },
    })
    const story = await payload.create({
      collection: 'stories',
      data: {
        title: 'Talks end after the twentieth round',
        dateline: 'ASTANA',
        byline: 'Staff report',
        participants: [
          { participant: russia.id, role: 'guarantor' },
          { participant: iran.id, role: 'guarantor' },
        ],
        statements: [communique.id],
        body: doc(
          paragraph('The talks ended on Wednesday.'),
          quote({
            text: 'We will keep working for peace.',
            attributedTo: { relationTo: 'actors', value: russia.id },
            manner: 'press-conference',
          }),
          quote({
            text: 'reaffirmed their commitment to the sovereignty of Syria',
            attributedTo: { relationTo: 'communiques', value: communique.id },
            manner: 'joint-statement',
          }),
        ),
        _status: 'published',
      },
    })

    // What the public reads (`/api/stories/:slug/html` and `/jsonld`) is the stored snapshot. Read
    // directly: several host apps share this process, and Payload's REST handlers find theirs by config.
    const { docs } = await (host.payload as unknown as Payload).find({
      collection: 'story-snapshots' as 'article-snapshots',
      where: { slug: { equals: story.slug } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    const html = docs[0]!.html
    expect(html).toContain('<cite>Russian Federation</cite>')
    expect(html).toContain('<cite>Joint statement on the 20th round</cite>')

    const jsonLd = { json: JSON.parse(docs[0]!.jsonLd) }
    const quotations = jsonLd.json.hasPart as {
      text: string
      creator?: { name: string }[]
      isBasedOn?: { name: string }
    }[]
    expect(quotations).toHaveLength(2)
    expect(quotations[0]!.creator?.map((creator) => creator.name)).toEqual(['Russian Federation'])
    expect(quotations[1]!.isBasedOn?.name).toBe('Joint statement on the 20th round')
    expect(quotations[1]!.creator?.map((creator) => creator.name)).toEqual([
      'Russian Federation',
      'Islamic Republic of Iran',
    ])

    // The lists of a participant's articles (the CMS's endpoint and the delivery server share this
    // SQL) follow the renamed tables and the renamed participants' column.
    const tables = deliveryTablesOf(host.payload as unknown as Payload, {
      articleSnapshots: 'story-snapshots',
      participantSnapshots: 'participant-snapshots',
      participants: 'actors',
    })
    expect(tables).toMatchObject({ snapshots: 'story_snapshots', participantColumn: 'actors_id' })
    const listed = await runPublicQuery<ListedArticleRow>(
      host.payload as unknown as Payload,
      participantArticlesQuery(tables, russia.id, null, 21),
    )
    expect(listed.map((row) => row.slug)).toEqual([story.slug])
    const [identity] = await runPublicQuery<ParticipantRow>(
      host.payload as unknown as Payload,
      participantQuery(tables, String(russia.id)),
    )
    expect(identity).toMatchObject({ id: russia.id, name: 'Russian Federation' })
  })
})
