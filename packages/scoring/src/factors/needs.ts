import type { TagSet } from '../features.js';
import { tagSetSimilarity, type TagSetResult } from './tag-set.js';

/** Needs factor (weight 0.20): what both are looking for (friendship, dating, networking, …). */
export function needsSimilarity(requester: TagSet, candidate: TagSet): TagSetResult {
  return tagSetSimilarity(requester, candidate);
}
