import type { Match, MatchRequest } from '@circle-match/contracts';
import {
  expandTopics,
  parsePrompt,
  resolveConstraints,
  searchTopics,
  topicOfTag,
  type CandidateProfile,
  type EffectiveConstraints,
  type PromptIntent,
  type PromptTopic,
  type RankedMatch,
  type RequesterProfile,
  type ScoredCandidate,
  type Weights,
} from '@circle-match/scoring';
import { AppError } from '@circle-match/service-kit';
import type {
  CandidateSource,
  MemberSource,
  PoolQuery,
  RankedPool,
  RecheckFilters,
  Requester,
  Vocabulary,
} from './ports.js';

export interface MatchSettings {
  poolSize: number;
  inactiveDays: number;
  /** A member the requester passed on comes back after this many days. */
  passCooldownDays: number;
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
  /** The preferences' interests and needs as topics asked for, expanded like the prompt's. */
  preferenceTopics: PromptTopic[];
  constraints: EffectiveConstraints;
  /** Null when the constraints contradict each other and nobody can match. */
  query: PoolQuery | null;
}

/**
 * From a request and the requester's profile to the candidate query (docs/semantics.md): prompt parsed, prompt and request
 * constraints intersected, topic phrases for the pool. Pure; the benchmarks time the same query with it.
 */
export function planMatch(
  requester: Requester,
  settings: MatchSettings,
  request: MatchRequest,
  words: { vocabulary: Vocabulary; candidates: Pick<CandidateSource, 'associationsOf' | 'isGenericWord' | 'senses'> },
  now = Date.now(),
): MatchPlan {
  const parsed = request.prompt !== undefined ? parsePrompt(request.prompt) : null;
  // Open vocabulary: a topic word the lexicon does not know also matches its general synonyms, or else the concepts
  // members' profiles associate with it — in the prompt and in the preferences' interests and needs alike; a tag
  // the members use in another sense than the lexicon's is read in theirs.
  const senses = words.candidates.senses();
  const expand = (topics: PromptTopic[]): PromptTopic[] =>
    expandTopics(topics, {
      synonymsOf: (word) => words.vocabulary.synonymsOf(word),
      associationsOf: (stem) => words.candidates.associationsOf(stem),
      isGeneric: (stem) => words.candidates.isGenericWord(stem),
      senses,
    });
  const intent = parsed && { ...parsed, topics: expand(parsed.topics) };
  const preferences = request.preferences ?? {};
  const interestTopics = expand((preferences.interests ?? []).map(topicOfTag));
  const preferenceTopics = [...interestTopics, ...expand((preferences.needs ?? []).map(topicOfTag))];
  const requestLocation =
    request.latitude !== undefined && request.longitude !== undefined
      ? { latitude: request.latitude, longitude: request.longitude }
      : null;
  const profileLocation =
    requester.latitude !== null && requester.longitude !== null
      ? { latitude: requester.latitude, longitude: requester.longitude }
      : null;
  const constraints = resolveConstraints(intent, {
    ageRange: preferences.age_range,
    genderPreference: preferences.gender_preference,
    maxDistanceKm: preferences.max_distance,
    requestLocation,
    profileLocation,
  });
  // Contradictory constraints ("women" and gender_preference "male") match nobody; that is an answer, not an error.
  if (constraints.empty) return { intent, preferenceTopics, constraints, query: null };
  const topics = searchTopics([...(intent?.topics ?? []), ...interestTopics]);
  return {
    intent,
    preferenceTopics,
    constraints,
    query: {
      requesterId: requester.id,
      origin: constraints.origin,
      maxDistanceKm: constraints.maxDistanceKm,
      ageRange: constraints.ageRange,
      gender: constraints.gender,
      candidateIds: request.candidate_ids ?? null,
      // Whom the request excludes, and whom the requester is never shown (blocks, friends, passes, likes).
      excludeIds: [...(request.exclude_user_ids ?? []), ...requester.related_ids],
      inactiveDays: settings.inactiveDays,
      topicConcepts: topics.concepts,
      topicPhrases: topics.phrases,
      poolSize: settings.poolSize,
      now,
    },
  };
}

/** The requester as the ranking sees them: their profile, searching from the constraints' origin. */
export function rankedRequester(
  requester: Pick<Requester, 'age' | 'about' | 'interests' | 'needs'>,
  constraints: EffectiveConstraints,
): RequesterProfile {
  const { age, about, interests, needs } = requester;
  return { age, about, interests, needs, location: constraints.origin };
}

/** More than the page is re-checked at first, so that a few members gone since the index saw them cost no second query. */
const RECHECK_SPARE = 10;

/** How many of the best are re-checked first. */
function firstRecheck(poolSize: number, limit: number): number {
  return Math.min(poolSize, limit * 2 + RECHECK_SPARE);
}

/**
 * The best `limit` of the ranked pool that are still eligible according to the database: the ones that are no
 * longer are dropped and the next best take their place.
 */
async function stillEligibleBest(
  members: MemberSource,
  ranking: RankedPool,
  limit: number,
  filters: RecheckFilters,
): Promise<Array<{ scored: ScoredCandidate; profile: CandidateProfile }>> {
  const kept: Array<{ scored: ScoredCandidate; profile: CandidateProfile }> = [];
  const poolSize = ranking.size;
  let checked = 0;
  let wanted = firstRecheck(poolSize, limit);
  while (kept.length < limit && checked < poolSize) {
    const batch = (await ranking.best(wanted)).slice(checked);
    const profiles = await members.firstStillEligible(
      batch.map((s) => s.id),
      filters,
      limit - kept.length,
    );
    const byId = new Map(profiles.map((profile) => [profile.id, profile]));
    for (const scored of batch) {
      const profile = byId.get(scored.id);
      if (profile) kept.push({ scored, profile });
    }
    checked += batch.length;
    wanted = poolSize; // rare: many were gone; the rest of the pool in one more query
  }
  return kept;
}

/**
 * POST /api/ml/match (docs/api.md, docs/semantics.md): the requester from the database (404 unknown or deleted, 403 suspended), the
 * plan, a pool from the in-memory candidate index, scoring, then the returned page re-checked against the database.
 */
export async function findMatches(
  { members, candidates, vocabulary }: { members: MemberSource; candidates: CandidateSource; vocabulary: Vocabulary },
  settings: MatchSettings,
  request: MatchRequest,
): Promise<MatchOutcome> {
  const requester = await members.findRequester(request.user_id, settings.passCooldownDays);
  if (!requester) throw new AppError('PROFILE_NOT_FOUND', `No profile for user ${request.user_id}`);
  if (requester.is_suspended) throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended and cannot search');
  const { intent, preferenceTopics, constraints, query } = planMatch(requester, settings, request, {
    vocabulary,
    candidates,
  });
  if (!query) return { matches: [], totalCandidates: 0 };

  const preferences = request.preferences ?? {};
  const limit = request.single_best_match ? 1 : request.limit;
  const ranking = await candidates.rank(
    query,
    {
      requester: rankedRequester(requester, constraints),
      prompt: intent,
      preferenceInterests: preferences.interests ?? [],
      preferenceNeeds: preferences.needs ?? [],
      preferenceTopics,
      constraints,
      weights: settings.weights,
    },
    firstRecheck(settings.poolSize, limit),
  );
  if (!ranking) throw AppError.unavailable('The matching service is starting; try again shortly');
  try {
    const page = await stillEligibleBest(members, ranking, limit, {
      requesterId: requester.id,
      passCooldownDays: settings.passCooldownDays,
      inactiveDays: settings.inactiveDays,
      ageRange: constraints.ageRange,
      gender: constraints.gender,
    });
    return { matches: (await ranking.explain(page)).map(toMatch), totalCandidates: ranking.size };
  } finally {
    ranking.close();
  }
}
