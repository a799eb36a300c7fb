import type { Factor } from './weights.js';
import type { MatchEvidence } from './types.js';

export const MAX_REASONS = 4;
/** Ages this close read as "similar age". */
const SIMILAR_AGE_YEARS = 5;

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * One to four sentences a member can read: what of the request's ask the match answers first (`answered`), then
 * the strongest factors. Distances are whole kilometres, never less than 1, so a reason can't say more about where
 * someone is than the public `distance_km` does.
 */
export function buildReasons(
  evidence: MatchEvidence,
  points: Readonly<Record<Factor, number>>,
  answered: readonly string[] = [],
): string[] {
  const candidates: Array<{ points: number; text: string }> = [];
  const add = (factor: Factor, text: string): void => {
    candidates.push({ points: points[factor], text });
  };
  const { shared_interests: interests, shared_needs: needs, matched_prompt_terms: terms } = evidence;
  if (interests.length > 0)
    add('interests', `Shares ${plural(interests.length, 'interest', 'interests')}: ${list(interests)}`);
  if (needs.length > 0) add('needs', `Also looking for ${list(needs)}`);
  // The ask's own line (first, below) says what the prompt factor's would: only one of them.
  if (terms.length > 0 && answered.length === 0) add('prompt', `Matches your search for ${list(terms)}`);
  if (evidence.shared_bio_terms.length > 0) add('bio', `Bio also mentions ${list(evidence.shared_bio_terms)}`);
  if (evidence.distance_km !== null && points.distance > 0) {
    add('distance', `About ${plural(Math.max(1, Math.round(evidence.distance_km)), 'km', 'km')} away`);
  }
  if (evidence.age_gap !== null && evidence.age_gap <= SIMILAR_AGE_YEARS) {
    add(
      'age',
      evidence.age_gap === 0 ? 'Same age as you' : `Similar age (${plural(evidence.age_gap, 'year', 'years')} apart)`,
    );
  }
  // Strongest first, equal points in the order above: an insertion sort of at most six (stable, and it makes no
  // garbage, which every match of every search would).
  for (let i = 1; i < candidates.length; i++) {
    const line = candidates[i]!;
    let j = i;
    for (; j > 0 && candidates[j - 1]!.points < line.points; j--) candidates[j] = candidates[j - 1]!;
    candidates[j] = line;
  }
  const reasons = answered.length > 0 ? [`Answers your search: ${list(answered)}`] : [];
  for (let i = 0; i < candidates.length && reasons.length < MAX_REASONS; i++) reasons.push(candidates[i]!.text);
  return reasons.length > 0 ? reasons : ['Fits the filters of your search'];
}
