import { tagSimilarity, type NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';
import type { TagMemo } from './tag-memo.js';

/** A tag numbering (the index's, or a pool's own) and what requests compared with its tags (a CandidatePool is one). */
export interface TagTable {
  readonly tags: readonly NormalisedTag[];
  readonly memo: TagMemo;
}

/**
 * Soft Dice coefficient of the requester's tags and a candidate's: each tag on either side counts how well its
 * best counterpart matches it (1 for the same concept, less for a related one), so "Trekking" meets "hiking" fully
 * and "camping" meets it partly.
 *
 * One matcher serves one request. A candidate's tags are numbers in the index's tag table; each comparison of a
 * requester tag with a tag is read from the index's TagMemo, which keeps it across requests (candidates share most of
 * their tags: "Hiking", "Music").
 */
export class TagSetMatcher {
  private readonly bestForRequester: Float64Array;
  /** Per requester tag, its similarity to each tag of the index, in the index's TagMemo. */
  private readonly requesterRows: Float64Array[];

  constructor(
    private readonly requester: TagSet,
    private readonly table: TagTable,
  ) {
    this.bestForRequester = new Float64Array(requester.length);
    this.requesterRows = requester.map((tag) => table.memo.row(`tag ${tag.key}`));
  }

  /**
   * Similarity in [0, 1] of the candidate whose tags (numbers in the tag table) are
   * `lists[from … from + count)`. With `shared`, also collects the candidate's own wording of the tags that mean
   * the same as one of the requester's.
   */
  similarity(lists: Int32Array, from: number, count: number, shared?: string[]): number {
    const n = this.requester.length;
    if (n === 0 || count === 0) return 0;
    const tags = this.table.tags;
    const bestA = this.bestForRequester.fill(0);
    let sumB = 0;
    for (let t = from; t < from + count; t++) {
      const tag = lists[t]!;
      let bestB = 0;
      for (let i = 0; i < n; i++) {
        const row = this.requesterRows[i]!;
        let s = row[tag]!;
        if (s !== s) s = row[tag] = tagSimilarity(this.requester[i]!, tags[tag]!); // NaN: not computed yet
        if (s > bestA[i]!) bestA[i] = s;
        if (s > bestB) bestB = s;
      }
      sumB += bestB;
      if (shared && bestB === 1) {
        const raw = tags[tag]!.raw;
        if (!shared.includes(raw)) shared.push(raw);
      }
    }
    let sumA = 0;
    for (let i = 0; i < n; i++) sumA += bestA[i]!;
    return (sumA + sumB) / (n + count);
  }
}
