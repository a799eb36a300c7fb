import type {
  Match,
  PromptSearchRequest,
  PromptSearchResponse,
  PublicMatch,
  SearchRequest,
  SearchResponse,
} from '@circle-match/contracts';
import { wholeKm } from '@circle-match/scoring';
import type { MatchingPort } from './ports.js';

/**
 * Whole kilometres, never below 1: a finer figure about another member would help locate them (docs/api.md). Matching
 * already answers so; the gateway keeps the rule at the public edge all the same.
 */
export function publicDistance(km: number | null): number | null {
  return km === null ? null : wholeKm(km);
}

/** A match as the public may see it: no coordinates, distances in whole km (in the evidence too). */
export function toPublicMatch(match: Match): PublicMatch {
  const { latitude: _latitude, longitude: _longitude, ...rest } = match;
  return {
    ...rest,
    distance_km: publicDistance(match.distance_km),
    explanation: {
      ...match.explanation,
      evidence: { ...match.explanation.evidence, distance_km: publicDistance(match.explanation.evidence.distance_km) },
    },
  };
}

/** POST /api/ml-matching/search: prompt and/or structured preferences. */
export async function search(
  matching: MatchingPort,
  userId: string,
  request: SearchRequest,
  requestId: string,
): Promise<SearchResponse> {
  const answer = await matching.match({ user_id: userId, ...request }, requestId);
  return {
    success: true,
    matches: answer.matches.map(toPublicMatch),
    total_candidates: answer.total_candidates,
    processing_time_ms: answer.processing_time_ms,
  };
}

/** POST /api/ml-matching/prompt-search: the mobile app's prompt search; answers `{ success, matches, count }`. */
export async function promptSearch(
  matching: MatchingPort,
  userId: string,
  request: PromptSearchRequest,
  requestId: string,
): Promise<PromptSearchResponse> {
  const { max_distance, age_range, ...rest } = request;
  const preferences = {
    ...(max_distance !== undefined && { max_distance }),
    ...(age_range !== undefined && { age_range }),
  };
  const answer = await matching.match(
    { user_id: userId, ...rest, ...(Object.keys(preferences).length > 0 && { preferences }) },
    requestId,
  );
  const matches = answer.matches.map(toPublicMatch);
  return { success: true, matches, count: matches.length };
}
