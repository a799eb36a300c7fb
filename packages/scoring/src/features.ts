import type { LatLon } from './geo.js';
import { normaliseTag, scanStems, type NormalisedTag } from './lexicon.js';
import { isContentWord, words } from './text.js';
import type { TermDictionary } from './terms.js';
import type { RequesterProfile } from './types.js';

/**
 * Everything scoring needs from one profile, computed once per profile and request, never once per factor.
 */

/** A profile's interests or needs, normalised and without duplicates (a handful, so arrays beat sets). */
export type TagSet = readonly NormalisedTag[];

/**
 * A bio as its distinct terms — word stems plus `c:<concept>` for each concept it names — each numbered by a
 * TermDictionary, sorted ascending. ~4 bytes a term where a Set of strings took ~40.
 */
export type BioTerms = Int32Array;

export interface RequesterFeatures {
  interests: TagSet;
  needs: TagSet;
  bio: BioTerms;
  age: number | null;
  location: LatLon | null;
}

/** Whether `lists[from … from + count)`, sorted, holds `id` (binary search: bios are short). */
export function hasTermIn(lists: ArrayLike<number>, from: number, count: number, id: number): boolean {
  let low = from;
  let high = from + count - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = lists[mid]!;
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Whether a bio holds the term numbered `id`. */
export function hasTerm(bio: BioTerms, id: number): boolean {
  return hasTermIn(bio, 0, bio.length, id);
}

/** The bio term standing for a concept: `c:<id>`, distinct from any word stem. */
export function conceptTerm(conceptId: string): string {
  return `c:${conceptId}`;
}

/** How tags are read: by the lexicon, or with an index's learned senses (TagSenses.read). */
export type TagReader = (raw: string) => NormalisedTag;

export function toTagSet(raw: readonly string[], read: TagReader = normaliseTag): TagSet {
  const set: NormalisedTag[] = [];
  for (const value of raw) {
    const tag = read(value);
    if (tag.key !== '' && !set.some((t) => t.key === tag.key)) set.push(tag);
  }
  return set;
}

/** Calls `visit(term, word)` for each term of a bio, with the word that produced it; `terms` remembers stems. */
function forEachBioTerm(terms: TermDictionary, text: string, visit: (term: string, word: string) => void): void {
  const content = words(text).filter(isContentWord);
  const stems = content.map((w) => terms.stemOf(w));
  scanStems(stems, (start, length, _key, refs) => {
    const word = content[start] ?? '';
    for (let i = start; i < start + length; i++) visit(stems[i] ?? '', word);
    for (const ref of refs) {
      // Only synonyms make a bio "about" a concept; a related word is too loose for text similarity.
      if (ref.strength === 1) visit(conceptTerm(ref.id), word);
    }
  });
}

/** The terms of a bio, numbered by `terms` (new terms get numbers). */
export function toBioTerms(terms: TermDictionary, text: string | null): BioTerms {
  if (!text) return NO_TERMS;
  const ids = new Set<number>();
  forEachBioTerm(terms, text, (term) => ids.add(terms.id(term)));
  return Int32Array.from(ids).sort();
}

const NO_TERMS: BioTerms = new Int32Array(0);

/** For explanations: the word of the bio behind each term (by number), the first one that produced it. */
export function bioDisplayWords(terms: TermDictionary, text: string | null): ReadonlyMap<number, string> {
  const display = new Map<number, string>();
  if (text) {
    forEachBioTerm(terms, text, (term, word) => {
      const id = terms.known(term);
      if (id >= 0 && !display.has(id)) display.set(id, word);
    });
  }
  return display;
}

/**
 * Preference tags ("interests"/"needs" in the request) join the requester's own. The requester's bio is numbered
 * with `known` only: a word no candidate's bio holds cannot be shared with one.
 */
export function requesterFeatures(
  terms: TermDictionary,
  requester: RequesterProfile,
  extra: { interests?: readonly string[]; needs?: readonly string[] } = {},
  read: TagReader = normaliseTag,
): RequesterFeatures {
  return {
    interests: toTagSet([...requester.interests, ...(extra.interests ?? [])], read),
    needs: toTagSet([...requester.needs, ...(extra.needs ?? [])], read),
    bio: knownBioTerms(terms, requester.about),
    age: requester.age,
    location: requester.location,
  };
}

/**
 * A bio's terms as `terms` numbers them, without growing it: a term no candidate's bio holds gets a negative number
 * of its own, which matches nothing but still counts in the bio's length (its cosine norm).
 */
export function knownBioTerms(terms: TermDictionary, text: string | null): BioTerms {
  if (!text) return NO_TERMS;
  const ids = new Set<number>();
  const unknown = new Map<string, number>();
  forEachBioTerm(terms, text, (term) => {
    let id = terms.known(term);
    if (id < 0) {
      id = unknown.get(term) ?? -2 - unknown.size;
      unknown.set(term, id);
    }
    ids.add(id);
  });
  return Int32Array.from(ids).sort();
}
