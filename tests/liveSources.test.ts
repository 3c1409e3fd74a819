/**
 * Live articles stay true to their sources: a change to a joint statement, photo or participant
 * that would put a published article in breach of an error-level rule is refused with the list of
 * those articles, unless it is confirmed; a confirmed change is recorded and the articles go on
 * the "Needs attention" list (collection, endpoint, webhook) until an editor fixes them — source
 * first or article first. Through REST, GraphQL and the Local API, by id, in bulk and on delete.
 */
import type { Payload } from 'payload'

import { createLocalReq } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { doc, paragraph, quote, upload } from '../src/demo/lexicalBuilders.ts'
import { assessLiveImpact } from '../src/integrity/liveImpact.ts'
import { resolveOptions } from '../src/plugins/newsroom/resolveOptions.ts'
import { createGateFixtures, type GateFixtures, STATEMENT_TEXT } from './helpers/gateFixtures.ts'
import { startHostApp } from './helpers/hostApp.ts'
import { createUser } from './helpers/payload.ts'
import { countQueries } from './helpers/queries.ts'

const RECEIVER = 'http://127.0.0.1:9/live-sources'
const QUOTED = 'The parties do not accept any attempts to create new realities on the ground.'

let app: Awaited<ReturnType<typeof startHostApp>>
let payload: Payload
let fixtures: GateFixtures
let editor: string
let editorId: number | string
let counter = 0

beforeAll(async () => {
  app = await startHostApp('live_sources', {
    webhooks: { endpoints: [{ url: RECEIVER }], secret: 'a-webhook-secret-for-live-sources', autoRun: false },
  })
  payload = app.payload
  await createUser(payload, 'admin@live.test', ['admin'])
  editorId = (await createUser(payload, 'editor@live.test', ['editor'])).id
  fixtures = await createGateFixtures(payload)
  editor = await app.rest.login('editor@live.test', 'editor@live.test-password')
}, 120_000)

afterAll(async () => {
  await app?.close()
})

/** A joint statement of its own, published, with the usual text. */
async function publishedStatement() {
  counter += 1
  return payload.create({
    collection: 'joint-statements',
    data: {
      title: `Joint statement ${counter}`,
      signatories: [fixtures.iran.id, fixtures.russia.id, fixtures.turkiye.id],
      text: doc(...STATEMENT_TEXT.map((line) => paragraph(line))) as never,
      _status: 'published',
    },
  })
}

/** A published article quoting `statementId` and showing `photoId`. */
async function publishedArticle(statementId: number | string, photoId?: number | string, quoted = QUOTED) {
  counter += 1
  return payload.create({
    collection: 'articles',
    data: {
      title: `Talks end ${counter}`,
      byline: 'Desk',
      dateline: 'ASTANA',
      participants: [
        { participant: fixtures.iran.id, role: 'guarantor' },
        { participant: fixtures.russia.id, role: 'guarantor' },
        { participant: fixtures.turkiye.id, role: 'guarantor' },
      ],
      body: doc(
        paragraph('The talks ended.'),
        quote({ text: quoted, attributedTo: { relationTo: 'joint-statements', value: statementId } }),
        ...(photoId ? [upload('photos', photoId)] : []),
      ),
      _status: 'published',
    } as never,
  })
}

const textWithout = (line: string) => doc(...STATEMENT_TEXT.filter((l) => l !== line).map((l) => paragraph(l)))

const openItems = async (articleId: number | string) =>
  (
    await payload.find({
      collection: 'needs-attention',
      where: { and: [{ article: { equals: articleId } }, { status: { equals: 'open' } }] },
      overrideAccess: true,
      pagination: false,
    })
  ).docs

const deliveries = async (event: string) =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      where: { event: { equals: event } },
      overrideAccess: true,
      pagination: false,
    })
  ).docs

const storedText = async (statementId: number | string) =>
  JSON.stringify(
    (await payload.findByID({ collection: 'joint-statements', id: statementId, depth: 0, overrideAccess: true })).text,
  )

describe('point 3: live articles stay true to their sources', () => {
  it('point 3: a statement edit that drops a live quotation is refused (409) with each live article and its findings, and changes nothing', async () => {
    const statement = await publishedStatement()
    const first = await publishedArticle(statement.id)
    const second = await publishedArticle(statement.id)
    const before = await storedText(statement.id)

    const response = await app.rest.patch(
      `/joint-statements/${statement.id}`,
      { text: textWithout(QUOTED) },
      { token: editor },
    )
    expect(response.status).toBe(409)
    const error = response.json.errors[0]
    expect(error.message).toContain('would put 2 published articles in breach')
    expect(error.message).toContain(first.title)
    expect(error.message).toContain('acknowledgeLiveImpact')
    const listed = error.data.liveArticles as { id: number; findings: { rule: string }[] }[]
    expect(listed.map((article) => article.id).sort()).toEqual([first.id, second.id].sort())
    expect(listed.every((article) => article.findings.some((finding) => finding.rule === 'quote-in-statement'))).toBe(
      true,
    )

    expect(await storedText(statement.id)).toBe(before)
    expect(await openItems(first.id)).toHaveLength(0)
  })

  it('point 3: a change that keeps every live quotation is saved without confirmation', async () => {
    const statement = await publishedStatement()
    await publishedArticle(statement.id)
    const response = await app.rest.patch(
      `/joint-statements/${statement.id}`,
      {
        title: 'Joint statement, retitled',
        text: doc(...[...STATEMENT_TEXT, 'A new closing line.'].map((l) => paragraph(l))),
      },
      { token: editor },
    )
    expect(response.status).toBe(200)
  })

  it('point 3: a draft saved over a published statement changes nothing live and is not checked', async () => {
    const statement = await publishedStatement()
    await publishedArticle(statement.id)
    const response = await app.rest.patch(
      `/joint-statements/${statement.id}?draft=true`,
      { text: textWithout(QUOTED), _status: 'draft' },
      { token: editor },
    )
    expect(response.status).toBe(200)
    expect(await storedText(statement.id)).toContain(QUOTED.slice(0, 30))
  })

  it('point 3: confirmed, the change is saved and recorded (who, when, which articles); the article is on the Needs attention list, the endpoint and a webhook', async () => {
    const statement = await publishedStatement()
    const article = await publishedArticle(statement.id)
    const webhooksBefore = (await deliveries('article.needs-attention')).length

    const response = await app.rest.patch(
      `/joint-statements/${statement.id}`,
      { text: textWithout(QUOTED), acknowledgeLiveImpact: true },
      { token: editor },
    )
    expect(response.status).toBe(200)
    expect(await storedText(statement.id)).not.toContain(QUOTED.slice(0, 30))

    const [item, ...more] = await openItems(article.id)
    expect(more).toHaveLength(0)
    expect(item).toMatchObject({
      reason: 'source-changed',
      status: 'open',
      source: { collection: 'joint-statements', documentId: String(statement.id) },
    })
    expect(typeof item!.acknowledgedBy === 'object' ? item!.acknowledgedBy?.id : item!.acknowledgedBy).toBe(editorId)
    expect(Date.now() - new Date(item!.acknowledgedAt!).getTime()).toBeLessThan(60_000)
    expect((item!.findings as { rule: string }[]).map((finding) => finding.rule)).toContain('quote-in-statement')
    expect(item!.title).toContain(article.title)

    // The admin list view is the collection's; its REST list is what the list view reads.
    const list = await app.rest.get('/needs-attention?limit=100', { token: editor })
    expect(list.status).toBe(200)
    expect((list.json.docs as { id: number }[]).some((doc) => doc.id === item!.id)).toBe(true)
    expect((await app.rest.get('/needs-attention', { token: null })).status).toBe(403)

    const endpoint = await app.rest.get('/articles/needs-attention', { token: editor })
    const entry = (endpoint.json.docs as { id: number; reasons: string[]; items: { id: number }[] }[]).find(
      (doc) => doc.id === article.id,
    )
    expect(entry?.reasons).toContain('source-changed')
    expect(entry?.items.map((i) => i.id)).toContain(item!.id)

    const sent = await deliveries('article.needs-attention')
    expect(sent.length).toBe(webhooksBefore + 1)
    const body = sent[0]!.payload as {
      articles: { id: number }[]
      attention: { findings: Record<string, unknown[]>; acknowledgedBy: { id: unknown } }
    }
    expect(body.articles.map((a) => a.id)).toContain(article.id)
    expect(body.attention.findings[String(article.id)]?.length).toBeGreaterThan(0)
    expect(body.attention.acknowledgedBy.id).toBe(editorId)
  })

  it('point 3: no deadlock — fixing the source first takes the article off the list', async () => {
    const statement = await publishedStatement()
    const article = await publishedArticle(statement.id)
    await payload.update({
      collection: 'joint-statements',
      id: statement.id,
      data: { text: textWithout(QUOTED) as never },
      context: { acknowledgeLiveImpact: true },
    })
    expect(await openItems(article.id)).toHaveLength(1)

    const restored = await app.rest.patch(
      `/joint-statements/${statement.id}`,
      { text: doc(...STATEMENT_TEXT.map((l) => paragraph(l))) },
      { token: editor },
    )
    expect(restored.status).toBe(200)
    expect(await openItems(article.id)).toHaveLength(0)
    const resolved = await payload.find({
      collection: 'needs-attention',
      where: { article: { equals: article.id } },
      overrideAccess: true,
    })
    expect(resolved.docs[0]).toMatchObject({ status: 'resolved', resolution: 'source-fixed' })
    expect((await deliveries('article.attention-resolved')).length).toBeGreaterThan(0)
  })

  it('point 3: no deadlock — fixing the article first (published again, passing the gate) takes it off the list; a still-broken article cannot be republished', async () => {
    const statement = await publishedStatement()
    const article = await publishedArticle(statement.id)
    await payload.update({
      collection: 'joint-statements',
      id: statement.id,
      data: { text: textWithout(QUOTED) as never },
      context: { acknowledgeLiveImpact: true },
    })
    expect(await openItems(article.id)).toHaveLength(1)

    const stillBroken = await app.rest.patch(
      `/articles/${article.id}`,
      { title: `${article.title}!` },
      { token: editor },
    )
    expect(stillBroken.status).toBe(400)
    expect(await openItems(article.id)).toHaveLength(1)

    const fixed = await app.rest.patch(
      `/articles/${article.id}`,
      {
        body: doc(
          paragraph('The talks ended.'),
          quote({ text: STATEMENT_TEXT[2]!, attributedTo: { relationTo: 'joint-statements', value: statement.id } }),
        ),
        _status: 'published',
      },
      { token: editor },
    )
    expect(fixed.status).toBe(200)
    expect(await openItems(article.id)).toHaveLength(0)
    const [item] = (
      await payload.find({
        collection: 'needs-attention',
        where: { article: { equals: article.id } },
        overrideAccess: true,
      })
    ).docs
    expect(item).toMatchObject({ status: 'resolved', resolution: 'article-republished' })
  })

  it('point 3: statements of one participant are sources too — a translation edit that drops a live quotation, or a new embargo, is refused', async () => {
    counter += 1
    const translation = (line: string) => ({ language: 'en', text: doc(paragraph(line)) })
    const comment = await payload.create({
      collection: 'statements',
      data: {
        title: `Comment ${counter}`,
        issuer: fixtures.kazakhMfa.id,
        kind: 'official-comment',
        language: 'ru',
        text: doc(paragraph('Следующий раунд состоится в Астане осенью.')),
        translations: [translation('The next round will be held in Astana in the autumn.')],
        _status: 'published',
      } as never,
    })
    const article = await payload.create({
      collection: 'articles',
      data: {
        title: `Next round ${counter}`,
        byline: 'Desk',
        dateline: 'ASTANA',
        body: doc(
          paragraph('The ministry commented.'),
          quote({
            text: 'The next round will be held in Astana',
            attributedTo: { relationTo: 'statements', value: comment.id },
            manner: 'official-comment',
          }),
        ),
        _status: 'published',
      } as never,
    })
    const stored = await payload.findByID({ collection: 'articles', id: article.id, depth: 0, overrideAccess: true })
    expect((stored as unknown as { issuedStatementsCited: number[] }).issuedStatementsCited).toEqual([comment.id])

    const changed = await app.rest.patch(
      `/statements/${comment.id}`,
      { translations: [translation('The next round will be held in Almaty.')] },
      { token: editor },
    )
    expect(changed.status).toBe(409)
    expect(changed.json.errors[0].data.liveArticles[0].findings.map((f: { rule: string }) => f.rule)).toContain(
      'quote-in-statement',
    )

    const embargoed = await app.rest.patch(
      `/statements/${comment.id}`,
      { embargoUntil: new Date(Date.now() + 86_400_000).toISOString() },
      { token: editor },
    )
    expect(embargoed.status).toBe(409)
    expect(embargoed.json.errors[0].data.liveArticles[0].findings.map((f: { rule: string }) => f.rule)).toContain(
      'statement-embargo',
    )

    const kept = await app.rest.patch(`/statements/${comment.id}`, { place: 'Astana' }, { token: editor })
    expect(kept.status).toBe(200)
  })

  it('point 3: a live photo whose credit would no longer satisfy the credit rules — by id and in bulk — is refused; confirmed, it is flagged', async () => {
    const statement = await publishedStatement()
    const photo = await fixtures.photo()
    const article = await publishedArticle(statement.id, photo.id)

    const byId = await app.rest.patch(`/photos/${photo.id}`, { credit: { line: '' } }, { token: editor })
    expect(byId.status).toBe(409)
    expect(byId.json.errors[0].data.liveArticles[0].findings.map((f: { rule: string }) => f.rule)).toContain(
      'photo-credit-line',
    )

    const bulk = await app.rest.patch(
      `/photos?where[id][equals]=${photo.id}`,
      { credit: { line: 'Photo by a stranger' } },
      { token: editor },
    )
    expect(bulk.status).not.toBe(200)
    expect(JSON.stringify(bulk.json)).toContain(article.title)
    const stored = await payload.findByID({ collection: 'photos', id: photo.id, overrideAccess: true })
    expect(stored.credit?.line).toBe('Ministry of Foreign Affairs')

    const confirmed = await app.rest.patch(
      `/photos/${photo.id}`,
      { credit: { line: 'Photo by a stranger' }, acknowledgeLiveImpact: true },
      { token: editor },
    )
    expect(confirmed.status).toBe(200)
    const [item] = await openItems(article.id)
    expect((item!.findings as { rule: string }[]).map((f) => f.rule)).toContain('ministry-credit')
  })

  it('point 3: unpublishing or deleting a participant a live article cites is refused; the header confirms a delete', async () => {
    counter += 1
    const ministry = await payload.create({
      collection: 'participants',
      data: { name: `Delegation ${counter}`, kind: 'delegation', _status: 'published' } as never,
    })
    const article = await payload.create({
      collection: 'articles',
      data: {
        title: `Ministry comments ${counter}`,
        byline: 'Desk',
        dateline: 'ASTANA',
        participants: [{ participant: ministry.id, role: 'host' }],
        body: doc(paragraph('The ministry commented.')),
        _status: 'published',
      } as never,
    })

    const unpublish = await app.rest.patch(`/participants/${ministry.id}`, { _status: 'draft' }, { token: editor })
    expect(unpublish.status).toBe(409)
    expect(unpublish.json.errors[0].data.liveArticles[0].findings[0].rule).toBe('cited-unpublished')

    const refusedDelete = await app.rest.delete(`/participants/${ministry.id}`, { token: editor })
    expect(refusedDelete.status).toBe(409)
    expect(await payload.count({ collection: 'participants', where: { id: { equals: ministry.id } } })).toMatchObject({
      totalDocs: 1,
    })

    const confirmedDelete = await app.rest.request('DELETE', `/participants/${ministry.id}`, undefined, {
      token: editor,
      headers: { 'X-Acknowledge-Live-Impact': 'true' },
    })
    expect(confirmedDelete.status).toBe(200)
    const [item] = await openItems(article.id)
    expect(item).toMatchObject({ reason: 'source-deleted' })
  })

  it('point 3: GraphQL and the Local API are held to it too, and confirm it the same way', async () => {
    const statement = await publishedStatement()
    const article = await publishedArticle(statement.id)
    const mutation = `mutation($id: Int!, $data: mutationJointStatementUpdateInput!) {
      updateJointStatement(id: $id, data: $data) { id }
    }`
    const refused = await app.rest.graphql(
      mutation,
      { id: statement.id, data: { text: textWithout(QUOTED) } },
      { token: editor },
    )
    expect(JSON.stringify(refused.json.errors)).toContain('would put a published article in breach')
    expect(await openItems(article.id)).toHaveLength(0)

    await expect(
      payload.update({
        collection: 'joint-statements',
        id: statement.id,
        data: { text: textWithout(QUOTED) as never },
      }),
    ).rejects.toThrow(/in breach of the publish rules/)

    const confirmed = await app.rest.graphql(
      mutation,
      { id: statement.id, data: { text: textWithout(QUOTED), acknowledgeLiveImpact: true } },
      { token: editor },
    )
    expect(confirmed.json.errors).toBeUndefined()
    expect(await openItems(article.id)).toHaveLength(1)
  })

  it('point 3: a draft whose body still shows a deleted photo stays savable (nothing is lost)', async () => {
    const photo = await fixtures.photo()
    counter += 1
    const draft = await payload.create({
      collection: 'articles',
      data: {
        title: `Draft with a photo ${counter}`,
        body: doc(paragraph('Work in progress.'), upload('photos', photo.id)),
        _status: 'draft',
      } as never,
      draft: true,
    })
    await payload.delete({ collection: 'photos', id: photo.id })
    const saved = await app.rest.patch(
      `/articles/${draft.id}?draft=true`,
      { title: `Draft with a photo ${counter}, edited` },
      { token: editor },
    )
    expect(saved.status).toBe(200)
    expect(saved.json.doc.photosUsed).toEqual([])
  })

  it('point 3: the live-impact endpoint previews a change without saving it', async () => {
    const statement = await publishedStatement()
    const article = await publishedArticle(statement.id)
    const preview = await app.rest.post(
      `/joint-statements/${statement.id}/live-impact`,
      { data: { text: textWithout(QUOTED) } },
      { token: editor },
    )
    expect(preview.status).toBe(200)
    expect(preview.json.breaches).toBe(1)
    expect(preview.json.liveArticles[0]).toMatchObject({ id: article.id })
    expect((await app.rest.post(`/joint-statements/${statement.id}/live-impact`, {}, { token: null })).status).toBe(401)
    expect(await storedText(statement.id)).toContain(QUOTED.slice(0, 30))
  })

  it('point 3: the check is batched — the same number of queries for 1 live article as for 12', async () => {
    const one = await publishedStatement()
    await publishedArticle(one.id)
    const many = await publishedStatement()
    for (let i = 0; i < 12; i += 1) await publishedArticle(many.id)
    const req = await createLocalReq({}, payload)
    const options = resolveOptions({})
    const measure = (id: number | string) =>
      countQueries(() =>
        assessLiveImpact(req, options, { collection: 'jointStatements', id, doc: { text: textWithout(QUOTED) } }),
      )
    const small = await measure(one.id)
    const large = await measure(many.id)
    expect(small.result.articles).toHaveLength(1)
    expect(large.result.articles).toHaveLength(12)
    expect(large.result.articles.every((a) => a.newErrors.length > 0)).toBe(true)
    expect(large.count).toBe(small.count)
  })
})
