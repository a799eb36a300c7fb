import { tagSimilarity, type NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';

/**
 * Soft Dice coefficient of the requester's tags and a candidate's: each tag on either side counts how well its
 * best counterpart matches it (1 for the same concept, less for a related one), so "Trekking" meets "hiking" fully
 * and "camping" meets it partly.
 *
 * One matcher serves one request. Candidates share most of their tags ("Hiking", "Music"), so each distinct tag is
 * compared with the requester's once and remembered.
 */
export class TagSetMatcher {
  private readonly rows = new Map<NormalisedTag, Float64Array>();
  private readonly bestForRequester: Float64Array;

  constructor(private readonly requester: TagSet) {
    this.bestForRequester = new Float64Array(requester.length);
  }

  private row(tag: NormalisedTag): Float64Array {
    let row = this.rows.get(tag);
    if (!row) {
      row = new Float64Array(this.requester.length);
      for (let i = 0; i < row.length; i++) row[i] = tagSimilarity(this.requester[i]!, tag);
      this.rows.set(tag, row);
    }
    return row;
  }

  /**
   * Similarity in [0, 1]. With `shared`, also collects the candidate's own wording of the tags that mean the same
   * as one of the requester's.
   */
  similarity(candidate: TagSet, shared?: string[]): number {
    const n = this.requester.length;
    if (n === 0 || candidate.length === 0) return 0;
    const bestA = this.bestForRequester.fill(0);
    let sumB = 0;
    for (const tag of candidate) {
      const row = this.row(tag);
      let bestB = 0;
      for (let i = 0; i < n; i++) {
        const s = row[i] ?? 0;
        if (s > (bestA[i] ?? 0)) bestA[i] = s;
        if (s > bestB) bestB = s;
      }
      sumB += bestB;
      if (shared && bestB === 1 && !shared.includes(tag.raw)) shared.push(tag.raw);
    }
    let sumA = 0;
    for (let i = 0; i < n; i++) sumA += bestA[i] ?? 0;
    return (sumA + sumB) / (n + candidate.length);
  }
}
