/**
 * Photos of unpublished stories stay private: an anonymous reader sees, through REST (list and by
 * id), GraphQL and the file URLs of the original and every size, only the photos a published
 * article shows. The desk sees all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { makeJpeg } from './helpers/images.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let editor: string

beforeAll(async () => {
  app = await startTestApp('photo_privacy')
  await createUser(app.payload, 'admin@privacy.test', ['admin'])
  await createUser(app.payload, 'editor@privacy.test', ['editor'])
  editor = await app.rest.login('editor@privacy.test', 'editor@privacy.test-password')
  app.rest.token = undefined
})

afterAll(async () => {
  await app?.close()
})

async function photo(name: string) {
  const data = await makeJpeg(900, 600, '#335577')
  return app.payload.create({
    collection: 'photos',
    data: { alt: `Embargoed ${name}`, caption: 'Delegates', credit: { line: 'Staff', kind: 'staff' } } as never,
    file: { data, mimetype: 'image/jpeg', name: `${name}.jpg`, size: data.length },
  })
}

/** Everything an anonymous reader can try for one photo, and whether each found it. */
async function whatTheAnonymousSee(id: number) {
  const anonymous = { token: null }
  const stored = await app.payload.findByID({ collection: 'photos', id, depth: 0, overrideAccess: true })
  const files = [stored.filename!, ...Object.values(stored.sizes ?? {}).map((size) => size!.filename!)]
  const graphql = await app.rest.graphql(
    `{ Photo(id: ${id}) { id } Photos(limit: 100) { docs { id } } }`,
    undefined,
    anonymous,
  )
  return {
    byId: (await app.rest.get(`/photos/${id}`, anonymous)).status === 200,
    inList: ((await app.rest.get('/photos?limit=100', anonymous)).json.docs as { id: number }[]).some(
      (p) => p.id === id,
    ),
    graphqlById: graphql.json.data?.Photo?.id === id,
    graphqlList: (graphql.json.data?.Photos?.docs as { id: number }[] | undefined)?.some((p) => p.id === id) ?? false,
    files: await Promise.all(files.map(async (file) => (await app.rest.get(`/photos/file/${file}`, anonymous)).status)),
  }
}

const hidden = (files: number) => ({
  byId: false,
  inList: false,
  graphqlById: false,
  graphqlList: false,
  files: Array(files).fill(403),
})
const shown = (files: number) => ({
  byId: true,
  inList: true,
  graphqlById: true,
  graphqlList: true,
  files: Array(files).fill(200),
})

describe('point 5: photos of unpublished stories stay private', () => {
  it('are hidden from the public, file and sizes included, until a published article shows them, and again after it is unpublished', async () => {
    const hero = await photo('hero')
    const inBody = await photo('in-body')
    const files = 1 + Object.keys(hero.sizes ?? {}).length
    const article = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Embargoed story',
        byline: 'Desk',
        dateline: 'ASTANA',
        heroPhoto: hero.id,
        body: doc(paragraph('Text.'), upload('photos', inBody.id)),
        _status: 'draft',
      } as never,
      draft: true,
    })
    expect(await whatTheAnonymousSee(hero.id)).toEqual(hidden(files))
    expect(await whatTheAnonymousSee(inBody.id)).toEqual(hidden(files))

    // The desk sees them all along.
    expect((await app.rest.get(`/photos/${hero.id}`, { token: editor })).status).toBe(200)
    expect((await app.rest.get(`/photos/file/${hero.filename}`, { token: editor })).status).toBe(200)

    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } as never })
    expect(await whatTheAnonymousSee(hero.id)).toEqual(shown(files))
    expect(await whatTheAnonymousSee(inBody.id)).toEqual(shown(files))
    // The public article shows its photos, populated.
    const live = await app.rest.get(`/articles/${article.id}?depth=1`, { token: null })
    expect(live.json.heroPhoto.id).toBe(hero.id)

    // A draft that drops the body photo changes nothing public until it is published.
    await app.payload.update({
      collection: 'articles',
      id: article.id,
      data: { body: doc(paragraph('Text without the photo.')) } as never,
      draft: true,
    })
    expect((await whatTheAnonymousSee(inBody.id)).byId).toBe(true)
    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'published' } as never })
    expect(await whatTheAnonymousSee(inBody.id)).toEqual(hidden(files))
    expect(await whatTheAnonymousSee(hero.id)).toEqual(shown(files))

    await app.payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' } as never })
    expect(await whatTheAnonymousSee(hero.id)).toEqual(hidden(files))
  })

  it('is kept when an article is deleted, and a photo two published articles show stays public while one does', async () => {
    const shared = await photo('shared')
    const files = 1 + Object.keys(shared.sizes ?? {}).length
    const make = (title: string) =>
      app.payload.create({
        collection: 'articles',
        data: { title, byline: 'Desk', dateline: 'ASTANA', heroPhoto: shared.id, _status: 'published' } as never,
      })
    const first = await make('First story')
    const second = await make('Second story')
    await app.payload.delete({ collection: 'articles', id: first.id })
    expect(await whatTheAnonymousSee(shared.id)).toEqual(shown(files))
    await app.payload.delete({ collection: 'articles', id: second.id })
    expect(await whatTheAnonymousSee(shared.id)).toEqual(hidden(files))
  })
})
