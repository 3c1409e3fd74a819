/**
 * A least-recently-used map bounded by the bytes its values take, not by their number: cached
 * answers range from a few hundred bytes (a list page) to hundreds of kilobytes (a long article
 * with its compressed forms), so a count would bound memory by nothing.
 *
 * A `Map` keeps insertion order, so moving a key to the end on each read makes its first key the
 * least recently used one.
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>()
  private total = 0
  /** Entries pushed out to make room, since the start. */
  evictions = 0

  constructor(
    readonly maxBytes: number,
    /** Called for each entry pushed out to make room (not for `delete` or a replaced value). */
    private readonly onEvict?: (key: string, value: V) => void,
  ) {}

  get bytes(): number {
    return this.total
  }

  get size(): number {
    return this.entries.size
  }

  /** The value, now counted as the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  /** The value, leaving the order alone. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value
  }

  has(key: string): boolean {
    return this.entries.has(key)
  }

  /**
   * Stores a value as the most recently used, evicting the least recently used ones until the
   * total fits. A value larger than the whole bound is not stored (and an older value under its
   * key is removed); the answer says whether it was stored.
   */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key)
    if (bytes > this.maxBytes) return false
    this.entries.set(key, { value, bytes })
    this.total += bytes
    this.evictToFit(key)
    return true
  }

  /**
   * Changes the bytes counted for a stored value (its compressed forms were added), evicting others
   * to fit; a value that alone no longer fits is evicted itself.
   */
  resize(key: string, bytes: number): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.total += bytes - entry.bytes
    entry.bytes = bytes
    if (bytes > this.maxBytes) {
      this.entries.delete(key)
      this.total -= bytes
      this.evictions += 1
      this.onEvict?.(key, entry.value)
      return
    }
    this.evictToFit(key)
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key)
    if (!entry) return false
    this.entries.delete(key)
    this.total -= entry.bytes
    return true
  }

  clear(): void {
    this.entries.clear()
    this.total = 0
  }

  keys(): IterableIterator<string> {
    return this.entries.keys()
  }

  /** Evicts from the least recently used end, sparing `keep` (the entry that made room necessary). */
  private evictToFit(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.maxBytes) return
      if (key === keep) continue
      this.entries.delete(key)
      this.total -= entry.bytes
      this.evictions += 1
      this.onEvict?.(key, entry.value)
    }
  }
}
