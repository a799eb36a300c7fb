/**
 * Members found by a search with their sort key (distance, or negated last activity), in two growable typed
 * arrays: a search in a dense city meets thousands, and an object each would be garbage. The candidate index keeps
 * its lists and reuses them for every search (searches run one at a time: they never wait).
 */
export class HitList {
  slots = new Int32Array(1024);
  keys = new Float64Array(1024);
  length = 0;
  private sorted = new Float64Array(1024);

  clear(): void {
    this.length = 0;
  }

  push(slot: number, key: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2);
      slots.set(this.slots);
      this.slots = slots;
      const keys = new Float64Array(this.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.slots[this.length] = slot;
    this.keys[this.length++] = key;
  }

  /** The k-th smallest key (1-based); +Infinity when there are fewer than k hits. */
  kthKey(k: number): number {
    if (k <= 0 || this.length < k) return Number.POSITIVE_INFINITY;
    if (this.sorted.length < this.length) this.sorted = new Float64Array(this.slots.length);
    const keys = this.sorted.subarray(0, this.length);
    keys.set(this.keys.subarray(0, this.length));
    keys.sort();
    return keys[k - 1]!;
  }

  /** The slots of the `k` smallest keys, in key order, ties by `compare` (the members' ids). */
  smallest(k: number, compare: (a: number, b: number) => number): number[] {
    if (k <= 0 || this.length === 0) return [];
    const bound = this.kthKey(Math.min(k, this.length));
    const chosen: number[] = [];
    for (let i = 0; i < this.length; i++) if (this.keys[i]! <= bound) chosen.push(i);
    chosen.sort((a, b) => this.keys[a]! - this.keys[b]! || compare(this.slots[a]!, this.slots[b]!));
    return chosen.slice(0, k).map((i) => this.slots[i]!);
  }
}
