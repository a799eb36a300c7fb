import { Random } from '@circle-match/synthetic';
import { HitList } from '../src/index/hit-list.js';

/**
 * The hits of a search: the k-th key and the k nearest must be what sorting every hit would give, ties at the
 * k-th key broken by id, with the many equal keys whole kilometres make.
 */
function filled(random: Random, size: number, distinctKeys: number): HitList {
  const hits = new HitList();
  for (let slot = 0; slot < size; slot++) hits.push(slot, random.int(0, distinctKeys - 1));
  return hits;
}

/** What sorting every hit by (key, slot) gives: the reference. */
function bySorting(hits: HitList, k: number): { kth: number; chosen: number[] } {
  const all = Array.from({ length: hits.length }, (_, i) => ({ slot: hits.slots[i]!, key: hits.keys[i]! }));
  all.sort((a, b) => a.key - b.key || a.slot - b.slot);
  return { kth: all[k - 1]?.key ?? Number.POSITIVE_INFINITY, chosen: all.slice(0, k).map((h) => h.slot) };
}

describe('hit list', () => {
  it('when keys repeat (whole kilometres), then the k-th key and the k nearest are those of a full sort, ties by id', () => {
    const random = new Random(11);
    for (const [size, distinct, k] of [
      [1, 1, 1],
      [50, 3, 10],
      [2000, 40, 500],
      [2000, 2000, 500],
      [700, 1, 500],
      [300, 10, 500],
    ] as const) {
      const hits = filled(random, size, distinct);
      const reference = bySorting(hits, k);
      expect(hits.kthKey(k)).toBe(reference.kth);
      const into = new Int32Array(k + 3).fill(-1);
      const end = hits.smallest(k, (a, b) => a - b, into, 2);
      const chosen = [...into.subarray(2, end)];
      expect(chosen.sort((a, b) => a - b)).toEqual([...reference.chosen].sort((a, b) => a - b));
      expect([into[0], into[1], into[end]]).toEqual([-1, -1, -1]); // nothing written outside its room
    }
  });

  it('when fewer hits than k are held, then the k-th key is +Infinity and all of them are chosen', () => {
    const hits = filled(new Random(3), 20, 5);
    expect(hits.kthKey(21)).toBe(Number.POSITIVE_INFINITY);
    const into = new Int32Array(50);
    expect(hits.smallest(50, (a, b) => a - b, into)).toBe(20);
    expect(hits.smallest(0, (a, b) => a - b, into, 7)).toBe(7);
  });
});
