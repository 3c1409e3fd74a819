import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig, Config } from 'payload'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { JOURNAL_FOLDER, readJournal, recordUpload } from '../src/photos/uploadJournal.ts'
import { newsroomPlugin, removeOrphanedPhotoFiles } from '../src/plugins/newsroom/index.ts'
import { startHostApp } from './helpers/hostApp.ts'
import { makeJpeg } from './helpers/images.ts'

const cleanUps: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const cleanUp of cleanUps.reverse()) await cleanUp()
})

const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000)

/** Every file under `root`, by its path relative to it; with `journal`, the plugin's records too. */
const filesUnder = (root: string, { journal = false } = {}): string[] =>
  (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => journal || !file.split(path.sep).includes(JOURNAL_FOLDER))
    .sort()

/** Makes every file under `root` look two days old, well past the sweep's grace period. */
function age(root: string): void {
  for (const file of filesUnder(root, { journal: true }))
    fs.utimesSync(path.join(root, file), TWO_DAYS_AGO, TWO_DAYS_AGO)
}

const mediaCollection = (staticDir: string, extraFields: CollectionConfig['fields'] = []): CollectionConfig => ({
  slug: 'media',
  upload: { staticDir, imageSizes: [{ name: 'small', width: 200 }] },
  fields: [{ name: 'alt', type: 'text' }, ...extraFields],
})

/** Files the probe saw in the journal while a photo's save was under way (after the record, before the files). */
let journalSeenMidSave: string[][] = []
let photosDirOfProbe = ''
const lookAtJournal: CollectionBeforeChangeHook = async ({ data }) => {
  if (photosDirOfProbe) journalSeenMidSave.push((await readJournal(photosDirOfProbe)).flatMap((entry) => entry.names))
  return data
}
/** Whether the refused upload's original was on disk when the host refused it, after the insert. */
let writtenBeforeRefusal: boolean | undefined
const refuseWhenAsked: CollectionAfterChangeHook = ({ collection, context, doc }) => {
  if (!context.refuseAfterInsert) return doc
  const staticDir = typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
  writtenBeforeRefusal = Boolean(staticDir && fs.existsSync(path.join(staticDir, String(doc.filename))))
  throw new Error('Refused by the host after the insert.')
}

/**
 * A host app with its own `media` upload collection beside the plugin's photos. `layout` places
 * the media folder as the parent of the photos folder, or beside it.
 */
async function hostWithMedia(layout: 'parent' | 'sibling') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-sweep-${layout}-`))
  cleanUps.push(() => fs.rmSync(root, { recursive: true, force: true }))
  const mediaDir = layout === 'parent' ? root : path.join(root, 'media')
  const photosDir = path.join(root, 'photos')
  const host = await startHostApp(
    `sweep_${layout}`,
    {
      photos: { staticDir: photosDir },
      overrides: { photos: { hooks: { beforeChange: [lookAtJournal], afterChange: [refuseWhenAsked] } } },
    },
    // Payload pushes a schema to a new database only when it differs from the last one it pushed
    // in this process, so each layout's host has a field of its own.
    [mediaCollection(mediaDir, [{ name: `${layout}Note`, type: 'text' }])],
  )
  cleanUps.push(() => host.close())
  return { ...host, root, mediaDir, photosDir }
}

async function uploadPhoto(
  payload: Awaited<ReturnType<typeof hostWithMedia>>['payload'],
  name: string,
  context: Record<string, unknown> = {},
) {
  const data = await makeJpeg(1200, 800)
  return payload.create({
    collection: 'photos',
    data: { alt: name } as never,
    file: { data, mimetype: 'image/jpeg', name, size: data.length },
    context,
  })
}

describe('no file deleted that the plugin did not write', () => {
  let sibling: Awaited<ReturnType<typeof hostWithMedia>>

  it.each(['parent', 'sibling'] as const)(
    'no file deleted that the plugin did not write: a host media folder that is the %s of the photos folder keeps every file after the sweep',
    async (layout) => {
      const host = await hostWithMedia(layout)
      if (layout === 'sibling') sibling = host
      const { payload, root, mediaDir, photosDir } = host
      const data = await makeJpeg(800, 600)
      await payload.create({
        collection: 'media' as 'photos',
        data: { alt: 'Host banner' } as never,
        file: { data, mimetype: 'image/jpeg', name: 'banner.jpg', size: data.length },
      })
      await uploadPhoto(payload, 'delegations.jpg')
      expect(fs.existsSync(path.join(photosDir, JOURNAL_FOLDER))).toBe(false)
      // Old files no row knows: the host's own, and one put into the photos folder by hand.
      fs.writeFileSync(path.join(mediaDir, 'old-report.pdf'), 'a file of the host')
      fs.writeFileSync(path.join(mediaDir, 'old-banner-200x150.jpg'), data)
      fs.writeFileSync(path.join(photosDir, 'copied-by-hand.jpg'), data)
      age(root)
      const before = filesUnder(root)
      expect(before).toEqual(
        expect.arrayContaining([
          path.relative(root, path.join(mediaDir, 'banner.jpg')),
          path.relative(root, path.join(mediaDir, 'old-report.pdf')),
          path.relative(root, path.join(photosDir, 'delegations.jpg')),
          path.relative(root, path.join(photosDir, 'copied-by-hand.jpg')),
        ]),
      )

      // Even with no grace period at all, nothing is removed: the plugin wrote none of these
      // files without their row.
      expect(await removeOrphanedPhotoFiles(payload, 'photos', { olderThanMs: 0 })).toEqual([])
      expect(filesUnder(root)).toEqual(before)
    },
    180_000,
  )

  it('no file deleted that the plugin did not write: the files of an upload it recorded whose row never came are removed once past the grace period', async () => {
    const { payload, photosDir, root } = sibling
    const data = await makeJpeg(400, 300)
    // What a process stopped between writing an upload's files and inserting its row leaves.
    const crashed = ['crashed.jpg', 'crashed-400x300.jpg', 'crashed-800x533.jpg']
    for (const name of crashed) fs.writeFileSync(path.join(photosDir, name), data)
    const crashedEntry = await recordUpload(photosDir, 'photos', crashed)
    fs.writeFileSync(path.join(photosDir, 'never-recorded.jpg'), data)
    age(root)
    // An upload in flight on another server right now: recorded a moment ago, no row yet.
    fs.writeFileSync(path.join(photosDir, 'in-flight.jpg'), data)
    const inFlightEntry = await recordUpload(photosDir, 'photos', ['in-flight.jpg'])
    const before = filesUnder(root)

    const removed = await removeOrphanedPhotoFiles(payload, 'photos')
    expect(removed.sort()).toEqual([...crashed].sort())
    expect(filesUnder(root)).toEqual(
      before.filter((file) => !crashed.some((name) => file === path.relative(root, path.join(photosDir, name)))),
    )
    expect(fs.existsSync(path.join(photosDir, 'never-recorded.jpg'))).toBe(true)
    expect(fs.existsSync(path.join(photosDir, 'in-flight.jpg'))).toBe(true)
    // The settled record is gone; the one in flight is left for its own server.
    expect((await readJournal(photosDir)).map((entry) => entry.file)).toEqual([inFlightEntry.file])
    expect(fs.existsSync(crashedEntry.file)).toBe(false)

    fs.rmSync(inFlightEntry.file)
    fs.rmSync(path.join(photosDir, 'in-flight.jpg'))
  }, 120_000)

  it('no file deleted that the plugin did not write: an upload recorded before its files were written keeps them once it has its row', async () => {
    const { payload, photosDir, root } = sibling
    journalSeenMidSave = []
    photosDirOfProbe = photosDir
    const photo = await uploadPhoto(payload, 'summit.jpg')
    photosDirOfProbe = ''
    const names = [photo.filename, ...Object.values(photo.sizes ?? {}).map((size) => size?.filename)].filter(
      (name): name is string => Boolean(name),
    )
    expect(names.length).toBeGreaterThan(1)
    // While the save was under way, the record named the original and every size.
    expect(journalSeenMidSave).toHaveLength(1)
    expect(journalSeenMidSave[0]!.sort()).toEqual([...names].sort())
    // By the time the save answered, the row was committed, the record removed and the files kept.
    expect(fs.existsSync(path.join(photosDir, JOURNAL_FOLDER))).toBe(false)
    for (const name of names) expect(fs.existsSync(path.join(photosDir, name))).toBe(true)

    // A record the process had no time to remove after the commit: the sweep finds the row.
    const leftOver = await recordUpload(photosDir, 'photos', names)
    age(root)
    const before = filesUnder(root)
    expect(await removeOrphanedPhotoFiles(payload, 'photos')).toEqual([])
    expect(filesUnder(root)).toEqual(before)
    expect(fs.existsSync(leftOver.file)).toBe(false)
  }, 120_000)

  it('no file deleted that the plugin did not write: an upload refused after its files were written leaves none of them', async () => {
    const { payload, photosDir } = sibling
    const before = filesUnder(photosDir)
    await expect(uploadPhoto(payload, 'refused.jpg', { refuseAfterInsert: true })).rejects.toThrow(
      /Refused by the host/,
    )
    expect(await payload.count({ collection: 'photos', where: { alt: { equals: 'refused.jpg' } } })).toEqual({
      totalDocs: 0,
    })
    expect(writtenBeforeRefusal).toBe(true)
    // Payload wrote the original and its sizes before the insert; by the time the refusal
    // reached the caller, the rollback had removed them with their record.
    expect(filesUnder(photosDir)).toEqual(before)
    expect(fs.existsSync(path.join(photosDir, JOURNAL_FOLDER))).toBe(false)
  }, 120_000)
})

describe('no file deleted that the plugin did not write: two upload collections in one folder', () => {
  const folder = path.join(os.tmpdir(), 'newsroom-shared-folder')
  const build = (pluginOptions: Parameters<typeof newsroomPlugin>[0], collections: CollectionConfig[]) =>
    newsroomPlugin(pluginOptions)({ collections } as Config)

  it('no file deleted that the plugin did not write: the plugin refuses to start when two upload collections share a folder, naming the option', () => {
    expect(() => build({ photos: { staticDir: folder } }, [mediaCollection(`${folder}/`)])).toThrow(/photos\.staticDir/)
    // The defaults: the host's `media` collection keeps its files in ./media, as the photos do.
    expect(() => build({}, [{ slug: 'media', upload: true, fields: [{ name: 'alt', type: 'text' }] }])).toThrow(
      /"photos" and the upload collection "media" both keep their files in .*photos\.staticDir.*photos\.collection/s,
    )
    expect(() =>
      build({ photos: { staticDir: path.join(folder, 'photos') } }, [
        mediaCollection(folder),
        { ...mediaCollection(path.relative(process.cwd(), folder)), slug: 'documents' },
      ]),
    ).toThrow(/"media" and "documents" both keep their files in .*photos\.staticDir/s)

    // Folders of their own, or the host's collection used for photos, are accepted.
    expect(() => build({ photos: { staticDir: path.join(folder, 'photos') } }, [mediaCollection(folder)])).not.toThrow()
    expect(() => build({ photos: { staticDir: folder, collection: 'media' } }, [mediaCollection(folder)])).not.toThrow()
  })
})
