/** A minimal XMP packet with the credit: IPTC Core's Credit Line, Creator and Copyright Notice. */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export interface CreditForFile {
  line?: string | null
  creator?: string | null
  copyright?: string | null
}

export function creditXmp(credit: CreditForFile): string | undefined {
  const parts: string[] = []
  if (credit.line) parts.push(`<photoshop:Credit>${escapeXml(credit.line)}</photoshop:Credit>`)
  if (credit.creator)
    parts.push(`<dc:creator><rdf:Seq><rdf:li>${escapeXml(credit.creator)}</rdf:li></rdf:Seq></dc:creator>`)
  if (credit.copyright)
    parts.push(
      `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(credit.copyright)}</rdf:li></rdf:Alt></dc:rights>`,
    )
  if (parts.length === 0) return undefined
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
    parts.join('') +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  )
}

const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1')

/**
 * Puts the XMP packet into a JPEG as its APP1 segment, replacing any XMP it had, without
 * re-encoding the image.
 */
export function injectXmpIntoJpeg(jpeg: Buffer, xmp: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG')
  const payload = Buffer.concat([XMP_HEADER, Buffer.from(xmp, 'utf8')])
  if (payload.length + 2 > 0xffff) throw new Error('XMP packet too large for one segment')
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xffe1, 0)
  segment.writeUInt16BE(payload.length + 2, 2)

  // Keep everything but existing XMP segments; insert ours after SOI and any JFIF (APP0) segment.
  const kept: Buffer[] = []
  let offset = 2
  let insertAt = 0
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const type = jpeg[offset + 1]!
    if (type === 0xda) break
    const length = jpeg.readUInt16BE(offset + 2)
    const whole = jpeg.subarray(offset, offset + 2 + length)
    const isXmp = type === 0xe1 && whole.subarray(4, 4 + XMP_HEADER.length).equals(XMP_HEADER)
    if (!isXmp) {
      kept.push(whole)
      if (type === 0xe0) insertAt = kept.length
    }
    offset += 2 + length
  }
  const rest = jpeg.subarray(offset)
  return Buffer.concat([
    jpeg.subarray(0, 2),
    ...kept.slice(0, insertAt),
    segment,
    payload,
    ...kept.slice(insertAt),
    rest,
  ])
}
