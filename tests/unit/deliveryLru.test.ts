import { describe, expect, it } from 'vitest'

import type { ArticleGroup } from '../../src/deliveryServer/cache.ts'

import { CachedAnswer, DeliveryCache } from '../../src/deliveryServer/cache.ts'
import { ByteLru } from '../../src/deliveryServer/lru.ts'

describe('ByteLru', () => {
  it('never holds more bytes than its bound, evicting the least recently used first', () => {
    const evicted: string[] = []
    const lru = new ByteLru<string>(100, (key) => evicted.push(key))
    lru.set('a', 'A', 40)
    lru.set('b', 'B', 40)
    expect(lru.get('a')).toBe('A') // a is now more recent than b
    lru.set('c', 'C', 40)
    expect(evicted).toEqual(['b'])
    expect([...lru.keys()]).toEqual(['a', 'c'])
    expect(lru.bytes).toBe(80)
    expect(lru.evictions).toBe(1)
  })

  it('evicts as many entries as a large one needs, and refuses one larger than the bound', () => {
    const lru = new ByteLru<number>(100)
    for (let i = 0; i < 10; i += 1) lru.set(`k${i}`, i, 10)
    expect(lru.bytes).toBe(100)
    lru.set('big', 99, 75)
    expect([...lru.keys()]).toEqual(['k8', 'k9', 'big'])
    expect(lru.bytes).toBe(95)
    expect(lru.set('huge', 1, 101)).toBe(false)
    expect(lru.has('huge')).toBe(false)
    expect(lru.bytes).toBe(95)
  })

  it('counts the new size when a value grows, evicting others (or itself) to stay within the bound', () => {
    const evicted: string[] = []
    const lru = new ByteLru<string>(100, (key) => evicted.push(key))
    lru.set('a', 'A', 30)
    lru.set('b', 'B', 30)
    lru.resize('b', 60)
    expect(evicted).toEqual([])
    expect(lru.bytes).toBe(90)
    lru.resize('b', 80)
    expect(evicted).toEqual(['a'])
    expect(lru.bytes).toBe(80)
    lru.resize('b', 120)
    expect(evicted).toEqual(['a', 'b'])
    expect(lru.bytes).toBe(0)
  })

  it('replaces a value under the same key without counting it twice; peek leaves the order alone', () => {
    const lru = new ByteLru<string>(100)
    lru.set('a', 'A', 50)
    lru.set('b', 'B', 10)
    lru.set('a', 'A2', 20)
    expect(lru.bytes).toBe(30)
    expect(lru.peek('b')).toBe('B')
    expect([...lru.keys()]).toEqual(['b', 'a'])
    expect(lru.delete('b')).toBe(true)
    expect(lru.bytes).toBe(20)
  })
})

describe('the delivery cache', () => {
  const answer = (key: string, group: ArticleGroup | { checkedAt: number }, size = 1000) =>
    new CachedAnswer(
      key,
      { body: 'x'.repeat(size), etag: `"${key}-d"`, contentType: 'text/plain', keys: [], cacheControl: 'public' },
      group,
    )
  const row = (id: number, slug: string, etag = `h${id}`) => ({ id, slug, etag, surrogate_keys: `article-${id}` })

  it('counts compressed forms in its bound once they are made', async () => {
    const cache = new DeliveryCache(1_000_000, 5_000)
    const stored = cache.storeArticle((group) => answer('a|1|d|', group, 50_000), row(1, 'one'), cache.epoch)
    const before = cache.lru.bytes
    const gzipped = await stored.bodyIn('gzip')
    expect(cache.lru.bytes).toBe(before + gzipped.length)
    // The second ask is the same buffer, made once.
    expect(await stored.bodyIn('gzip')).toBe(gzipped)
  })

  it('forgets an article’s slugs when its last representation is evicted', () => {
    const cache = new DeliveryCache(2_000, 5_000)
    cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one'), cache.epoch)
    expect(cache.articleIdOf('one')).toBe(1)
    cache.storeArticle((group) => answer('a|2|d|', group), row(2, 'two'), cache.epoch)
    expect(cache.lru.has('a|1|d|')).toBe(false)
    expect(cache.articleIdOf('one')).toBeUndefined()
    expect(cache.articleIdOf('two')).toBe(2)
  })

  it('keeps an answer within reach of notices when storing it evicts its article’s other answers', () => {
    const cache = new DeliveryCache(2_000, 5_000)
    cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one'), cache.epoch)
    cache.storeArticle((group) => answer('a|1|h|', group), row(1, 'one'), cache.epoch)
    expect([...cache.lru.keys()]).toEqual(['a|1|h|'])
    cache.invalidate({ kind: 'article', id: 1, slugs: ['one'] })
    expect(cache.lru.size).toBe(0)
  })

  it('drops an article and every list on an article notice; a participant notice drops participant lists only', () => {
    const cache = new DeliveryCache(1_000_000, 5_000)
    cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one'), cache.epoch)
    cache.storeArticle((group) => answer('a|2|d|', group), row(2, 'two'), cache.epoch)
    cache.storeList('latest', answer('l|latest', { checkedAt: Date.now() }), cache.epoch)
    cache.storeList('participant', answer('l|participant', { checkedAt: Date.now() }), cache.epoch)

    cache.invalidate({ kind: 'participant', id: 7, slugs: ['someone'] })
    expect([...cache.lru.keys()].sort()).toEqual(['a|1|d|', 'a|2|d|', 'l|latest'])

    cache.invalidate({ kind: 'article', id: 1, slugs: ['one'] })
    expect([...cache.lru.keys()]).toEqual(['a|2|d|'])
    expect(cache.articleIdOf('one')).toBeUndefined()
  })

  it('does not store what was read before an invalidation', () => {
    const cache = new DeliveryCache(1_000_000, 5_000)
    const epoch = cache.epoch
    cache.invalidate({ kind: 'article', id: 1, slugs: ['one'] })
    const built = cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one'), epoch)
    expect(built.body.length).toBe(1000)
    expect(cache.lru.size).toBe(0)
    expect(cache.articleIdOf('one')).toBeUndefined()
  })

  it('replaces an article’s representations when a newer version is stored', () => {
    const cache = new DeliveryCache(1_000_000, 5_000)
    cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one', 'old'), cache.epoch)
    cache.storeArticle((group) => answer('a|1|h|', group), row(1, 'one', 'old'), cache.epoch)
    cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one', 'new'), cache.epoch)
    expect([...cache.lru.keys()]).toEqual(['a|1|d|'])
    expect(cache.articleGroup(1)?.hash).toBe('new')
  })

  it('holds answers fresh for the interval, and due at once after revalidateAll', () => {
    const cache = new DeliveryCache(1_000_000, 5_000)
    const stored = cache.storeArticle((group) => answer('a|1|d|', group), row(1, 'one'), cache.epoch, 1_000)
    expect(cache.isDue(stored, 5_999)).toBe(false)
    expect(cache.isDue(stored, 6_000)).toBe(true)
    stored.freshness.checkedAt = Date.now()
    expect(cache.isDue(stored)).toBe(false)
    cache.revalidateAll()
    expect(cache.isDue(stored)).toBe(true)
  })
})
