import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

import {
  compress,
  etagForCoding,
  ifNoneMatchesAnyCoding,
  negotiateEncoding,
} from '../../src/deliveryServer/encoding.ts'

describe('Accept-Encoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', 'br'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['gzip;q=0.5, identity;q=1', 'identity'],
    ['gzip;q=1, identity;q=0.5', 'gzip'],
    ['br;q=0.001', 'br'],
    ['gzip;q=nonsense', 'identity'],
    [' br ; q=0.9 , gzip ; q=0.9 ', 'br'],
  ])('%j → %s', (header, coding) => {
    expect(negotiateEncoding(header)).toBe(coding)
  })
})

describe('ETags of compressed forms', () => {
  const etag = '"Yc2abc-d"'

  it('put the coding inside the quotes', () => {
    expect(etagForCoding(etag, 'identity')).toBe(etag)
    expect(etagForCoding(etag, 'br')).toBe('"Yc2abc-d-br"')
    expect(etagForCoding(etag, 'gzip')).toBe('"Yc2abc-d-gz"')
  })

  it('match If-None-Match in any coding of the same version, and nothing else', () => {
    expect(ifNoneMatchesAnyCoding('"Yc2abc-d"', etag)).toBe(true)
    expect(ifNoneMatchesAnyCoding('"Yc2abc-d-br"', etag)).toBe(true)
    expect(ifNoneMatchesAnyCoding('W/"Yc2abc-d-gz"', etag)).toBe(true)
    expect(ifNoneMatchesAnyCoding('"other", "Yc2abc-d-gz"', etag)).toBe(true)
    expect(ifNoneMatchesAnyCoding('*', etag)).toBe(true)
    expect(ifNoneMatchesAnyCoding('"Yc2abc-ld-br"', etag)).toBe(false)
    expect(ifNoneMatchesAnyCoding('"Yc2abc-d-zz"', etag)).toBe(false)
    expect(ifNoneMatchesAnyCoding(undefined, etag)).toBe(false)
  })
})

describe('compression', () => {
  it('gives bodies that decompress to the original bytes', async () => {
    const body = Buffer.from(JSON.stringify({ text: 'Türkiye, Қазақстан, «цитата» '.repeat(200) }))
    const br = await compress(body, 'br')
    const gz = await compress(body, 'gzip')
    expect(br.length).toBeLessThan(body.length / 4)
    expect(gz.length).toBeLessThan(body.length / 4)
    expect(brotliDecompressSync(br).equals(body)).toBe(true)
    expect(gunzipSync(gz).equals(body)).toBe(true)
  })
})
