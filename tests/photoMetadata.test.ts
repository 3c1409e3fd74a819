import exifr from 'exifr'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, upload } from '../src/demo/lexicalBuilders.ts'
import { readEmbeddedCredit } from '../src/photos/readEmbeddedCredit.ts'
import { FIXTURE_PHOTOS, hasFixturePhotos, uploadForm } from './helpers/images.ts'
import { photoWithMetadata, xmpPacket } from './helpers/metadataFixtures.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let editor: string
let writer: string
let ministry: { id: number }
let editorUser: { id: number }

beforeAll(async () => {
  app = await startTestApp('photo_metadata')
  await createUser(app.payload, 'admin@newsroom.test', ['admin'])
  editorUser = await createUser(app.payload, 'editor@newsroom.test', ['editor'])
  await createUser(app.payload, 'writer@newsroom.test', ['writer'])
  editor = await app.rest.login('editor@newsroom.test', 'editor@newsroom.test-password')
  writer = await app.rest.login('writer@newsroom.test', 'writer@newsroom.test-password')
  const kazakhstan = await app.payload.create({
    collection: 'participants',
    data: { name: 'Republic of Kazakhstan', kind: 'state', country: 'KZ', _status: 'published' },
  })
  ministry = await app.payload.create({
    collection: 'participants',
    data: {
      name: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
      aliases: ['Қазақстан Республикасы Сыртқы істер министрлігі', 'MFA of Kazakhstan'],
      kind: 'ministry',
      country: 'KZ',
      parent: kazakhstan.id,
      _status: 'published',
    },
  })
})

afterAll(async () => {
  await app?.close()
})

async function uploadPhoto(file: Buffer, name: string, data: Record<string, unknown> = {}) {
  const response = await app.rest.post('/photos', uploadForm(file, name, 'image/jpeg', data), { token: editor })
  expect(response.status, response.text).toBe(201)
  return response.json.doc
}

describe('credit import on upload', () => {
  it('reads IIM written in UTF-8 and declared so (1:90)', async () => {
    const file = await photoWithMetadata({
      iim: {
        fields: { line: 'Óscar Cañas / Агентство', creator: 'Óscar Cañas', caption: 'Делегации в Астане' },
        encoding: 'utf8',
        declareUtf8: true,
      },
    })
    const photo = await uploadPhoto(file, 'utf8-declared.jpg')
    expect(photo.credit.line).toBe('Óscar Cañas / Агентство')
    expect(photo.credit.creator).toBe('Óscar Cañas')
    expect(photo.caption).toBe('Делегации в Астане')
    expect(photo.embeddedMetadata.status).toBe('read')
  })

  it('detects UTF-8 IIM that does not declare its character set', async () => {
    const file = await photoWithMetadata({
      iim: {
        fields: { line: 'Қазақстан Республикасы Сыртқы істер министрлігі' },
        encoding: 'utf8',
        declareUtf8: false,
      },
    })
    const photo = await uploadPhoto(file, 'utf8-undeclared.jpg')
    expect(photo.credit.line).toBe('Қазақстан Республикасы Сыртқы істер министрлігі')
  })

  it('reads Latin-1 IIM', async () => {
    const file = await photoWithMetadata({
      iim: {
        fields: { creator: 'Óscar Cañas', copyright: '© 2023 Agencia Niño' },
        encoding: 'latin1',
        declareUtf8: false,
      },
    })
    const photo = await uploadPhoto(file, 'latin1.jpg')
    expect(photo.credit.creator).toBe('Óscar Cañas')
    expect(photo.credit.copyright).toBe('© 2023 Agencia Niño')
  })

  it('prefers XMP where both XMP and IIM carry a value, and notes IIM’s cut', async () => {
    const long = 'Ministry of Foreign Affairs of the Republic of Kazakhstan'
    const file = await photoWithMetadata({
      xmp: { line: long, creator: 'Aigerim Seitkali' },
      iim: {
        fields: { line: long.slice(0, 32), creator: 'A. Seitkali', source: 'Press service' },
        encoding: 'latin1',
        declareUtf8: false,
      },
    })
    const photo = await uploadPhoto(file, 'both.jpg')
    expect(photo.credit.line).toBe(long)
    expect(photo.credit.creator).toBe('Aigerim Seitkali')
    expect(photo.credit.source).toBe('Press service')
    expect(photo.embeddedMetadata.truncated).toEqual(['line'])
  })

  it('never overwrites what an editor typed, and records where each value came from', async () => {
    const file = await photoWithMetadata({ xmp: { line: 'Agency X', creator: 'Jane Roe', copyright: '© Agency X' } })
    const photo = await uploadPhoto(file, 'typed.jpg', { credit: { line: 'Our own credit' } })
    expect(photo.credit.line).toBe('Our own credit')
    expect(photo.credit.creator).toBe('Jane Roe')
    expect(photo.embeddedMetadata.line).toBe('Agency X')
    expect(photo.creditProvenance.line).toEqual({ origin: 'editor', fileValue: 'Agency X' })
    expect(photo.creditProvenance.creator).toEqual({ origin: 'file', fileValue: 'Jane Roe' })
    expect(photo.creditProvenance.source).toEqual({ origin: 'empty', fileValue: null })
  })

  it('sets the issuer by alias and makes a ministry’s photo a handout; the editor can change both', async () => {
    const file = await photoWithMetadata({ xmp: { line: 'Қазақстан Республикасы Сыртқы Істер Министрлігі' } })
    const photo = await uploadPhoto(file, 'ministry.jpg')
    expect(photo.credit.issuer).toMatchObject({ id: ministry.id })
    expect(photo.credit.kind).toBe('handout')
    const changed = await app.rest.patch(
      `/photos/${photo.id}`,
      { credit: { kind: 'pool', issuer: null } },
      { token: editor },
    )
    expect(changed.json.doc.credit.kind).toBe('pool')
    expect(changed.json.doc.credit.issuer).toBeNull()
  })

  it('reads through the Local API too', async () => {
    const data = await photoWithMetadata({ xmp: { line: 'Local agency' } })
    const photo = await app.payload.create({
      collection: 'photos',
      data: { alt: 'x' },
      file: { data, mimetype: 'image/jpeg', name: 'local.jpg', size: data.length },
    })
    expect(photo.credit?.line).toBe('Local agency')
  })
})

describe('XMP read as XML, and the wire agencies’ conventions', () => {
  it('decodes entities and character references, and takes the x-default of a language alternative', async () => {
    const file = await photoWithMetadata({
      rawXmp: xmpPacket(
        '<photoshop:Credit>Smith &amp; Jones / &#1052;&#x418;&#x414;</photoshop:Credit>' +
          '<dc:rights><rdf:Alt><rdf:li xml:lang="ru">© Агентство</rdf:li>' +
          '<rdf:li xml:lang="x-default">© Smith &amp; Jones 2023</rdf:li></rdf:Alt></dc:rights>' +
          '<dc:description><rdf:Alt><rdf:li xml:lang="en">Talks &lt;day 2&gt;</rdf:li></rdf:Alt></dc:description>',
      ),
    })
    const photo = await uploadPhoto(file, 'entities.jpg')
    expect(photo.credit.line).toBe('Smith & Jones / МИД')
    expect(photo.credit.copyright).toBe('© Smith & Jones 2023')
    expect(photo.caption).toBe('Talks <day 2>')
    expect(photo.embeddedMetadata.line).toBe('Smith & Jones / МИД')
    expect(photo.creditProvenance.line).toEqual({ origin: 'file', fileValue: 'Smith & Jones / МИД' })
  })

  it('proposes a handout from “HO” as the by-line title, shown as from the file, and never overrides the uploader', async () => {
    const file = await photoWithMetadata({
      rawXmp: xmpPacket(
        '<photoshop:Credit>Reuters</photoshop:Credit><photoshop:AuthorsPosition>HO</photoshop:AuthorsPosition>',
      ),
    })
    const photo = await uploadPhoto(file, 'ho.jpg')
    expect(photo.credit.kind).toBe('handout')
    expect(photo.embeddedMetadata.kind).toBe('handout')
    expect(photo.creditProvenance.kind).toEqual({ origin: 'file', fileValue: 'handout' })

    const typed = await uploadPhoto(file, 'ho-typed.jpg', { credit: { kind: 'agency' } })
    expect(typed.credit.kind).toBe('agency')
    expect(typed.creditProvenance.kind).toEqual({ origin: 'editor', fileValue: 'handout' })
  })

  it('proposes a pool photo from “POOL” as the IIM source', async () => {
    const file = await photoWithMetadata({
      iim: { fields: { line: 'AP', source: 'POOL' }, encoding: 'latin1', declareUtf8: false },
    })
    const photo = await uploadPhoto(file, 'pool.jpg')
    expect(photo.credit.kind).toBe('pool')
    expect(photo.creditProvenance.kind.origin).toBe('file')
  })
})

describe('an issuer read from the file', () => {
  async function articleShowing(photoId: number) {
    return app.payload.create({
      collection: 'articles',
      data: {
        title: `Issuer check ${photoId}`,
        byline: 'Desk',
        dateline: 'ASTANA',
        heroPhoto: photoId,
        _status: 'draft',
      },
      draft: true,
    })
  }
  const ruleIds = (report: { errors: { rule: string }[] }) => report.errors.map((finding) => finding.rule)

  it('is marked as from the file and refused until a staff member confirms it, with who and when', async () => {
    const photo = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } }), 'to-confirm.jpg', {
      alt: 'Delegates',
    })
    expect(photo.credit.issuer).toMatchObject({ id: ministry.id })
    expect(photo.credit.issuerSource).toBe('file')
    expect(photo.creditProvenance.issuer).toEqual({
      origin: 'file',
      confirmed: false,
      confirmedBy: null,
      confirmedAt: null,
    })

    const article = await articleShowing(photo.id)
    const before = await app.rest.get(`/articles/${article.id}/preflight`, { token: editor })
    expect(ruleIds(before.json)).toContain('issuer-confirmed')
    const refused = await app.rest.patch(`/articles/${article.id}`, { _status: 'published' }, { token: editor })
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/was read from the file's own credit text and no one has confirmed it/)

    expect((await app.rest.post(`/photos/${photo.id}/confirm-issuer`, {}, { token: null })).status).toBe(401)
    const wrongIssuer = await app.rest.post(`/photos/${photo.id}/confirm-issuer`, { issuer: 999999 }, { token: editor })
    expect(wrongIssuer.status).toBe(409)

    const confirmed = await app.rest.post(
      `/photos/${photo.id}/confirm-issuer`,
      { issuer: ministry.id },
      { token: editor },
    )
    expect(confirmed.status, confirmed.text).toBe(200)
    expect(confirmed.json.photo.credit).toMatchObject({
      issuer: ministry.id,
      issuerSource: 'file',
      issuerConfirmedBy: editorUser.id,
      issuerConfirmedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    })
    const stored = await app.rest.get(`/photos/${photo.id}`, { token: editor })
    expect(stored.json.creditProvenance.issuer).toMatchObject({
      origin: 'file',
      confirmed: true,
      confirmedBy: editorUser.id,
    })

    const after = await app.rest.get(`/articles/${article.id}/preflight`, { token: editor })
    expect(ruleIds(after.json)).not.toContain('issuer-confirmed')
  })

  it('cannot be confirmed, or marked as the desk’s, by writing the fields directly', async () => {
    const photo = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } }), 'forged.jpg')
    const forged = await app.rest.patch(
      `/photos/${photo.id}`,
      {
        credit: {
          issuerSource: 'desk',
          issuerConfirmedAt: '2024-01-01T00:00:00.000Z',
          issuerConfirmedBy: editorUser.id,
        },
      },
      { token: editor },
    )
    expect(forged.status, forged.text).toBe(200)
    expect(forged.json.doc.credit).toMatchObject({
      issuerSource: 'file',
      issuerConfirmedAt: null,
      issuerConfirmedBy: null,
    })
  })

  it('stays from the file and unconfirmed in a duplicate of the photo', async () => {
    const photo = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } }), 'to-copy.jpg')
    const copy = await app.rest.post(`/photos/${photo.id}/duplicate?depth=0`, {}, { token: editor })
    expect(copy.status, copy.text).toBe(200)
    expect(copy.json.doc.credit).toMatchObject({
      issuer: ministry.id,
      issuerSource: 'file',
      issuerConfirmedBy: null,
      issuerConfirmedAt: null,
    })
  })

  it('becomes the desk’s choice when an editor chooses the issuer by hand', async () => {
    const photo = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } }), 'by-hand.jpg')
    const cleared = await app.rest.patch(`/photos/${photo.id}`, { credit: { issuer: null } }, { token: editor })
    expect(cleared.json.doc.credit.issuerSource).toBeNull()
    const chosen = await app.rest.patch(`/photos/${photo.id}`, { credit: { issuer: ministry.id } }, { token: editor })
    expect(chosen.json.doc.credit).toMatchObject({ issuerSource: 'desk', issuerConfirmedBy: expect.anything() })
    expect(chosen.json.doc.creditProvenance.issuer).toMatchObject({ origin: 'editor', confirmed: true })

    const given = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } }), 'given.jpg', {
      credit: { issuer: ministry.id },
    })
    expect(given.credit.issuerSource).toBe('desk')
  })
})

describe('derivatives', () => {
  it('carry the credit line, creator and copyright as XMP, and no GPS', async () => {
    const file = await photoWithMetadata({
      xmp: { line: 'Ministry of Foreign Affairs', creator: 'Staff photographer', copyright: '© MFA' },
      gps: true,
      width: 2000,
      height: 1300,
    })
    expect(await exifr.gps(file)).toBeTruthy() // the original has a location
    const photo = await uploadPhoto(file, 'derivatives.jpg')
    for (const size of ['thumbnail', 'card', 'feature']) {
      const bytes = fs.readFileSync(path.join(app.mediaDir, photo.sizes[size].filename))
      const embedded = await readEmbeddedCredit(bytes)
      expect(embedded.values, size).toMatchObject({
        line: 'Ministry of Foreign Affairs',
        creator: 'Staff photographer',
        copyright: '© MFA',
      })
      expect(await exifr.gps(bytes).catch(() => undefined), size).toBeFalsy()
    }
  })

  it('are rewritten when an editor corrects the credit', async () => {
    const photo = await uploadPhoto(await photoWithMetadata({ xmp: { line: 'Wrong credit' } }), 'corrected.jpg')
    await app.rest.patch(`/photos/${photo.id}`, { credit: { line: 'Right credit' } }, { token: editor })
    const bytes = fs.readFileSync(path.join(app.mediaDir, photo.sizes.card.filename))
    expect((await readEmbeddedCredit(bytes)).values.line).toBe('Right credit')
  })
})

describe('damaged metadata', () => {
  it('never fails the upload; the photo and the preflight report say it could not be read', async () => {
    const file = await photoWithMetadata({
      iim: { fields: { line: 'Cut off' }, encoding: 'latin1', declareUtf8: false, corrupt: true },
    })
    const photo = await uploadPhoto(file, 'damaged.jpg', {
      alt: 'Damaged',
      credit: { line: 'Desk credit', kind: 'staff' },
    })
    expect(photo.embeddedMetadata.status).toBe('unreadable')
    expect(photo.embeddedMetadata.error).toMatch(/IPTC: IIM dataset 2:120 runs past the end/)
    const article = await app.payload.create({
      collection: 'articles',
      data: { title: 'Damaged photo story', byline: 'Desk', dateline: 'ASTANA', heroPhoto: photo.id, _status: 'draft' },
      draft: true,
    })
    const { json } = await app.rest.get(`/articles/${article.id}/preflight`, { token: editor })
    expect(json.ok).toBe(true)
    expect(json.warnings).toEqual([
      expect.objectContaining({
        rule: 'photo-metadata-unreadable',
        path: 'heroPhoto',
        message: expect.stringMatching(/embedded metadata could not be read/),
      }),
    ])
  })

  it('reports a credit the desk changed from the file’s as a warning', async () => {
    const photo = await uploadPhoto(
      await photoWithMetadata({ xmp: { line: 'Agency Y', creator: 'John Smith' } }),
      'differs.jpg',
      { alt: 'x', credit: { kind: 'agency' } },
    )
    await app.rest.patch(`/photos/${photo.id}`, { credit: { line: 'Agency Z' } }, { token: editor })
    const article = await app.payload.create({
      collection: 'articles',
      data: { title: 'Differs', byline: 'Desk', dateline: 'ASTANA', heroPhoto: photo.id, _status: 'draft' },
      draft: true,
    })
    const { json } = await app.rest.get(`/articles/${article.id}/preflight`, { token: editor })
    expect(json.warnings.map((w: { rule: string }) => w.rule)).toEqual(['credit-differs-from-file'])
    expect(json.warnings[0].message).toMatch(/credit line “Agency Z” \(the file says “Agency Y”\)/)
  })
})

describe('credits report', () => {
  it('lists an issuer’s photos with the published articles that use them, for editors only', async () => {
    const file = await photoWithMetadata({ xmp: { line: 'MFA of Kazakhstan' } })
    const used = await uploadPhoto(file, 'report-used.jpg', { alt: 'Used' })
    const unused = await uploadPhoto(file, 'report-unused.jpg', { alt: 'Unused' })
    // The issuer came from the file's credit: it counts, and the article publishes, once the desk confirms it.
    expect((await app.rest.post(`/photos/${used.id}/confirm-issuer`, {}, { token: editor })).status).toBe(200)
    const published = await app.payload.create({
      collection: 'articles',
      data: {
        title: 'Report article',
        byline: 'Desk',
        dateline: 'ASTANA',
        body: doc(paragraph('x'), upload('photos', used.id)) as never,
        _status: 'published',
      },
    })
    await app.payload.create({
      collection: 'articles',
      data: { title: 'Draft using it', heroPhoto: used.id, _status: 'draft' },
      draft: true,
    })

    const { status, json } = await app.rest.get(`/photos/credits?issuer=${ministry.id}`, { token: editor })
    expect(status).toBe(200)
    const byId = new Map(json.photos.map((p: { id: number }) => [p.id, p]))
    expect((byId.get(used.id) as { usedIn: unknown[] }).usedIn).toEqual([
      expect.objectContaining({ id: published.id, slug: 'report-article' }),
    ])
    expect((byId.get(unused.id) as { usedIn: unknown[]; credit: { line: string } }).usedIn).toEqual([])
    expect((byId.get(used.id) as { credit: { line: string } }).credit.line).toBe('MFA of Kazakhstan')

    expect((await app.rest.get(`/photos/credits?issuer=${ministry.id}`, { token: writer })).status).toBe(403)
    expect((await app.rest.get(`/photos/credits?issuer=${ministry.id}`, { token: null })).status).toBe(401)
    expect((await app.rest.get('/photos/credits', { token: editor })).status).toBe(400)
  })
})

/** The table in the fixtures' README: file → expected credit line, creator, source, copyright notice. */
function fixtureExpectations() {
  const readme = fs.readFileSync(path.join(FIXTURE_PHOTOS, 'README.md'), 'utf8')
  const rows = readme.split('\n').filter((line) => /^\|\s*[\w-]+\.jpg\s*\|/.test(line))
  const value = (cell: string) => (cell.trim() === '(none)' ? null : cell.trim())
  return rows.map((row) => {
    const [file, line, creator, source, copyright, notes] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
    return {
      file: file!,
      line: value(line!),
      creator: value(creator!),
      source: value(source!),
      copyright: value(copyright!),
      notes: notes ?? '',
    }
  })
}

describe.runIf(hasFixturePhotos)('real photos from the fixtures', () => {
  it('give the credits listed in the fixtures’ README', async () => {
    const expectations = fixtureExpectations()
    expect(expectations.length).toBeGreaterThanOrEqual(6)
    for (const expected of expectations) {
      const photo = await uploadPhoto(fs.readFileSync(path.join(FIXTURE_PHOTOS, expected.file)), expected.file)
      const credit = photo.credit
      if (/cut at 32 bytes/.test(expected.notes)) {
        // IIM cut the credit; the file's XMP carries it whole, and XMP is preferred.
        expect(credit.line.startsWith(expected.line!), expected.file).toBe(true)
        expect(photo.embeddedMetadata.truncated, expected.file).toContain('line')
      } else {
        expect(credit.line ?? null, `${expected.file} credit line`).toBe(expected.line)
      }
      expect(credit.creator ?? null, `${expected.file} creator`).toBe(expected.creator)
      expect(credit.source ?? null, `${expected.file} source`).toBe(expected.source)
      expect(credit.copyright ?? null, `${expected.file} copyright`).toBe(expected.copyright)
    }
  })

  it('refuse to publish an article with the photo that carries no credit line until an editor adds one', async () => {
    const photo = await uploadPhoto(fs.readFileSync(path.join(FIXTURE_PHOTOS, 'iptc-mess.jpg')), 'iptc-mess.jpg', {
      alt: 'A photo',
    })
    const article = await app.payload.create({
      collection: 'articles',
      data: { title: 'Mess', byline: 'Desk', dateline: 'ROME', heroPhoto: photo.id, _status: 'draft' },
      draft: true,
    })
    const refused = await app.rest.patch(`/articles/${article.id}`, { _status: 'published' }, { token: editor })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.json)).toMatch(/has no credit line/)
    await app.rest.patch(
      `/photos/${photo.id}`,
      { credit: { line: 'Marco Villanti', kind: 'freelance' } },
      { token: editor },
    )
    expect((await app.rest.patch(`/articles/${article.id}`, { _status: 'published' }, { token: editor })).status).toBe(
      200,
    )
  })
})
if (!hasFixturePhotos) console.warn(`[tests] skipping the real-photo credit cases: ${FIXTURE_PHOTOS} does not exist`)
