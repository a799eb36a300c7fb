/**
 * Members found by a search with their sort key (distance, or negated last activity), in two growable typed
 * arrays: a search in a dense city meets thousands, and an object each would be garbage. The candidate index keeps
 * its lists and reuses them for every search (searches run one at a time: they never wait).
 */
export class HitList {
  slots = new Int32Array(1024);
  keys = new Float64Array(1024);
  length = 0;
  private scratch = new Float64Array(1024);

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

  /** The k-th smallest key (1-based); +Infinity when there are fewer than k hits. Linear time (quickselect). */
  kthKey(k: number): number {
    if (k <= 0 || this.length < k) return Number.POSITIVE_INFINITY;
    if (this.scratch.length < this.length) this.scratch = new Float64Array(this.slots.length);
    const keys = this.scratch.subarray(0, this.length);
    keys.set(this.keys.subarray(0, this.length));
    return nthSmallest(keys, k - 1);
  }

  /**
   * Writes the slots of the `k` smallest keys into `into` from `at` (which must have room for them), ties at the
   * k-th key broken by `compare` (the members' ids), in no particular order: the ranking orders them itself, and
   * only who is in the pool depends on this. Returns where they end. Written into the caller's buffer rather than a
   * new array: every search chooses its pool here, and its garbage is what throughput pays for.
   */
  smallest(k: number, compare: (a: number, b: number) => number, into: Int32Array, at = 0): number {
    if (k <= 0 || this.length === 0) return at;
    const bound = this.kthKey(Math.min(k, this.length));
    const end = at + k;
    const ties: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const key = this.keys[i]!;
      if (key < bound) into[at++] = this.slots[i]!;
      else if (key === bound) ties.push(this.slots[i]!);
    }
    if (ties.length > end - at) ties.sort(compare);
    for (let i = 0; at < end && i < ties.length; i++) into[at++] = ties[i]!;
    return at;
  }
}

/** The n-th smallest value (0-based) of `values`, which it reorders: Hoare's quickselect, median-of-three pivot. */
function nthSmallest(values: Float64Array, n: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const a = values[lo]!;
    const b = values[(lo + hi) >>> 1]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else return values[n]!;
  }
  return values[n]!;
}
