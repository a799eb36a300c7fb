import type { TagSet } from '../features.js';
import { TagSetMatcher, type TagTable } from './tag-set.js';

/** Interests factor (weight 0.25): the member's interests and preferred interests against each candidate's. */
export function interestsMatcher(requesterInterests: TagSet, table: TagTable): TagSetMatcher {
  return new TagSetMatcher(requesterInterests, table);
}
