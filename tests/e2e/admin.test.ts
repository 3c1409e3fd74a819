import type { Browser, Page } from 'playwright-core'

import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ARTIFACTS_DIR, browserTestsEnabled, launchBrowser } from '../helpers/browser.ts'
import {
  DESK_TRANSLATED_QUOTE,
  DRAFT_ARTICLE_SLUG,
  MINISTRY_COMMENT,
  MINISTRY_SLUG,
  PUBLISHED_ARTICLE_SLUG,
  STATEMENT_SLUG,
} from '../../src/demo/demoContent.ts'
import { readableMoment } from '../../src/gate/text.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { photoWithMetadata } from '../helpers/metadataFixtures.ts'
import { type RunningServer, startAppServer } from '../helpers/server.ts'

const enabled = browserTestsEnabled('the admin browser tests')

describe.runIf(enabled)('admin in a real browser', () => {
  let server: RunningServer
  let browser: Browser
  let databaseUri: string

  beforeAll(async () => {
    const database = await createTestDatabase('e2e_admin')
    databaseUri = database.uri
    server = await startAppServer(database.uri)
    browser = await launchBrowser()
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** The same server, addressed by the loopback IP instead of `localhost`: another origin to the browser. */
  const loopbackUrl = () => {
    const url = new URL(server.url)
    url.hostname = '127.0.0.1'
    return url.origin
  }

  /** Whether React has taken over the element: hydration attaches its fiber to the DOM node. */
  const hydrated = (page: Page, selector: string) =>
    page
      .waitForFunction(
        (s) => {
          const element = document.querySelector(s)
          return Boolean(element && Object.keys(element).some((key) => key.startsWith('__reactFiber')))
        },
        selector,
        { timeout: 60_000 },
      )
      .then(
        () => true,
        () => false,
      )

  async function logIn(page: Page, email: string, password: string, origin = server.url) {
    await page.goto(`${origin}/admin/login`, { waitUntil: 'domcontentloaded', timeout: 180_000 })
    // Signing in goes through the form's script and the client router, so the form must be React's first.
    expect(await hydrated(page, 'form'), `login form hydrated at ${new URL(origin).host}`).toBe(true)
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
      await expect(
        page.getByText('Astana could host Syria talks again if the parties ask, ministry says').count(),
      ).resolves.toBeGreaterThan(0)
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-articles-list.png') })
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-articles-list-failure.png') }).catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 400_000)

  it('hydrates the admin at 127.0.0.1 as at localhost, and reads the credit of a photo uploaded there', async () => {
    for (const origin of [server.url, loopbackUrl()]) {
      const host = new URL(origin).hostname
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      try {
        await logIn(page, 'editor@newsroom.test', 'newsroom-editor', origin)
        await page.goto(`${origin}/admin/collections/articles`, { waitUntil: 'domcontentloaded', timeout: 180_000 })
        const link = page
          .locator('a', { hasText: 'Astana could host Syria talks again if the parties ask, ministry says' })
          .first()
        await link.waitFor({ timeout: 120_000 })
        await page.goto(new URL((await link.getAttribute('href'))!, origin).toString(), {
          waitUntil: 'domcontentloaded',
          timeout: 180_000,
        })
        expect(await hydrated(page, '#field-title'), `article form hydrated at ${host}`).toBe(true)
        // The checklist exists only once its client component has fetched the preflight report.
        await page
          .locator('.attribution-checklist')
          .getByText('2 problems to fix before publishing.')
          .waitFor({ timeout: 60_000 })
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `admin-article-at-${host}.png`) })

        // The upload path is where exifr runs inside the dev server.
        const line = `Press Office (uploaded at ${host})`
        await page.goto(`${origin}/admin/collections/photos/create`, {
          waitUntil: 'domcontentloaded',
          timeout: 180_000,
        })
        expect(await hydrated(page, 'input[type="file"]'), `upload form hydrated at ${host}`).toBe(true)
        const jpeg = await photoWithMetadata({ xmp: { line, creator: 'Aruzhan Sadykova' } })
        await page
          .locator('input[type="file"]')
          .setInputFiles({ name: `xmp-credit-${host}.jpg`, mimeType: 'image/jpeg', buffer: jpeg })
        await page.locator('#field-alt').fill(`A photo uploaded at ${host}`)
        await page.locator('#action-save').click()
        await page.waitForURL((url) => /\/photos\/\d+$/.test(url.pathname), { timeout: 120_000 })
        await expect(page.locator('#field-credit__line').inputValue()).resolves.toBe(line)
        const id = page.url().match(/\/photos\/(\d+)$/)![1]
        const photo = (await (
          await page.request.get(`${origin}/api/photos/${id}?depth=0`, { headers: { Origin: origin } })
        ).json()) as {
          credit: { line: string; creator: string }
          embeddedMetadata: { status: string; line: string }
        }
        expect(photo.embeddedMetadata).toMatchObject({ status: 'read', line })
        expect(photo.credit).toMatchObject({ line, creator: 'Aruzhan Sadykova' })
      } catch (error) {
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `admin-at-${host}-failure.png`) }).catch(() => {})
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
          { cause: error },
        )
      } finally {
        await page.close()
      }
    }
  }, 600_000)

  it('refuses to publish the demo draft until the editor credits its photo, then publishes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) })
    const publicDraftCount = async () => {
      const response = await fetch(`${server.url}/api/articles?where[slug][equals]=${DRAFT_ARTICLE_SLUG}&depth=0`)
      return ((await response.json()) as { totalDocs: number }).totalDocs
    }
    try {
      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      await page.goto(`${server.url}/admin/collections/articles`, { waitUntil: 'domcontentloaded', timeout: 180_000 })
      // Follow the draft's link in the list (its address, not a click, so hydration timing does not matter).
      const link = page
        .locator('a', { hasText: 'Astana could host Syria talks again if the parties ask, ministry says' })
        .first()
      await link.waitFor({ timeout: 120_000 })
      const articleUrl = new URL((await link.getAttribute('href'))!, server.url).toString()
      await page.goto(articleUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 })

      // The checklist warns before anything is pressed.
      const checklist = page.locator('.attribution-checklist')
      await expect(
        checklist.getByText('2 problems to fix before publishing.').waitFor({ timeout: 120_000 }),
      ).resolves.toBeUndefined()
      await shot('attribution-checklist')

      await page.locator('#action-save').click()
      const heroError = page.locator('.field-type.upload.error .field-error')
      await heroError.waitFor({ timeout: 60_000 })
      const message = (await heroError.textContent()) ?? ''
      expect(message).toMatch(
        /Photo 'Delegations arrive for the final day of talks' \(#\d+\), hero photo: has no credit line/,
      )
      await shot('refused-publish')
      expect(await publicDraftCount()).toBe(0)

      // The editor follows the message to the photo and credits it.
      const photoId = message.match(/\(#(\d+)\)/)![1]
      await page.goto(`${server.url}/admin/collections/photos/${photoId}`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      await page.locator('#field-credit__line').fill('Ministry of Foreign Affairs')
      await page.locator('#field-credit__kind').click()
      await page.locator('.rs__option', { hasText: 'Handout' }).click()
      await page.locator('#field-credit__issuer').click()
      await page
        .locator('.rs__option', { hasText: 'Ministry of Foreign Affairs of the Republic of Kazakhstan' })
        .click()
      await page.locator('#action-save').click()
      await page.getByText('Updated successfully').first().waitFor({ timeout: 60_000 })

      await page.goto(articleUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 })
      await checklist.getByText('Ready to publish: attribution and credits check out.').waitFor({ timeout: 120_000 })
      await page.locator('#action-save').click()
      await expect.poll(publicDraftCount, { timeout: 60_000, interval: 1000 }).toBe(1)
      await page.getByText('Published', { exact: true }).first().waitFor({ timeout: 60_000 })
      await shot('published')
      const published = await fetch(`${server.url}/api/articles?where[slug][equals]=${DRAFT_ARTICLE_SLUG}&depth=1`)
      const doc = ((await published.json()) as { docs: { _status: string; heroPhoto: { credit: { line: string } } }[] })
        .docs[0]!
      expect(doc._status).toBe('published')
      expect(doc.heroPhoto.credit.line).toBe('Ministry of Foreign Affairs')
    } catch (error) {
      await shot('publish-flow-failure').catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 600_000)

  it('serves the article published in the admin from its snapshot, with ETag and 304, and lists the snapshot under Delivery', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    try {
      // Published through the admin by the test above.
      const first = await fetch(`${server.url}/api/articles/${DRAFT_ARTICLE_SLUG}`)
      expect(first.status).toBe(200)
      expect(((await first.json()) as { slug: string }).slug).toBe(DRAFT_ARTICLE_SLUG)
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^"[\w-]+"$/)
      expect(first.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/)
      const revalidated = await fetch(`${server.url}/api/articles/${DRAFT_ARTICLE_SLUG}`, {
        headers: { 'If-None-Match': etag! },
      })
      expect(revalidated.status).toBe(304)

      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      await page.goto(`${server.url}/admin/collections/article-snapshots`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      await page.getByText(DRAFT_ARTICLE_SLUG).first().waitFor({ timeout: 120_000 })
      await expect(page.getByText(PUBLISHED_ARTICLE_SLUG).count()).resolves.toBeGreaterThan(0)
      // The Article column shows each snapshot's article by its title once the cells have loaded.
      await page
        .getByText('Kazakhstan ends the Astana talks on Syria after their 20th round')
        .first()
        .waitFor({ timeout: 60_000 })
      await page.waitForFunction(() => !document.body.innerText.includes('Loading...'), undefined, { timeout: 60_000 })
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-snapshots.png') })
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'admin-snapshots-failure.png') }).catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 400_000)

  it('shows the demo article page with the credit line under each photo and the JSON-LD', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } })
    try {
      const response = await page.goto(`${server.url}/articles/${PUBLISHED_ARTICLE_SLUG}`, {
        waitUntil: 'load',
        timeout: 180_000,
      })
      expect(response?.status()).toBe(200)
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'Kazakhstan ends the Astana talks on Syria after their 20th round',
      )
      const captions = await page.locator('figure.hero figcaption, figure.photo figcaption').allTextContents()
      expect(captions).toHaveLength(5)
      for (const caption of captions) expect(caption).toMatch(/Photo credit: Ministry of Foreign Affairs$/)
      // Body images load lazily; each one's address must serve a JPEG.
      const sources = await page
        .locator('figure.hero img, figure.photo img')
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src))
      for (const src of sources) {
        const image = await fetch(src)
        expect(image.headers.get('content-type'), src).toBe('image/jpeg')
      }
      await expect(page.locator('blockquote').count()).resolves.toBe(3)
      // The quotation the desk translated from the statement's Russian text says so under it.
      const translated = page.locator('figure.quotation', { has: page.locator('.translation') })
      await expect(translated.count()).resolves.toBe(1)
      await expect(translated.locator('blockquote').textContent()).resolves.toBe(DESK_TRANSLATED_QUOTE.text)
      await expect(translated.locator('.translation').textContent()).resolves.toBe(
        'translated from Russian by the desk',
      )
      await translated.scrollIntoViewIfNeeded()
      await translated.screenshot({ path: path.join(ARTIFACTS_DIR, 'demo-desk-translation.png') })
      expect(await page.locator('.roles__row').allInnerTexts()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Guarantors\s+Russia, Türkiye, Iran/),
          expect.stringMatching(/Observers\s+UN/),
        ]),
      )
      await expect(page.getByText('Signed by Iran, Russia, Türkiye', { exact: false }).count()).resolves.toBe(1)
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)
      expect(ld['@type']).toBe('NewsArticle')
      expect(ld.image[0].creditText).toBe('Ministry of Foreign Affairs')
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'demo-article.png') })
      const draft = await page.goto(`${server.url}/articles/${DRAFT_ARTICLE_SLUG}-missing`, { timeout: 180_000 })
      expect(draft?.status()).toBe(404)
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'demo-article-failure.png') }).catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 400_000)

  // Last, so the log covers every request the tests above made.
  it('point 3: asks the editor to confirm a credit change that would break a live article, then lists the article under Needs attention', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) })
    try {
      const live = await fetch(`${server.url}/api/articles?where[slug][equals]=${PUBLISHED_ARTICLE_SLUG}&depth=0`)
      const article = ((await live.json()) as { docs: { id: number; title: string; heroPhoto: number }[] }).docs[0]!
      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      await page.goto(`${server.url}/admin/collections/photos/${article.heroPhoto}`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      const panel = page.locator('section[aria-label="Published articles"]')
      await panel.waitFor({ timeout: 120_000 })
      await page.locator('#field-credit__line').fill('')
      await panel.getByText('Saving this would put a published article in breach').waitFor({ timeout: 60_000 })
      expect(await panel.textContent()).toContain(article.title)
      await shot('live-impact-confirmation')

      // Unconfirmed, the server refuses it and says why.
      await page.locator('#action-save').click()
      await page
        .getByText(/would put a published article in breach/)
        .first()
        .waitFor({ timeout: 60_000 })
      await shot('live-impact-refused')
      console.log(
        `[e2e] credit line after the refused save: “${await page.locator('#field-credit__line').inputValue()}”`,
      )

      // Confirmed in the panel, the same change is saved.
      await page.locator('#field-credit__line').fill('')
      await panel.getByText('Saving this would put a published article in breach').waitFor({ timeout: 60_000 })
      await panel.locator('input[type="checkbox"]').check()
      await page.locator('#action-save').click()
      await page.getByText('Updated successfully').first().waitFor({ timeout: 60_000 })

      await page.goto(`${server.url}/admin/collections/needs-attention`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      await page.getByText(article.title, { exact: false }).first().waitFor({ timeout: 120_000 })
      // Who confirmed it, by the account's e-mail, once the list has loaded its relationships.
      await page.getByText('editor@newsroom.test').first().waitFor({ timeout: 60_000 })
      await shot('needs-attention-list')
      // Read from the page, with the editor's session cookie, as the admin itself reads.
      const item = await page.evaluate(async () => {
        const response = await fetch('/api/needs-attention?depth=0&where[status][equals]=open', {
          credentials: 'include',
        })
        return ((await response.json()) as { docs: { acknowledgedBy: unknown; acknowledgedAt: unknown }[] }).docs[0]
      })
      console.log(`[e2e] needs-attention item: ${JSON.stringify(item)}`)
      expect(item?.acknowledgedBy).toEqual(expect.any(Number))

      // Deleting a participant a live article cites: Payload's delete is refused, the panel asks and deletes.
      const made = await page.evaluate(async () => {
        const post = async (path: string, body: unknown) =>
          (
            (await (
              await fetch(path, {
                method: 'POST',
                credentials: 'include',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(body),
              })
            ).json()) as { doc: { id: number } }
          ).doc.id
        const participant = await post('/api/participants', {
          name: 'Delegation to be deleted',
          kind: 'delegation',
          _status: 'published',
        })
        const paragraph = {
          type: 'paragraph',
          version: 1,
          format: '',
          indent: 0,
          direction: 'ltr',
          children: [
            {
              type: 'text',
              version: 1,
              text: 'The delegation arrived.',
              format: 0,
              detail: 0,
              mode: 'normal',
              style: '',
            },
          ],
        }
        const articleId = await post('/api/articles', {
          title: 'A delegation arrives',
          byline: 'Desk',
          dateline: 'ASTANA',
          participants: [{ participant, role: 'party' }],
          body: { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children: [paragraph] } },
          _status: 'published',
        })
        return { participant, articleId }
      })
      await page.goto(`${server.url}/admin/collections/participants/${made.participant}`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      const participantPanel = page.locator('section[aria-label="Published articles"]')
      await participantPanel.getByRole('button', { name: 'Delete…' }).click()
      await participantPanel
        .getByText('Deleting this would put a published article in breach')
        .waitFor({ timeout: 60_000 })
      await shot('live-impact-delete')
      await participantPanel.getByRole('button', { name: 'Delete anyway' }).click()
      await page.waitForURL((url) => url.pathname.endsWith('/collections/participants'), { timeout: 60_000 })
      const deletedItem = await page.evaluate(async (articleId) => {
        const response = await fetch(`/api/needs-attention?depth=0&where[article][equals]=${articleId}`, {
          credentials: 'include',
        })
        return ((await response.json()) as { docs: { reason: string }[] }).docs[0]
      }, made.articleId)
      expect(deletedItem?.reason).toBe('source-deleted')
    } catch (error) {
      await shot('live-impact-failure').catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 600_000)

  it('issue 14: shows a misquote as a word diff in the checklist, and confirms an issuer read from the file in one click', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) })
    try {
      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      // A draft quoting the demo joint statement with one word changed, made with the editor's session.
      const draftId = await page.evaluate(async (statementSlug) => {
        const found = await fetch(`/api/joint-statements?where[slug][equals]=${statementSlug}&depth=0`)
        const statement = ((await found.json()) as { docs: { id: number }[] }).docs[0]!
        const body = {
          root: {
            type: 'root',
            version: 1,
            format: '',
            indent: 0,
            direction: 'ltr',
            children: [
              {
                type: 'block',
                version: 2,
                format: '',
                fields: {
                  id: 'e2e-misquote',
                  blockName: '',
                  blockType: 'quote',
                  text: 'should be universally respected and observed',
                  attributedTo: { relationTo: 'joint-statements', value: statement.id },
                },
              },
            ],
          },
        }
        const created = await fetch('/api/articles?draft=true', {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            title: 'A misquote to show',
            byline: 'Desk',
            dateline: 'ASTANA',
            body,
            _status: 'draft',
          }),
        })
        return ((await created.json()) as { doc: { id: number } }).doc.id
      }, STATEMENT_SLUG)
      await page.goto(`${server.url}/admin/collections/articles/${draftId}`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      const diff = page.locator('.attribution-checklist__diff').first()
      await diff.waitFor({ timeout: 120_000 })
      await expect(diff.locator('.attribution-checklist__diff-delete').first().textContent()).resolves.toContain(
        'complied',
      )
      await expect(diff.locator('.attribution-checklist__diff-insert').first().textContent()).resolves.toContain(
        'observed',
      )
      await diff.scrollIntoViewIfNeeded()
      await shot('misquote-diff')

      // An upload whose file names the ministry: the issuer is proposed from the file, to be confirmed.
      await page.goto(`${server.url}/admin/collections/photos/create`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      expect(await hydrated(page, 'input[type="file"]')).toBe(true)
      const jpeg = await photoWithMetadata({ xmp: { line: 'Kazakh MFA' } })
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'issuer-from-file.jpg', mimeType: 'image/jpeg', buffer: jpeg })
      await page.locator('#field-alt').fill('Delegates at the table')
      await page.locator('#action-save').click()
      await page.waitForURL((url) => /\/photos\/\d+$/.test(url.pathname), { timeout: 120_000 })
      const button = page.getByRole('button', { name: 'Confirm issuer' })
      await button.waitFor({ timeout: 120_000 })
      await shot('issuer-from-file')
      await button.click()
      await page.getByText(/From the file — confirmed/).waitFor({ timeout: 60_000 })
      const photoId = page.url().match(/\/photos\/(\d+)$/)![1]
      const credit = await page.evaluate(async (id) => {
        const response = await fetch(`/api/photos/${id}?depth=0`, { credentials: 'include' })
        return ((await response.json()) as { credit: Record<string, unknown> }).credit
      }, photoId)
      expect(credit).toMatchObject({ issuerSource: 'file', issuerConfirmedBy: expect.any(Number) })
      expect(credit.issuerConfirmedAt).toEqual(expect.any(String))
      await shot('issuer-confirmed')
    } catch (error) {
      await shot('issue-14-failure').catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 600_000)

  it('shows the findings about statements in the checklist, and schedules the publication for when the embargo lifts', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) })
    // Two hours ahead, to the second: the scheduled publish must not fire while the test runs.
    const embargoUntil = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 60 * 60 * 1000).toISOString()
    try {
      await logIn(page, 'editor@newsroom.test', 'newsroom-editor')
      // A briefing of the ministry in Russian, under embargo, and a draft that quotes it in the desk's
      // translation and also quotes the ministry's comment straight from the ministry.
      const draftId = await page.evaluate(
        async ({ ministrySlug, embargoUntil, ministryComment }) => {
          const paragraph = (text: string) => ({
            type: 'paragraph',
            version: 1,
            format: '',
            indent: 0,
            direction: 'ltr',
            children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
          })
          const root = (children: unknown[]) => ({
            root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children },
          })
          const quote = (id: string, fields: Record<string, unknown>) => ({
            type: 'block',
            version: 2,
            format: '',
            fields: { id, blockName: '', blockType: 'quote', ...fields },
          })
          const post = async (path: string, body: unknown) => {
            const response = await fetch(path, {
              method: 'POST',
              credentials: 'include',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            })
            const json = (await response.json()) as { doc?: { id: number } }
            if (!response.ok || !json.doc) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`)
            return json.doc.id
          }
          const found = await fetch(`/api/participants?where[slug][equals]=${ministrySlug}&depth=0`, {
            credentials: 'include',
          })
          const ministry = ((await found.json()) as { docs: { id: number }[] }).docs[0]!.id
          const briefing = await post('/api/statements', {
            title: 'Briefing of the ministry’s spokesperson on the Astana format',
            issuer: ministry,
            kind: 'briefing',
            language: 'ru',
            text: root([
              paragraph(
                'Казахстан готов рассмотреть возможность продолжения переговоров в Астане, если участники совместно попросят об этом.',
              ),
            ]),
            embargoUntil,
            _status: 'published',
          })
          return post('/api/articles?draft=true', {
            title: 'Astana would consider hosting the talks again',
            byline: 'Diplomacy desk',
            dateline: 'ASTANA',
            body: root([
              paragraph('The ministry’s spokesperson spoke about the future of the format.'),
              quote('e2e-desk-translation', {
                text: 'Kazakhstan is ready to consider continuing the negotiations in Astana if the participants jointly ask for it.',
                attributedTo: { relationTo: 'statements', value: briefing },
                manner: 'statement',
                translatedFrom: 'ru',
              }),
              quote('e2e-straight-from-the-ministry', {
                text: ministryComment,
                attributedTo: { relationTo: 'participants', value: ministry },
                manner: 'official-comment',
              }),
            ]),
            _status: 'draft',
          })
        },
        { ministrySlug: MINISTRY_SLUG, embargoUntil, ministryComment: MINISTRY_COMMENT },
      )
      await page.goto(`${server.url}/admin/collections/articles/${draftId}`, {
        waitUntil: 'domcontentloaded',
        timeout: 180_000,
      })
      const checklist = page.locator('.attribution-checklist')
      await checklist.getByText('1 problem to fix before publishing.').waitFor({ timeout: 120_000 })
      const item = (rule: string) =>
        checklist.locator('.attribution-checklist__item', {
          has: page.locator('.attribution-checklist__rule', { hasText: rule }),
        })
      await expect(item('statement-embargo').locator('.attribution-checklist__message').textContent()).resolves.toMatch(
        `is under embargo until ${readableMoment(new Date(embargoUntil))}.`,
      )
      await expect(item('desk-translation').locator('.attribution-checklist__message').textContent()).resolves.toMatch(
        /^Quote 1 \(“Kazakhstan is ready to consider .*\) was translated by the desk from Russian \(ru\)/,
      )
      await expect(
        item('quote-source-missing').locator('.attribution-checklist__message').textContent(),
      ).resolves.toMatch(/^Quote 2 .* is attributed straight to .* as an official comment\./)
      await expect(checklist.locator('.attribution-checklist__item').count()).resolves.toBe(3)
      const button = checklist.getByRole('button', { name: 'Publish when the embargo lifts' })
      await button.waitFor({ timeout: 60_000 })
      await shot('statement-findings')

      // Publishing now is refused; the button schedules it for the end of the embargo instead.
      await button.click()
      await checklist.getByText(/^Scheduled: it will be published at .*, when the embargo lifts/).waitFor({
        timeout: 60_000,
      })
      await checklist.screenshot({ path: path.join(ARTIFACTS_DIR, 'publish-after-embargo-scheduled.png') })

      const client = new pg.Client({ connectionString: databaseUri })
      await client.connect()
      try {
        const { rows } = await client.query<{ wait_until: Date; input: { type: string; doc: unknown } }>(
          `select wait_until, input from payload_jobs
            where task_slug = 'schedulePublish' and completed_at is null and input->'doc'->>'value' = $1`,
          [String(draftId)],
        )
        expect(rows).toHaveLength(1)
        expect(rows[0]!.wait_until.toISOString()).toBe(embargoUntil)
        expect(rows[0]!.input).toMatchObject({ type: 'publish', doc: { relationTo: 'articles' } })
      } finally {
        await client.end()
      }
      // Not live yet: readers do not get it, and the desk sees a draft.
      const publicRead = await fetch(`${server.url}/api/articles?where[id][equals]=${draftId}&depth=0`)
      expect(((await publicRead.json()) as { totalDocs: number }).totalDocs).toBe(0)
      const status = await page.evaluate(async (id) => {
        const response = await fetch(`/api/articles/${id}?depth=0`, { credentials: 'include' })
        return ((await response.json()) as { _status: string })._status
      }, draftId)
      expect(status).toBe('draft')
    } catch (error) {
      await shot('statement-findings-failure').catch(() => {})
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${server.log().slice(-3000)}`,
        { cause: error },
      )
    } finally {
      await page.close()
    }
  }, 600_000)

  it('serves all of the above without a module the server could not load or a request it refused', () => {
    const log = server.log()
    expect(log).toMatch(/POST \/api\/photos/)
    const complaints = log.split('\n').filter((line) => /Couldn't load|Blocked cross-origin request/.test(line))
    expect(complaints).toEqual([])
  })
})
