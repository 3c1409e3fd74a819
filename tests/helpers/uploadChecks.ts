import fs from 'node:fs'
import { expect } from 'vitest'

import type { TestApp } from './payload.ts'
import { uploadForm } from './images.ts'

/** Upload checks shared by the upload test files: a refusal stores neither a row nor a file. */
export function uploadChecks(app: () => TestApp, token: () => string) {
  const storedFiles = () => (fs.existsSync(app().mediaDir) ? fs.readdirSync(app().mediaDir) : [])
  const photoCount = async () => (await app().payload.count({ collection: 'photos' })).totalDocs

  async function expectRefused(file: Buffer, name: string, type: string, message: RegExp) {
    const before = { rows: await photoCount(), files: storedFiles().length }
    const response = await app().rest.post('/photos', uploadForm(file, name, type, { alt: 'x' }), { token: token() })
    expect(response.status, JSON.stringify(response.json)).toBe(400)
    expect(JSON.stringify(response.json)).toMatch(message)
    expect(await photoCount()).toBe(before.rows)
    expect(storedFiles().length).toBe(before.files)
  }

  return { storedFiles, photoCount, expectRefused }
}
