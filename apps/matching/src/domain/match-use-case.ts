import type { Match, MatchRequest } from '@circle-match/contracts';
import {
  parsePrompt,
  rankCandidates,
  resolveConstraints,
  searchTopics,
  type CandidateProfile,
  type EffectiveConstraints,
  type PromptIntent,
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

/** The plan for one request: the parsed prompt, the effective constraints and the candidate query (or none). */
export interface MatchPlan {
  intent: PromptIntent | null;
  constraints: EffectiveConstraints;
  /** Null when the constraints contradict each other and nobody can match. */
  query: CandidateQuery | null;
}

/**
 * From a request and the requester's profile to the candidate query (SPEC §6): prompt parsed, prompt and request
 * constraints intersected, topic phrases for the pool. Pure; the benchmarks time the same query with it.
 */
export function planMatch(requester: RequesterRow, settings: MatchSettings, request: MatchRequest): MatchPlan {
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
  if (constraints.empty) return { intent, constraints, query: null };
  const topics = searchTopics(intent?.topics ?? [], preferences.interests ?? []);
  return {
    intent,
    constraints,
    query: {
      requesterId: requester.id,
      origin: constraints.origin,
      maxDistanceKm: constraints.maxDistanceKm,
      ageRange: constraints.ageRange,
      gender: constraints.gender,
      candidateIds: request.candidate_ids ?? null,
      excludeIds: request.exclude_user_ids ?? [],
      inactiveDays: settings.inactiveDays,
      topicConcepts: topics.concepts,
      topicPhrases: topics.phrases,
      poolSize: settings.poolSize,
    },
  };
}

/**
 * POST /api/ml/match (SPEC §4, §6): the requester's profile, the plan, an index-backed candidate pool, then pure
 * scoring.
 */
export async function findMatches(source: ProfileSource, settings: MatchSettings, request: MatchRequest): Promise<MatchOutcome> {
  const requester = await source.findRequester(request.user_id);
  if (!requester) throw new AppError('PROFILE_NOT_FOUND', `No profile for user ${request.user_id}`);
  if (requester.is_suspended) throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended and cannot search');
  const { intent, constraints, query } = planMatch(requester, settings, request);
  if (!query) return { matches: [], totalCandidates: 0 };

  const candidates = await source.findCandidates(query);
  const preferences = request.preferences ?? {};
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
