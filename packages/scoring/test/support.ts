import type { CandidateProfile } from '../src/types.js';

/** A candidate row with only what scoring by words reads: no age, gender or location. */
export function wordsOnlyCandidate(
  id: string,
  words: { interests?: string[]; needs?: string[]; about?: string | null },
): CandidateProfile {
  return {
    id,
    first_name: '',
    last_name: '',
    age: null,
    gender: null,
    latitude: null,
    longitude: null,
    about: words.about ?? null,
    interests: words.interests ?? [],
    needs: words.needs ?? [],
  };
}
