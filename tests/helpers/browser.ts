import fs from 'node:fs'
import path from 'node:path'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const hasChromium = fs.existsSync(CHROMIUM_PATH)

/**
 * Browser tests need Debian's chromium (`.ci/run` installs it). Outside CI a machine without it
 * skips them with a message; in CI its absence is a failure.
 */
export function browserTestsEnabled(suite: string): boolean {
  if (hasChromium) return true
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing: install it with apt-get install -y chromium`)
  console.warn(`[tests] skipping ${suite}: no browser at ${CHROMIUM_PATH} (apt-get install -y chromium)`)
  return false
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const ARTIFACTS_DIR = path.resolve('tests/.artifacts')
