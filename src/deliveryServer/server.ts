/**
 * The delivery server: public reads of published articles and lists, answered from the snapshot
 * tables over plain `node:http` and `pg`, with the same bodies and headers as the CMS's endpoints
 * (both build them with `delivery/publicRead.ts`). It never loads Payload, so it starts in
 * milliseconds and serves from memory.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'

import {
  articleNotFoundBody,
  isIdOrSlug,
  JSON_TYPE,
  LATEST_ARTICLES_PATH,
  latestArticlesPage,
  latestArticlesQuery,
  type ListedArticleRow,
  type ListPage,
  ORIGIN_PLACEHOLDER,
  participantArticlesPage,
  participantArticlesQuery,
  participantNotFoundBody,
  participantQuery,
  type ParticipantRow,
  publicHeaders,
  readListQuery,
  type Representation,
  REPRESENTATIONS,
  snapshotQuery,
  type SnapshotReadRow,
  storedKeys,
  strongEtag,
} from '../delivery/publicRead.ts'
import { type ArticleGroup, CachedAnswer, DeliveryCache, type ListKind } from './cache.ts'
import { DeliveryDatabase, isUnreachable } from './database.ts'
import { type ContentCoding, ifNoneMatchesAnyCoding, negotiateEncoding } from './encoding.ts'
import { NoticeListener } from './listener.ts'
import { type DeliveryServerOptions, resolveDeliveryOptions } from './options.ts'

/** The header that marks an answer sent from the cache while the database could not confirm it. */
export const STALE_HEADER = 'Newsroom-Stale'
export const STALE_REASON = 'database-unavailable'

/** What the server has done since it started. */
export interface DeliveryStats {
  cache: {
    /** Requests answered from memory (after a check with the database, when one was due). */
    hits: number
    /** Requests that had to read their answer from the database. */
    misses: number
    /** Checks of held answers against the database. */
    revalidations: number
    entries: number
    /** Bytes held: bodies, their compressed forms and a fixed allowance per answer. */
    bytes: number
    maxBytes: number
    evictions: number
  }
  /** Statements sent to PostgreSQL. */
  queries: number
  /** Notifications received on `DELIVERY_CHANNEL`. */
  notices: number
  /** Whether the last read reached the database. */
  database: 'up' | 'down'
  /** Whether the notification connection is listening. */
  listening: boolean
  /** Answers sent from the cache while the database was away. */
  servedStale: number
  /** `503`s: the database was away and the answer was not cached. */
  unavailable: number
}

export interface DeliveryServer {
  /** The underlying server, e.g. to attach to an existing one or read its address. */
  readonly server: http.Server
  /** Starts listening for changes and for requests; resolves with where it listens. */
  listen: (port: number, host?: string) => Promise<{ port: number; host: string; url: string }>
  /** Stops taking requests, finishes those in flight, closes the database connections it opened. */
  close: () => Promise<void>
  stats: () => DeliveryStats
}

type Headers = Record<string, string>

const errorBody = (message: string) => JSON.stringify({ errors: [{ message }] })

const ASK_THE_CMS = errorBody(
  'This server answers the plain public read only; ask the CMS for reads with query parameters (depth, select, draft, locale, …).',
)
const UNAVAILABLE = errorBody('The database is unavailable at the moment; try again shortly.')
const NOT_FOUND = errorBody('Not found.')
const NOT_ALLOWED = errorBody('Only GET and HEAD are answered here.')
const BAD_HOST = errorBody('The Host header is not a host name.')
const FAILED = errorBody('Something went wrong on the delivery server.')

/** How long `close()` lets requests in flight finish before it closes their connections. */
const CLOSE_GRACE_MS = 2_000

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

export function createDeliveryServer(options: DeliveryServerOptions): DeliveryServer {
  const settings = resolveDeliveryOptions(options)
  const { tables, cacheControl, logger, publicURL } = settings
  const database = settings.pool
    ? new DeliveryDatabase(settings.pool, false, logger)
    : DeliveryDatabase.connect(settings.databaseUri!, settings.connectTimeoutMs, logger)
  const cache = new DeliveryCache(settings.cacheBytes, settings.revalidateAfterMs)
  const counters = { servedStale: 0, unavailable: 0 }

  const listener = new NoticeListener({
    createClient: () =>
      new pg.Client({
        ...(settings.notificationsUri
          ? { connectionString: settings.notificationsUri }
          : settings.pool
            ? settings.pool.options
            : { connectionString: settings.databaseUri }),
        connectionTimeoutMillis: settings.connectTimeoutMs,
        keepAlive: true,
        application_name: 'newsroom-delivery-listener',
      }),
    onNotice: (notice) => cache.invalidate(notice),
    onListening: () => {
      cache.revalidateAll()
      database.markUp()
    },
    // A lost notification connection is often the first sign of an outage: asking the database at
    // once marks it down (and cached answers stale) without waiting for a read to fail. A cut that
    // leaves the database up costs one query.
    onLost: () => void database.ping(),
    logger,
  })
  // What changed while the database was out of reach was announced to nobody.
  database.onChange((up) => {
    if (up) cache.revalidateAll()
  })

  /** Reads in flight, shared by the requests that need the same one. */
  const inFlight = new Map<string, Promise<unknown>>()
  function shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const existing = inFlight.get(key)
    if (existing) return existing as Promise<T>
    const started = read().finally(() => inFlight.delete(key))
    inFlight.set(key, started)
    return started
  }

  // --- Answers that are not cached. ---

  function sendPlain(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Headers,
  ) {
    const bytes = Buffer.from(body)
    res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  }
  const notFoundHeaders = publicHeaders({ contentType: JSON_TYPE, cacheControl, keys: [] })
  const noStore = { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' }
  const sendUnavailable = (req: http.IncomingMessage, res: http.ServerResponse) => {
    counters.unavailable += 1
    sendPlain(req, res, 503, UNAVAILABLE, { ...noStore, 'Retry-After': String(settings.retryAfterSeconds) })
  }

  /** Clients send a handful of distinct `Accept-Encoding` values, each many times. */
  const codings = new Map<string, ContentCoding>()
  function codingFor(header: string | undefined): ContentCoding {
    if (!header) return 'identity'
    let coding = codings.get(header)
    if (!coding) {
      coding = negotiateEncoding(header)
      if (codings.size >= 256) codings.clear()
      codings.set(header, coding)
    }
    return coding
  }

  /** A held answer, negotiated: `304` when the reader has this version in any coding. */
  async function sendAnswer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: CachedAnswer,
    stale: boolean,
  ): Promise<void> {
    const coding = answer.codingFor(codingFor(req.headers['accept-encoding']))
    if (stale) {
      counters.servedStale += 1
      res.setHeader(STALE_HEADER, STALE_REASON)
    }
    if (ifNoneMatchesAnyCoding(req.headers['if-none-match'], answer.etag)) {
      res.writeHead(304, answer.headers(coding, true, 0))
      res.end()
      return
    }
    const body = await answer.bodyIn(coding)
    res.writeHead(200, answer.headers(coding, false, body.length))
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /** `http://<Host>` as the CMS sees a request's origin; `null` for a Host that is no host name. */
  const origins = new Map<string, string | null>()
  function requestOrigin(req: http.IncomingMessage): string | null {
    const host = req.headers.host ?? ''
    let origin = origins.get(host)
    if (origin === undefined) {
      origin = HOST.test(host) ? new URL(`http://${host}`).origin : null
      // Hosts come from requests: the memo must not grow with whatever they send.
      if (origins.size >= 1_000) origins.clear()
      origins.set(host, origin)
    }
    return origin
  }

  // --- Articles. ---

  const articleKey = (id: number, representation: Representation, origin: string | undefined) =>
    `a|${id}|${REPRESENTATIONS[representation].tag}|${origin ?? ''}`

  /** One indexed read of a representation with its hash and keys, stored unless something changed meanwhile. */
  function loadArticle(idOrSlug: string, representation: Representation, origin: string | undefined) {
    const { column, tag, contentType } = REPRESENTATIONS[representation]
    const epoch = cache.epoch
    return shared(`load|${epoch}|${tag}|${origin ?? ''}|${idOrSlug}`, async () => {
      const [row] = await database.query<SnapshotReadRow>(snapshotQuery(tables, idOrSlug, column))
      if (!row) {
        if (!/^\d+$/.test(idOrSlug)) cache.dropSlug(idOrSlug)
        return undefined
      }
      const stored = row.body ?? ''
      const bodyOrigin = representation === 'jsonLd' ? (origin ?? publicURL) : undefined
      const body = bodyOrigin ? stored.replaceAll(ORIGIN_PLACEHOLDER, bodyOrigin) : stored
      return cache.storeArticle(
        (group) =>
          new CachedAnswer(
            articleKey(row.id, representation, origin),
            {
              body,
              etag: strongEtag(row.etag, tag, origin),
              contentType,
              keys: storedKeys(row.surrogate_keys),
              cacheControl,
            },
            group,
          ),
        row,
        epoch,
      )
    })
  }

  /** Asks the database whether a held article is still the current version: the hash alone. */
  function checkArticle(idOrSlug: string, group: ArticleGroup): Promise<'current' | 'changed' | 'gone'> {
    const epoch = cache.epoch
    return shared(`check|${epoch}|${idOrSlug}|${group.hash}`, async () => {
      cache.revalidations += 1
      const [row] = await database.query<SnapshotReadRow>(snapshotQuery(tables, idOrSlug, null))
      if (!row || row.id !== group.id || row.etag !== group.hash || row.surrogate_keys !== group.keysText) {
        cache.dropArticle(group.id)
        if (!/^\d+$/.test(idOrSlug)) cache.dropSlug(idOrSlug)
        return row ? 'changed' : 'gone'
      }
      // A notice that arrived meanwhile may concern a later version than the one just read.
      if (epoch === cache.epoch) group.checkedAt = Date.now()
      return 'current'
    })
  }

  async function serveArticle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    idOrSlug: string,
    representation: Representation,
    search: string,
  ): Promise<void> {
    if (search) return sendPlain(req, res, 400, ASK_THE_CMS, noStore)
    if (!isIdOrSlug(idOrSlug)) return sendPlain(req, res, 404, articleNotFoundBody(idOrSlug), notFoundHeaders)
    let origin: string | undefined
    if (representation === 'jsonLd' && !publicURL) {
      const fromRequest = requestOrigin(req)
      if (!fromRequest) return sendPlain(req, res, 400, BAD_HOST, noStore)
      origin = fromRequest
    }

    const id = cache.articleIdOf(idOrSlug)
    let answer = id === undefined ? undefined : cache.get(articleKey(id, representation, origin))
    let stale = false
    if (answer && cache.isDue(answer)) {
      try {
        const verdict = await checkArticle(idOrSlug, answer.freshness as ArticleGroup)
        if (verdict === 'gone') return sendPlain(req, res, 404, articleNotFoundBody(idOrSlug), notFoundHeaders)
        if (verdict === 'changed') answer = undefined
      } catch (error) {
        if (!isUnreachable(error)) throw error
        stale = true
      }
    }
    if (answer) {
      cache.hits += 1
      return sendAnswer(req, res, answer, stale || database.isDown)
    }

    cache.misses += 1
    let loaded: CachedAnswer | undefined
    try {
      loaded = await loadArticle(idOrSlug, representation, origin)
    } catch (error) {
      if (isUnreachable(error)) return sendUnavailable(req, res)
      throw error
    }
    if (!loaded) return sendPlain(req, res, 404, articleNotFoundBody(idOrSlug), notFoundHeaders)
    return sendAnswer(req, res, loaded, false)
  }

  // --- Lists. ---

  /**
   * Reads a list page; the held answer (with its compressed forms) is kept when the page has not
   * changed. `undefined`: the list's participant is not public.
   */
  function loadList(kind: ListKind, key: string, read: () => Promise<ListPage | undefined>) {
    const epoch = cache.epoch
    return shared(`list|${epoch}|${key}`, async () => {
      const page = await read()
      const held = cache.lru.peek(key)
      if (!page) {
        cache.dropList(kind, key)
        return undefined
      }
      if (held && held.etag === page.etag) {
        if (epoch === cache.epoch) held.freshness.checkedAt = Date.now()
        return held
      }
      const answer = new CachedAnswer(
        key,
        { body: page.body, etag: page.etag, contentType: JSON_TYPE, keys: page.keys, cacheControl },
        { checkedAt: Date.now() },
      )
      return cache.storeList(kind, answer, epoch)
    })
  }

  async function serveList(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    kind: ListKind,
    key: string,
    read: () => Promise<ListPage | undefined>,
    notFound: () => string,
  ): Promise<void> {
    let answer: CachedAnswer | undefined = cache.get(key)
    if (answer && !cache.isDue(answer)) {
      cache.hits += 1
      return sendAnswer(req, res, answer, database.isDown)
    }
    const due = answer !== undefined
    if (due) cache.revalidations += 1
    try {
      answer = await loadList(kind, key, read)
    } catch (error) {
      if (!isUnreachable(error)) throw error
      if (!answer) return sendUnavailable(req, res)
      cache.hits += 1
      return sendAnswer(req, res, answer, true)
    }
    if (due) cache.hits += 1
    else cache.misses += 1
    if (!answer) return sendPlain(req, res, 404, notFound(), notFoundHeaders)
    return sendAnswer(req, res, answer, false)
  }

  function serveLatest(req: http.IncomingMessage, res: http.ServerResponse, search: URLSearchParams) {
    const query = readListQuery(search)
    if ('error' in query) return sendPlain(req, res, 400, query.error, noStore)
    const key = `l|latest|${query.limit}|${search.get('cursor') ?? ''}`
    return serveList(
      req,
      res,
      'latest',
      key,
      async () => {
        const rows = await database.query<ListedArticleRow>(latestArticlesQuery(tables, query.cursor, query.limit + 1))
        return latestArticlesPage(rows, query.limit)
      },
      () => NOT_FOUND,
    )
  }

  function serveParticipantArticles(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    idOrSlug: string,
    search: URLSearchParams,
  ) {
    const query = readListQuery(search)
    if ('error' in query) return sendPlain(req, res, 400, query.error, noStore)
    if (!isIdOrSlug(idOrSlug)) return sendPlain(req, res, 404, participantNotFoundBody(idOrSlug), notFoundHeaders)
    const key = `l|participant|${idOrSlug}|${query.limit}|${search.get('cursor') ?? ''}`
    return serveList(
      req,
      res,
      'participant',
      key,
      async () => {
        const [participant] = await database.query<ParticipantRow>(participantQuery(tables, idOrSlug))
        if (!participant) return undefined
        const rows = await database.query<ListedArticleRow>(
          participantArticlesQuery(tables, participant.id, query.cursor, query.limit + 1),
        )
        return participantArticlesPage(participant, rows, query.limit)
      },
      () => participantNotFoundBody(idOrSlug),
    )
  }

  // --- Routing. ---

  const articlesPrefix = `${settings.apiRoute}/${settings.slugs.articles}/`
  const participantsPrefix = `${settings.apiRoute}/${settings.slugs.participants}/`

  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  }

  async function health(req: http.IncomingMessage, res: http.ServerResponse) {
    const up = await database.ping()
    sendPlain(
      req,
      res,
      200,
      JSON.stringify({ status: 'ok', database: up ? 'up' : 'down', listening: listener.listening }),
      noStore,
    )
  }

  /** The handler of a matched route, or `undefined` when the path is none of the server's. */
  function route(
    pathname: string,
    rawSearch: string,
  ): ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void) | undefined {
    if (pathname === '/health') return health
    if (pathname.startsWith(articlesPrefix)) {
      const [first = '', second, ...more] = pathname.slice(articlesPrefix.length).split('/')
      if (more.length > 0) return undefined
      if (second === undefined && first === LATEST_ARTICLES_PATH)
        return (req, res) => serveLatest(req, res, new URLSearchParams(rawSearch))
      const representation: Representation | undefined =
        second === undefined ? 'document' : second === 'jsonld' ? 'jsonLd' : second === 'html' ? 'html' : undefined
      if (!representation) return undefined
      return (req, res) => serveArticle(req, res, decode(first), representation, rawSearch)
    }
    if (pathname.startsWith(participantsPrefix)) {
      const [idOrSlug = '', second, ...more] = pathname.slice(participantsPrefix.length).split('/')
      if (second !== 'articles' || more.length > 0) return undefined
      return (req, res) => serveParticipantArticles(req, res, decode(idOrSlug), new URLSearchParams(rawSearch))
    }
    return undefined
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/'
    const mark = url.indexOf('?')
    const pathname = mark === -1 ? url : url.slice(0, mark)
    const search = mark === -1 ? '' : url.slice(mark + 1)
    const handler = route(pathname, search)
    if (!handler) return sendPlain(req, res, 404, NOT_FOUND, noStore)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendPlain(req, res, 405, NOT_ALLOWED, { ...noStore, Allow: 'GET, HEAD' })
    await handler(req, res)
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`${req.method} ${req.url} failed`, error)
      if (res.headersSent) return void res.destroy()
      res.removeHeader(STALE_HEADER)
      sendPlain(req, res, 500, FAILED, noStore)
    })
  })

  let closing: Promise<void> | undefined
  return {
    server,
    async listen(port, host) {
      await listener.start()
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      const address = server.address() as AddressInfo
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
      const url = `http://${address.address === '::' || address.address === '0.0.0.0' ? 'localhost' : shown}:${address.port}`
      return { port: address.port, host: address.address, url }
    },
    close() {
      closing ??= (async () => {
        await listener.stop()
        if (server.listening) {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()))
          // Keep-alive connections in the middle of a request get a moment to finish it.
          const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS)
          await closed
          clearTimeout(cutOff)
        }
        await database.close()
      })()
      return closing
    },
    stats: () => ({
      cache: {
        hits: cache.hits,
        misses: cache.misses,
        revalidations: cache.revalidations,
        entries: cache.lru.size,
        bytes: cache.lru.bytes,
        maxBytes: cache.lru.maxBytes,
        evictions: cache.lru.evictions,
      },
      queries: database.queries,
      notices: listener.notices,
      database: database.isDown ? 'down' : 'up',
      listening: listener.listening,
      ...counters,
    }),
  }
}
