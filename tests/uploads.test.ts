import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FIXTURE_PHOTOS, hasFixturePhotos, makeJpeg, uploadForm } from './helpers/images.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'
import { uploadChecks } from './helpers/uploadChecks.ts'

let app: TestApp
let token: string

beforeAll(async () => {
  app = await startTestApp('uploads')
  await createUser(app.payload, 'editor@newsroom.test', ['editor'])
  token = await app.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
})

afterAll(async () => {
  await app?.close()
})

const { expectRefused } = uploadChecks(
  () => app,
  () => token,
)

describe('photo uploads', () => {
  it('store a JPEG with its credit and make the image sizes with sharp', async () => {
    const response = await app.rest.post(
      '/photos',
      uploadForm(await makeJpeg(1800, 1200), 'talks.jpg', 'image/jpeg', {
        alt: 'Delegations at the table',
        credit: { line: 'Ministry of Foreign Affairs', kind: 'handout' },
      }),
      { token },
    )
    expect(response.status).toBe(201)
    const photo = response.json.doc
    expect(photo.mimeType).toBe('image/jpeg')
    expect(photo.width).toBe(1800)
    expect(photo.credit.line).toBe('Ministry of Foreign Affairs')
    expect(photo.sizes.thumbnail.width).toBe(400)
    expect(photo.sizes.card.width).toBe(800)
    expect(photo.sizes.feature.width).toBe(1600)
    for (const size of ['thumbnail', 'card', 'feature']) {
      expect(fs.existsSync(path.join(app.mediaDir, photo.sizes[size].filename))).toBe(true)
    }
  })

  it('refuse a plain text file', async () => {
    await expectRefused(
      Buffer.from('just some notes\n'),
      'notes.txt',
      'text/plain',
      /not an image that can be read|photos must be/,
    )
  })

  it('refuse a text file renamed .jpg, judging by content', async () => {
    await expectRefused(
      Buffer.from('this is not a picture at all'),
      'photo.jpg',
      'image/jpeg',
      /“photo.jpg” is not an image that can be read/,
    )
  })

  it('refuse an SVG, even one named .jpg', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
    )
    await expectRefused(svg, 'drawing.svg', 'image/svg+xml', /SVG/)
    await expectRefused(svg, 'drawing.jpg', 'image/jpeg', /SVG/)
  })

  it('refuse a GIF, which is an image but not one photos accept', async () => {
    const gif = await makeJpeg(20, 20).then((jpeg) =>
      import('sharp').then(({ default: sharp }) => sharp(jpeg).gif().toBuffer()),
    )
    await expectRefused(gif, 'anim.gif', 'image/gif', /GIF; photos must be JPEG, PNG, WebP or AVIF/)
  })

  it('refuse an empty file', async () => {
    await expectRefused(Buffer.alloc(0), 'empty.jpg', 'image/jpeg', /empty|No files were uploaded|file/i)
  })

  it('refuse through the Local API too', async () => {
    const data = Buffer.from('not an image')
    const error = await app.payload
      .create({
        collection: 'photos',
        data: { alt: 'x' },
        file: { data, mimetype: 'image/jpeg', name: 'fake.jpg', size: data.length },
      })
      .then(
        () => undefined,
        (caught: { data?: { errors?: { path: string; message: string }[] } }) => caught,
      )
    expect(error?.data?.errors?.[0]).toEqual({
      path: 'file',
      message: expect.stringMatching(/“fake.jpg” is not an image that can be read/),
    })
  })

  it.runIf(hasFixturePhotos)('accept real photos, including one with damaged EXIF', async () => {
    for (const name of ['iptc-staff-photographer-example.jpg', 'broken1.jpg']) {
      const file = fs.readFileSync(path.join(FIXTURE_PHOTOS, name))
      const response = await app.rest.post('/photos', uploadForm(file, name, 'image/jpeg', { alt: name }), { token })
      expect(response.status, `${name}: ${response.text}`).toBe(201)
    }
  })
  if (!hasFixturePhotos) console.warn(`[tests] skipping the real-photo upload case: ${FIXTURE_PHOTOS} does not exist`)
})
