import type { Browser, Page } from 'playwright-core'

import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARTIFACTS_DIR, browserTestsEnabled, launchBrowser } from '../helpers/browser.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { type RunningServer, startAppServer } from '../helpers/server.ts'

const enabled = browserTestsEnabled('the admin browser tests')

describe.runIf(enabled)('admin in a real browser', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    const database = await createTestDatabase('e2e_admin')
    server = await startAppServer(database.uri)
    browser = await launchBrowser()
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function logIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/admin/login`, { waitUntil: 'domcontentloaded', timeout: 180_000 })
    await page.locator('input[name="email"]').fill(email)
    await page.locator('input[name="password"]').fill(password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 120_000 })
  }

  it('logs in with a demo login and lists the demo articles', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    try {
      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      await page.goto(`${server.url}/admin/collections/articles`, { waitUntil: 'domcontentloaded', timeout: 180_000 })
      const published = page.getByText('Kazakhstan ends the Astana talks on Syria after their 20th round')
      await published.first().waitFor({ timeout: 120_000 })
      await expect(page.getByText('Astana could host Syria talks again if the parties ask, ministry says').count()).resolves.toBeGreaterThan(0)
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-articles-list.png') })
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-articles-list-failure.png') }).catch(() => {})
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`)
    } finally {
      await page.close()
    }
  })
})
