import type { NormalisedTag } from '../lexicon.js';
import type { TagSet } from '../features.js';
import { TagSetMatcher } from './tag-set.js';

/** Interests factor (weight 0.25): the member's interests and preferred interests against each candidate's. */
export function interestsMatcher(requesterInterests: TagSet, tags: readonly NormalisedTag[]): TagSetMatcher {
  return new TagSetMatcher(requesterInterests, tags);
}
