import type { TagSet } from '../features.js';
import { TagSetMatcher, type TagTable } from './tag-set.js';

/** Needs factor (weight 0.20): what both are looking for (friendship, dating, networking, …). */
export function needsMatcher(requesterNeeds: TagSet, table: TagTable): TagSetMatcher {
  return new TagSetMatcher(requesterNeeds, table);
}
