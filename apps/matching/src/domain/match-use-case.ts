import type { Match, MatchRequest } from '@circle-match/contracts';
import {
  parsePrompt,
  rankCandidates,
  resolveConstraints,
  searchPhrases,
  type CandidateProfile,
  type RankedMatch,
  type Weights,
} from '@circle-match/scoring';
import { AppError } from '@circle-match/service-kit';
import type { CandidateQuery, RequesterRow } from '../data-access/profile-repository.js';

/** What the use case needs from the database. */
export interface ProfileSource {
  findRequester(id: string): Promise<RequesterRow | null>;
  findCandidates(query: CandidateQuery): Promise<CandidateProfile[]>;
}

export interface MatchSettings {
  poolSize: number;
  inactiveDays: number;
  weights: Weights;
}

export interface MatchOutcome {
  matches: Match[];
  /** How many profiles were scored. */
  totalCandidates: number;
}

function toMatch(ranked: RankedMatch): Match {
  const p = ranked.profile;
  return {
    id: p.id,
    name: `${p.first_name} ${p.last_name}`.trim(),
    age: p.age,
    bio: p.about,
    interests: p.interests,
    needs: p.needs,
    gender: p.gender,
    latitude: ranked.location?.latitude ?? null,
    longitude: ranked.location?.longitude ?? null,
    distance_km: ranked.distanceKm,
    match_score: ranked.score,
    explanation: ranked.explanation,
  };
}

/**
 * POST /api/ml/match (SPEC §4, §6): the requester's profile, the effective constraints of prompt and request, an
 * index-backed candidate pool, then pure scoring.
 */
export async function findMatches(source: ProfileSource, settings: MatchSettings, request: MatchRequest): Promise<MatchOutcome> {
  const requester = await source.findRequester(request.user_id);
  if (!requester) throw new AppError('PROFILE_NOT_FOUND', `No profile for user ${request.user_id}`);

  const intent = request.prompt !== undefined ? parsePrompt(request.prompt) : null;
  const preferences = request.preferences ?? {};
  const requestLocation =
    request.latitude !== undefined && request.longitude !== undefined ? { latitude: request.latitude, longitude: request.longitude } : null;
  const profileLocation =
    requester.latitude !== null && requester.longitude !== null ? { latitude: requester.latitude, longitude: requester.longitude } : null;
  const constraints = resolveConstraints(intent, {
    ageRange: preferences.age_range,
    genderPreference: preferences.gender_preference,
    maxDistanceKm: preferences.max_distance,
    requestLocation,
    profileLocation,
  });
  // Contradictory constraints ("women" and gender_preference "male") match nobody; that is an answer, not an error.
  if (constraints.empty) return { matches: [], totalCandidates: 0 };

  const candidates = await source.findCandidates({
    requesterId: requester.id,
    origin: constraints.origin,
    maxDistanceKm: constraints.maxDistanceKm,
    ageRange: constraints.ageRange,
    gender: constraints.gender,
    candidateIds: request.candidate_ids ?? null,
    excludeIds: request.exclude_user_ids ?? [],
    inactiveDays: settings.inactiveDays,
    topicPhrases: searchPhrases(intent?.topics ?? [], preferences.interests ?? []),
    poolSize: settings.poolSize,
  });
  const ranked = rankCandidates({
    requester: {
      age: requester.age,
      about: requester.about,
      interests: requester.interests,
      needs: requester.needs,
      location: constraints.origin,
    },
    prompt: intent,
    preferenceInterests: preferences.interests ?? [],
    preferenceNeeds: preferences.needs ?? [],
    constraints,
    candidates,
    weights: settings.weights,
    limit: request.single_best_match ? 1 : request.limit,
  });
  return { matches: ranked.map(toMatch), totalCandidates: candidates.length };
}
