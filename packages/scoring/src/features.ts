import { BoundedCache } from './bounded-cache.js';
import { snapToGrid, type LatLon } from './geo.js';
import { normaliseTag, scanStems, type NormalisedTag } from './lexicon.js';
import { isContentWord, stem, words } from './text.js';
import type { CandidateProfile, RequesterProfile } from './types.js';

/**
 * Everything scoring needs from one profile, computed once per profile and request, never once per factor.
 */

/** A profile's interests or needs, normalised and without duplicates (a handful, so arrays beat sets). */
export type TagSet = readonly NormalisedTag[];

/**
 * A bio as its distinct terms — word stems plus `c:<concept>` for each concept it names — each numbered by termId,
 * sorted ascending. ~4 bytes a term where a Set of strings took ~40: the bio cache holds tens of thousands.
 */
export type BioTerms = Int32Array;

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

/**
 * Every term met, numbered. Past MAX_TERMS it starts again, with the cached bios numbered by it, so members' text
 * cannot grow it without bound; only between rankings (renumberTermsIfFull), as the numbers of one must agree.
 */
const termIds = new Map<string, number>();
const MAX_TERMS = 200_000; // ~12 MB

/** The number of a term, given on first sight. */
export function termId(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) {
    id = termIds.size;
    termIds.set(term, id);
  }
  return id;
}

/**
 * The number of a term some bio has used, or -1, which no bio holds. For search words: members' searches must not
 * grow the numbering, so a matcher is built after the bios it compares are numbered (rankCandidates does).
 */
export function knownTermId(term: string): number {
  return termIds.get(term) ?? -1;
}

/** Whether a bio holds the term numbered `id` (binary search: bios are short and sorted). */
export function hasTerm(bio: BioTerms, id: number): boolean {
  let low = 0;
  let high = bio.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = bio[mid]!;
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

const conceptTerms = new Map<string, string>();

/** The bio term standing for a concept: `c:<id>`, distinct from any word stem. */
export function conceptTerm(conceptId: string): string {
  let term = conceptTerms.get(conceptId);
  if (term === undefined) {
    term = `c:${conceptId}`;
    conceptTerms.set(conceptId, term);
  }
  return term;
}

export function toTagSet(raw: readonly string[]): TagSet {
  const set: NormalisedTag[] = [];
  for (const value of raw) {
    const tag = normaliseTag(value);
    if (tag.key !== '' && !set.some((t) => t.key === tag.key)) set.push(tag);
  }
  return set;
}

/** Calls `visit(term, word)` for each term of a bio, with the word that produced it. */
function forEachBioTerm(text: string, visit: (term: string, word: string) => void): void {
  const content = words(text).filter(isContentWord);
  const stems = content.map((w) => stem(w));
  scanStems(stems, (start, length, _key, refs) => {
    const word = content[start] ?? '';
    for (let i = start; i < start + length; i++) visit(stems[i] ?? '', word);
    for (const ref of refs) {
      // Only synonyms make a bio "about" a concept; a related word is too loose for text similarity.
      if (ref.strength === 1) visit(conceptTerm(ref.id), word);
    }
  });
}

/** Bios seen recently, by text: ~0.2 KB each with the text, so 50k is ~10 MB. */
const bioCache = new BoundedCache<string, BioTerms>(50_000);
const NO_TERMS: BioTerms = new Int32Array(0);

/** The terms of a bio; the same bio text recurs across requests, so recent ones are kept. */
export function toBioTerms(text: string | null): BioTerms {
  if (!text) return NO_TERMS;
  return bioCache.get(text, () => {
    const ids = new Set<number>();
    forEachBioTerm(text, (term) => ids.add(termId(term)));
    return Int32Array.from(ids).sort();
  });
}

/** Called before each ranking: see termIds. */
export function renumberTermsIfFull(limit = MAX_TERMS): void {
  if (termIds.size < limit) return;
  termIds.clear();
  bioCache.clear();
}

/** For explanations: the word of the bio behind each term (by number), the first one that produced it. */
export function bioDisplayWords(text: string | null): ReadonlyMap<number, string> {
  const display = new Map<number, string>();
  if (text) {
    forEachBioTerm(text, (term, word) => {
      const id = termId(term);
      if (!display.has(id)) display.set(id, word);
    });
  }
  return display;
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
