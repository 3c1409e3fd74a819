import sharp from 'sharp'

import { creditXmp } from '../../src/photos/xmpPacket.ts'

/** One IIM dataset: 0x1C, record, dataset number, 2-byte length, bytes. */
function dataset(record: number, number: number, value: Buffer): Buffer {
  const head = Buffer.from([0x1c, record, number, 0, 0])
  head.writeUInt16BE(value.length, 3)
  return Buffer.concat([head, value])
}

export interface IimFields {
  creator?: string
  line?: string
  source?: string
  copyright?: string
  caption?: string
}

const DATASET_NUMBERS: Record<keyof IimFields, number> = {
  creator: 80,
  line: 110,
  source: 115,
  copyright: 116,
  caption: 120,
}

/**
 * An APP13 segment holding IPTC-IIM, as Photoshop writes it. `encoding` is how the text is
 * stored; `declareUtf8` adds record 1:90 (ESC % G).
 */
export function iimSegment(
  fields: IimFields,
  encoding: 'utf8' | 'latin1',
  declareUtf8: boolean,
  corrupt = false,
): Buffer {
  const datasets: Buffer[] = []
  if (declareUtf8) datasets.push(dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])))
  for (const [field, value] of Object.entries(fields) as [keyof IimFields, string][]) {
    datasets.push(dataset(2, DATASET_NUMBERS[field], Buffer.from(value, encoding)))
  }
  let iim = Buffer.concat(datasets)
  // A damaged file: the last dataset claims more bytes than there are.
  if (corrupt) iim = Buffer.concat([iim, Buffer.from([0x1c, 0x02, 0x78, 0x7f, 0xff, 0x41])])
  const resourceHead = Buffer.alloc(12)
  resourceHead.write('8BIM', 0, 'latin1')
  resourceHead.writeUInt16BE(0x0404, 4)
  resourceHead.writeUInt16BE(0, 6) // empty Pascal name, padded
  resourceHead.writeUInt32BE(iim.length, 8)
  const body = Buffer.concat([
    Buffer.from('Photoshop 3.0\0', 'latin1'),
    resourceHead,
    iim,
    iim.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
  ])
  const marker = Buffer.alloc(4)
  marker.writeUInt16BE(0xffed, 0)
  marker.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([marker, body])
}

/** Inserts a segment right after the JPEG's start-of-image marker. */
export function withSegment(jpeg: Buffer, segment: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

/**
 * An XMP packet as a photo desk's software writes it, around `description`: the properties of one
 * `rdf:Description` (elements such as `<photoshop:Source>HO</photoshop:Source>`), written as given,
 * entities and all.
 */
export function xmpPacket(description: string): string {
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" ' +
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">' +
    description +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  )
}

/** A JPEG carrying the given XMP credit (written by sharp), or a whole XMP packet (`xmpPacket`), and/or IIM. */
export async function photoWithMetadata(options: {
  xmp?: { line?: string; creator?: string; copyright?: string }
  /** A whole XMP packet, used instead of `xmp`. */
  rawXmp?: string
  iim?: { fields: IimFields; encoding: 'utf8' | 'latin1'; declareUtf8: boolean; corrupt?: boolean }
  gps?: boolean
  width?: number
  height?: number
}): Promise<Buffer> {
  let image = sharp({
    create: { width: options.width ?? 900, height: options.height ?? 600, channels: 3, background: '#5a7a9a' },
  }).jpeg()
  const xmp = options.rawXmp ?? (options.xmp ? creditXmp(options.xmp) : undefined)
  if (xmp) image = image.withXmp(xmp)
  if (options.gps) {
    image = image.withExif({
      IFD0: { Copyright: 'exif copyright' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 26/1 0/1' },
    } as never)
  }
  let jpeg: Buffer = await image.toBuffer()
  if (options.iim)
    jpeg = withSegment(
      jpeg,
      iimSegment(options.iim.fields, options.iim.encoding, options.iim.declareUtf8, options.iim.corrupt),
    )
  return jpeg
}
