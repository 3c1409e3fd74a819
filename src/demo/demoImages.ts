import sharp from 'sharp'

export interface DemoScene {
  /** Background and accent colours: a conference hall in the delegation's palette. */
  wall: string
  accent: string
  /** People seated at the table. */
  seats: number
}

/**
 * Draws a simple conference-room scene. The demo ships no photographs, so its pictures are
 * made here, as real JPEGs that go through the same upload path as a desk's photos.
 */
export async function drawConferenceScene(
  scene: DemoScene,
  width = 1600,
  height = 1000,
  xmp?: string,
): Promise<Buffer> {
  const tableY = Math.round(height * 0.62)
  const spacing = width / (scene.seats + 1)
  const people = Array.from({ length: scene.seats }, (_, index) => {
    const x = Math.round(spacing * (index + 1))
    return `<circle cx="${x}" cy="${tableY - 170}" r="46" fill="#2b2b2b"/>
      <rect x="${x - 70}" y="${tableY - 120}" width="140" height="150" rx="40" fill="#1f2a3a"/>
      <rect x="${x - 30}" y="${tableY + 10}" width="60" height="24" rx="4" fill="#f4f1ea"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${scene.wall}"/><stop offset="1" stop-color="#101418"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#wall)"/>
    <rect x="0" y="${Math.round(height * 0.12)}" width="100%" height="18" fill="${scene.accent}" opacity="0.8"/>
    ${people}
    <rect x="${Math.round(width * 0.04)}" y="${tableY}" width="${Math.round(width * 0.92)}" height="70" rx="8" fill="#5a3d2b"/>
    <rect x="${Math.round(width * 0.04)}" y="${tableY + 70}" width="${Math.round(width * 0.92)}" height="${height - tableY - 70}" fill="#3a281c"/>
  </svg>`
  const image = sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true })
  // Handouts arrive with their credit embedded, as the ministry's own files do.
  return (xmp ? image.withXmp(xmp) : image).toBuffer()
}
