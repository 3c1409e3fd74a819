/**
 * What the server holds in memory: each public answer once per version, with its compressed forms
 * made on first demand, in a byte-bounded LRU.
 *
 * Answers are grouped by what invalidates them. An article's representations (document, JSON-LD
 * per origin, HTML) share one group: they come from one snapshot row with one hash, a notice for
 * the article drops them together, and one check of the hash confirms them all. Slugs resolve to
 * article ids through aliases kept with the group. List pages are keyed by their parameters;
 * every article notice drops them all (any page may hold the article), participant notices drop
 * the participants' pages.
 *
 * Freshness: each group or list page records when the database last confirmed it. Past
 * `revalidateAfterMs`, or after `revalidateAll()` (the notification connection was lost, so
 * notices may have been missed), the next request checks it first.
 */
import { publicHeaders } from '../delivery/publicRead.ts'
import { type Compression, COMPRESS_MIN_BYTES, type ContentCoding, compress, etagForCoding } from './encoding.ts'
import { ByteLru } from './lru.ts'

/** Bytes counted for an answer besides its bodies: its key, headers and bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 512

/** When the database last said an answer is current. */
export interface Freshness {
  checkedAt: number
}

/** The representations of one article held in the cache, all from one version of its snapshot. */
export class ArticleGroup implements Freshness {
  readonly keys = new Set<string>()
  readonly slugs = new Set<string>()
  constructor(
    readonly id: number,
    /** The snapshot's hash (its `etag` column): what a check compares. */
    readonly hash: string,
    /** The snapshot's stored surrogate keys, compared with the hash. */
    readonly keysText: string | null,
    public checkedAt: number,
  ) {}
}

export interface AnswerContent {
  body: string
  etag: string
  contentType: string
  keys: string[]
  cacheControl: string
}

/** One cacheable `200` answer: its body in each coding asked for, and the headers of each. */
export class CachedAnswer {
  readonly body: Buffer
  readonly etag: string
  private readonly compressible: boolean
  private readonly encoded = new Map<Compression, Buffer>()
  private readonly encoding = new Map<Compression, Promise<Buffer>>()
  private readonly headerSets = new Map<string, Record<string, string>>()
  /** Called once a compressed form is added, so the cache can count its bytes. */
  onGrow: (() => void) | undefined

  constructor(
    readonly key: string,
    private readonly content: AnswerContent,
    /** What confirms or invalidates the answer: its article's group, or itself for a list page. */
    readonly freshness: Freshness,
  ) {
    this.body = Buffer.from(content.body)
    this.etag = content.etag
    this.compressible = this.body.length >= COMPRESS_MIN_BYTES
  }

  get bytes(): number {
    let total = this.body.length + ENTRY_OVERHEAD_BYTES
    for (const form of this.encoded.values()) total += form.length
    return total
  }

  /** The coding this answer is sent in for a negotiated one: small bodies go as they are. */
  codingFor(negotiated: ContentCoding): ContentCoding {
    return this.compressible ? negotiated : 'identity'
  }

  /** The body in a coding, compressed once and shared by every request that asks for it. */
  async bodyIn(coding: ContentCoding): Promise<Buffer> {
    if (coding === 'identity') return this.body
    const ready = this.encoded.get(coding)
    if (ready) return ready
    let pending = this.encoding.get(coding)
    if (!pending) {
      pending = compress(this.body, coding).then((form) => {
        this.encoded.set(coding, form)
        this.encoding.delete(coding)
        this.onGrow?.()
        return form
      })
      this.encoding.set(coding, pending)
      // Requests waiting on it get the failure; this only keeps it from counting as unhandled.
      pending.catch(() => this.encoding.delete(coding))
    }
    return pending
  }

  /** The headers of a `200` (`notModified` false) or `304` in a coding; built once per kind. */
  headers(coding: ContentCoding, notModified: boolean, length: number): Record<string, string> {
    const name = `${coding}:${notModified ? 304 : 200}`
    let headers = this.headerSets.get(name)
    if (!headers) {
      headers = {
        ...publicHeaders({
          contentType: notModified ? undefined : this.content.contentType,
          etag: etagForCoding(this.etag, coding),
          cacheControl: this.content.cacheControl,
          keys: this.content.keys,
        }),
        Vary: 'Accept-Encoding',
        ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
      }
      this.headerSets.set(name, headers)
    }
    return notModified ? headers : { ...headers, 'Content-Length': String(length) }
  }
}

export type ListKind = 'latest' | 'participant'

export class DeliveryCache {
  readonly lru: ByteLru<CachedAnswer>
  private readonly articles = new Map<number, ArticleGroup>()
  private readonly slugs = new Map<string, number>()
  private readonly lists: Record<ListKind, Set<string>> = { latest: new Set(), participant: new Set() }
  /** Answers confirmed before this moment are checked again before use. */
  private revalidateBefore = 0
  /**
   * Counts invalidations. A read that started before one may have read what it invalidated, so
   * its answer is sent but not stored; and concurrent reads are shared only within one epoch.
   */
  epoch = 0
  hits = 0
  misses = 0
  revalidations = 0

  constructor(
    maxBytes: number,
    private readonly revalidateAfterMs: number,
  ) {
    this.lru = new ByteLru<CachedAnswer>(maxBytes, (key, answer) => this.forget(key, answer))
  }

  /** Whether an answer must be checked with the database before it is sent. */
  isDue(answer: CachedAnswer, now = Date.now()): boolean {
    const { checkedAt } = answer.freshness
    return checkedAt < this.revalidateBefore || now - checkedAt >= this.revalidateAfterMs
  }

  /** The article id a slug was last seen with, if anything of that article is held. */
  articleIdOf(idOrSlug: string): number | undefined {
    return /^\d+$/.test(idOrSlug) ? Number(idOrSlug) : this.slugs.get(idOrSlug)
  }

  articleGroup(id: number): ArticleGroup | undefined {
    return this.articles.get(id)
  }

  get(key: string): CachedAnswer | undefined {
    return this.lru.get(key)
  }

  /**
   * Stores an article's representation read at `epoch`. A different hash than the group holds
   * means the article changed: its other representations go. Returns the group now in use.
   */
  storeArticle(
    answer: (group: ArticleGroup) => CachedAnswer,
    row: { id: number; slug: string; etag: string; surrogate_keys: string | null },
    epoch: number,
    now = Date.now(),
  ): CachedAnswer {
    let group = this.articles.get(row.id)
    const sameVersion = group !== undefined && group.hash === row.etag && group.keysText === row.surrogate_keys
    // A read from before an invalidation is answered but changes nothing held.
    if (epoch !== this.epoch)
      return answer(sameVersion && group ? group : new ArticleGroup(row.id, row.etag, row.surrogate_keys, now))
    if (group && !sameVersion) {
      this.dropArticle(row.id)
      group = undefined
    }
    if (!group) {
      group = new ArticleGroup(row.id, row.etag, row.surrogate_keys, now)
      this.articles.set(row.id, group)
    }
    const built = answer(group)
    // In the group before it enters the LRU: making room may evict the group's other answers, and
    // a group left empty is dropped, which would orphan this one out of reach of notices.
    group.keys.add(built.key)
    if (!this.keep(built)) {
      group.keys.delete(built.key)
      if (group.keys.size === 0) this.dropArticle(row.id)
      return built
    }
    const previous = this.slugs.get(row.slug)
    if (previous !== undefined && previous !== row.id) this.dropArticle(previous)
    this.slugs.set(row.slug, row.id)
    group.slugs.add(row.slug)
    return built
  }

  /** Stores a list page read at `epoch`; returns it (stored or not). */
  storeList(kind: ListKind, answer: CachedAnswer, epoch: number): CachedAnswer {
    if (epoch !== this.epoch) return answer
    if (this.keep(answer)) this.lists[kind].add(answer.key)
    return answer
  }

  private keep(answer: CachedAnswer): boolean {
    if (!this.lru.set(answer.key, answer, answer.bytes)) return false
    answer.onGrow = () => {
      if (this.lru.peek(answer.key) === answer) this.lru.resize(answer.key, answer.bytes)
    }
    return true
  }

  /** Removes everything held for an article: its representations and its slugs. */
  dropArticle(id: number): void {
    const group = this.articles.get(id)
    if (!group) return
    this.articles.delete(id)
    for (const key of group.keys) this.lru.delete(key)
    for (const slug of group.slugs) if (this.slugs.get(slug) === id) this.slugs.delete(slug)
  }

  dropSlug(slug: string): void {
    const id = this.slugs.get(slug)
    if (id !== undefined) this.dropArticle(id)
    this.slugs.delete(slug)
  }

  dropList(kind: ListKind, key: string): void {
    this.lru.delete(key)
    this.lists[kind].delete(key)
  }

  dropLists(kind: ListKind): void {
    for (const key of this.lists[kind]) this.lru.delete(key)
    this.lists[kind].clear()
  }

  /** A change the CMS announced: what it may have changed goes. */
  invalidate(notice: { kind: 'article' | 'participant'; id: number; slugs: string[] } | undefined): void {
    this.epoch += 1
    if (!notice) return this.clear()
    if (notice.kind === 'article') {
      this.dropArticle(notice.id)
      for (const slug of notice.slugs) this.dropSlug(slug)
      this.dropLists('latest')
    }
    this.dropLists('participant')
  }

  /** Everything held is checked with the database before its next use. */
  revalidateAll(now = Date.now()): void {
    this.epoch += 1
    this.revalidateBefore = now + 1
  }

  clear(): void {
    this.lru.clear()
    this.articles.clear()
    this.slugs.clear()
    this.lists.latest.clear()
    this.lists.participant.clear()
  }

  /** Bookkeeping for an answer the LRU pushed out. */
  private forget(key: string, answer: CachedAnswer): void {
    if (this.lists.latest.delete(key) || this.lists.participant.delete(key)) return
    const group = answer.freshness
    if (!(group instanceof ArticleGroup) || this.articles.get(group.id) !== group) return
    group.keys.delete(key)
    if (group.keys.size === 0) this.dropArticle(group.id)
  }
}
