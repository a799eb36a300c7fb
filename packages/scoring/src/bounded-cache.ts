/**
 * A memo of at most `limit` entries that forgets the oldest first. Emptying a full cache at once, as the first
 * version did, made every request after it compute its whole pool again: with more distinct values than the limit
 * (bios at 100k members) the cache was cold most of the time.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    let value = this.peek(key);
    if (value === undefined) {
      value = compute(key);
      this.set(key, value);
    }
    return value;
  }

  /** The value kept for `key`, without computing one. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` for `key`, forgetting the oldest entry when full (for values computed elsewhere, e.g. async). */
  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit)
      this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
