import type { TagSet } from '../features.js';
import { TagSetMatcher, type PoolTagTable } from './tag-set.js';

/** Interests factor (weight 0.25): the member's interests and preferred interests against each candidate's. */
export function interestsMatcher(requesterInterests: TagSet, table: PoolTagTable): TagSetMatcher {
  return new TagSetMatcher(requesterInterests, table);
}
