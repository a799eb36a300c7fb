import { RELATED_STRENGTH, SAME_CATEGORY_STRENGTH, tagSimilarity, type NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';
import type { TagMemo } from './tag-memo.js';

/** A tag numbering (the index's, or a pool's own) and what requests compared with its tags (a CandidatePool is one). */
export interface TagTable {
  readonly tags: readonly NormalisedTag[];
  readonly memo: TagMemo;
}

/** tagSimilarity's only values, in order: code 0–3 in a packed row stands for LEVELS[code]. */
const LEVELS = Float64Array.of(0, SAME_CATEGORY_STRENGTH, RELATED_STRENGTH, 1);

function codeOf(similarity: number): number {
  const code = LEVELS.indexOf(similarity);
  if (code < 0) throw new Error(`tagSimilarity gave ${similarity}, which a packed row cannot hold`);
  return code;
}

/** Requester tags a packed row holds: 2 bits each and the best code above them, within a 31-bit integer. */
const MAX_PACKED = 14;

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
  /** Where `similarity` has similarityInto write. */
  private readonly result = new Float64Array(1);
  /** Per requester tag, its similarity's code (LEVELS) for each tag of the index, in the index's TagMemo. */
  private readonly requesterRows: Int8Array[];
  /**
   * Per tag of the index, all the requester's similarities to it in one number (TagMemo row of this requester's
   * tags): code of requester tag i at bits 2i, the best code above them. One read per candidate tag instead of one
   * per pair; null for a requester with more tags than a packed row holds.
   */
  private readonly packed: Int32Array | null;

  constructor(
    private readonly requester: TagSet,
    private readonly table: TagTable,
  ) {
    this.bestForRequester = new Float64Array(requester.length);
    this.requesterRows = requester.map((tag) => table.memo.codes(`tag ${tag.key}`));
    this.packed =
      requester.length <= MAX_PACKED ? table.memo.wideCodes(`tags ${requester.map((tag) => tag.key).join('|')}`) : null;
  }

  /** The code (LEVELS) of requester tag `i`'s similarity to tag `tag`. */
  private pairCode(i: number, tag: number): number {
    const row = this.requesterRows[i]!;
    let code = row[tag]!;
    if (code < 0) code = row[tag] = codeOf(tagSimilarity(this.requester[i]!, this.table.tags[tag]!)); // not computed yet
    return code;
  }

  private pack(tag: number): number {
    const n = this.requester.length;
    let codes = 0;
    let best = 0;
    for (let i = 0; i < n; i++) {
      const code = this.pairCode(i, tag);
      codes |= code << (2 * i);
      if (code > best) best = code;
    }
    return codes | (best << (2 * n));
  }

  /**
   * Similarity in [0, 1] of the candidate whose tags (numbers in the tag table) are
   * `lists[from … from + count)`. With `shared`, also collects the candidate's own wording of the tags that mean
   * the same as one of the requester's.
   */
  similarity(lists: Int32Array, from: number, count: number, shared?: string[]): number {
    if (shared) return this.requester.length === 0 || count === 0 ? 0 : this.pairwise(lists, from, count, shared);
    this.similarityInto(this.result, 0, lists, from, count);
    return this.result[0]!;
  }

  /**
   * The similarity written to `out[at]`: what the ranking calls for every candidate. A number returned from a call
   * the optimiser did not inline is a heap object when it is not a small integer — one per candidate and factor,
   * garbage that cost a search more than the arithmetic (docs/performance.md); written into a Float64Array it is none.
   */
  similarityInto(out: Float64Array, at: number, lists: Int32Array, from: number, count: number): void {
    const n = this.requester.length;
    if (n === 0 || count === 0) {
      out[at] = 0;
      return;
    }
    if (this.packed === null) {
      out[at] = this.pairwise(lists, from, count);
      return;
    }
    const packed = this.packed;
    let bestA = 0; // packed codes, like a row's
    let sumB = 0;
    for (let t = from; t < from + count; t++) {
      const tag = lists[t]!;
      let codes = packed[tag]!;
      if (codes < 0) codes = packed[tag] = this.pack(tag); // not computed yet
      sumB += LEVELS[codes >>> (2 * n)]!;
      for (let i = 0; i < n; i++) {
        const shift = 2 * i;
        const code = (codes >>> shift) & 3;
        if (code > ((bestA >>> shift) & 3)) bestA = (bestA & ~(3 << shift)) | (code << shift);
      }
    }
    let sumA = 0;
    for (let i = 0; i < n; i++) sumA += LEVELS[(bestA >>> (2 * i)) & 3]!;
    out[at] = (sumA + sumB) / (n + count);
  }

  /** The same, pair by pair, collecting the tags shared into `shared`. */
  private pairwise(lists: Int32Array, from: number, count: number, shared?: string[]): number {
    const n = this.requester.length;
    const bestA = this.bestForRequester.fill(0);
    let sumB = 0;
    for (let t = from; t < from + count; t++) {
      const tag = lists[t]!;
      let bestB = 0;
      for (let i = 0; i < n; i++) {
        const s = LEVELS[this.pairCode(i, tag)]!;
        if (s > bestA[i]!) bestA[i] = s;
        if (s > bestB) bestB = s;
      }
      sumB += bestB;
      if (shared && bestB === 1) {
        const raw = this.table.tags[tag]!.raw;
        if (!shared.includes(raw)) shared.push(raw);
      }
    }
    let sumA = 0;
    for (let i = 0; i < n; i++) sumA += bestA[i]!;
    return (sumA + sumB) / (n + count);
  }
}
