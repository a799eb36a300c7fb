import { snapToGrid, type LatLon } from './geo.js';
import { categoryOf, normaliseTag, scanMentions, type NormalisedTag } from './lexicon.js';
import { isContentWord, words } from './text.js';
import type { CandidateProfile, RequesterProfile } from './types.js';

/**
 * Everything scoring needs from one profile, computed once per profile and request, never once per factor.
 */

/** A set of tags (interests or needs) with the lookups the factors ask of it. */
export interface TagSet {
  tags: NormalisedTag[];
  concepts: Set<string>;
  related: Set<string>;
  categories: Set<string>;
  /** Stems of every word in the tags, for keywords the lexicon does not know. */
  stems: Set<string>;
}

/** A bio as a set of terms: word stems plus `c:<concept>` for each concept it names, each with a display word. */
export type BioTerms = Map<string, string>;

export interface CandidateFeatures {
  profile: CandidateProfile;
  interests: TagSet;
  needs: TagSet;
  bio: BioTerms;
  /** The candidate's location snapped to the privacy grid; null without coordinates. */
  location: LatLon | null;
}

export interface RequesterFeatures {
  interests: TagSet;
  needs: TagSet;
  bio: BioTerms;
  age: number | null;
  location: LatLon | null;
}

export function conceptTerm(conceptId: string): string {
  return `c:${conceptId}`;
}

export function toTagSet(raw: readonly string[]): TagSet {
  const set: TagSet = { tags: [], concepts: new Set(), related: new Set(), categories: new Set(), stems: new Set() };
  const seen = new Set<string>();
  for (const value of raw) {
    const tag = normaliseTag(value);
    if (tag.key === '' || seen.has(tag.key)) continue;
    seen.add(tag.key);
    set.tags.push(tag);
    for (const id of tag.concepts) set.concepts.add(id);
    for (const id of tag.related) set.related.add(id);
    for (const category of tag.categories) set.categories.add(category);
    for (const s of tag.key.split(' ')) set.stems.add(s);
  }
  return set;
}

export function toBioTerms(text: string | null): BioTerms {
  const terms: BioTerms = new Map();
  if (!text) return terms;
  const content = words(text).filter(isContentWord);
  for (const mention of scanMentions(content)) {
    for (const s of mention.key.split(' ')) if (!terms.has(s)) terms.set(s, mention.surface);
    for (const ref of mention.refs) {
      // Only synonyms make a bio "about" a concept; a related word is too loose for text similarity.
      if (ref.strength === 1 && categoryOf(ref.id) !== undefined && !terms.has(conceptTerm(ref.id))) {
        terms.set(conceptTerm(ref.id), mention.surface);
      }
    }
  }
  return terms;
}

export function candidateFeatures(profile: CandidateProfile): CandidateFeatures {
  const hasLocation = profile.latitude !== null && profile.longitude !== null;
  return {
    profile,
    interests: toTagSet(profile.interests),
    needs: toTagSet(profile.needs),
    bio: toBioTerms(profile.about),
    location: hasLocation ? snapToGrid({ latitude: profile.latitude ?? 0, longitude: profile.longitude ?? 0 }) : null,
  };
}

/** Preference tags ("interests"/"needs" in the request) join the requester's own. */
export function requesterFeatures(
  requester: RequesterProfile,
  extra: { interests?: readonly string[]; needs?: readonly string[] } = {},
): RequesterFeatures {
  return {
    interests: toTagSet([...requester.interests, ...(extra.interests ?? [])]),
    needs: toTagSet([...requester.needs, ...(extra.needs ?? [])]),
    bio: toBioTerms(requester.about),
    age: requester.age,
    location: requester.location,
  };
}
