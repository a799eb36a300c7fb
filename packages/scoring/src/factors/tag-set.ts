import { tagSimilarity } from '../lexicon.js';
import type { TagSet } from '../features.js';

export interface TagSetResult {
  similarity: number;
  /** The candidate's own wording of the tags that mean the same as one of the requester's. */
  shared: string[];
}

/**
 * Soft Dice coefficient: each tag on either side counts how well its best counterpart matches it (1 for the same
 * concept, less for a related one), so "Trekking" meets "hiking" fully and "camping" meets it partly.
 */
export function tagSetSimilarity(requester: TagSet, candidate: TagSet): TagSetResult {
  const a = requester.tags;
  const b = candidate.tags;
  if (a.length === 0 || b.length === 0) return { similarity: 0, shared: [] };
  const bestForB = new Array<number>(b.length).fill(0);
  const shared: string[] = [];
  let sumA = 0;
  for (const tagA of a) {
    let bestA = 0;
    for (let j = 0; j < b.length; j++) {
      const tagB = b[j];
      if (tagB === undefined) continue;
      const s = tagSimilarity(tagA, tagB);
      if (s > bestA) bestA = s;
      if (s > (bestForB[j] ?? 0)) bestForB[j] = s;
      if (s === 1 && !shared.includes(tagB.raw)) shared.push(tagB.raw);
    }
    sumA += bestA;
  }
  const sumB = bestForB.reduce((s, v) => s + v, 0);
  return { similarity: (sumA + sumB) / (a.length + b.length), shared };
}
