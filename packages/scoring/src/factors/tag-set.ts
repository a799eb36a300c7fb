import { tagSimilarity, type NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';

/**
 * Soft Dice coefficient of the requester's tags and a candidate's: each tag on either side counts how well its
 * best counterpart matches it (1 for the same concept, less for a related one), so "Trekking" meets "hiking" fully
 * and "camping" meets it partly.
 *
 * One matcher serves one request. A candidate's tags are numbers in the pool's dense tag table `tags`; candidates
 * share most of their tags ("Hiking", "Music"), so each distinct tag is compared with the requester's once and kept.
 */
export class TagSetMatcher {
  /** Per tag of the pool's table: its similarity to each requester tag, computed on first use. */
  private readonly rows: Float64Array;
  private readonly computed: Uint8Array;
  private readonly bestForRequester: Float64Array;

  constructor(
    private readonly requester: TagSet,
    private readonly tags: readonly NormalisedTag[],
  ) {
    this.bestForRequester = new Float64Array(requester.length);
    this.rows = new Float64Array(requester.length * tags.length);
    this.computed = new Uint8Array(tags.length);
  }

  private row(tag: number): number {
    const n = this.requester.length;
    const offset = tag * n;
    if (this.computed[tag] === 0) {
      const normalised = this.tags[tag]!;
      for (let i = 0; i < n; i++) this.rows[offset + i] = tagSimilarity(this.requester[i]!, normalised);
      this.computed[tag] = 1;
    }
    return offset;
  }

  /**
   * Similarity in [0, 1] of the candidate whose tags (numbers in the pool's tag table) are
   * `lists[from … from + count)`. With `shared`, also collects the candidate's own wording of the tags that mean
   * the same as one of the requester's.
   */
  similarity(lists: Int32Array, from: number, count: number, shared?: string[]): number {
    const n = this.requester.length;
    if (n === 0 || count === 0) return 0;
    const bestA = this.bestForRequester.fill(0);
    let sumB = 0;
    for (let t = from; t < from + count; t++) {
      const tag = lists[t]!;
      const offset = this.row(tag);
      let bestB = 0;
      for (let i = 0; i < n; i++) {
        const s = this.rows[offset + i]!;
        if (s > bestA[i]!) bestA[i] = s;
        if (s > bestB) bestB = s;
      }
      sumB += bestB;
      if (shared && bestB === 1) {
        const raw = this.tags[tag]!.raw;
        if (!shared.includes(raw)) shared.push(raw);
      }
    }
    let sumA = 0;
    for (let i = 0; i < n; i++) sumA += bestA[i]!;
    return (sumA + sumB) / (n + count);
  }
}
