import type { TagSet } from '../features.js';
import { tagSetSimilarity, type TagSetResult } from './tag-set.js';

/** Interests factor (weight 0.25): the member's interests and preferred interests against the candidate's. */
export function interestsSimilarity(requester: TagSet, candidate: TagSet): TagSetResult {
  return tagSetSimilarity(requester, candidate);
}
