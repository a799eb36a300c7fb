import type { TagSet } from '../features.js';
import { TagSetMatcher, type PoolTagTable } from './tag-set.js';

/** Needs factor (weight 0.20): what both are looking for (friendship, dating, networking, …). */
export function needsMatcher(requesterNeeds: TagSet, table: PoolTagTable): TagSetMatcher {
  return new TagSetMatcher(requesterNeeds, table);
}
