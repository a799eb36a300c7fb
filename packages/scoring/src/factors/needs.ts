import type { NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';
import { TagSetMatcher } from './tag-set.js';

/** Needs factor (weight 0.20): what both are looking for (friendship, dating, networking, …). */
export function needsMatcher(requesterNeeds: TagSet, tags: readonly NormalisedTag[]): TagSetMatcher {
  return new TagSetMatcher(requesterNeeds, tags);
}
