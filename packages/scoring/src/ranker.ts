import { distanceKm as greatCircleKm, type LatLon } from './geo.js';
import { buildReasons } from './explanation.js';
import {
  bioDisplayWords,
  candidateFeatures,
  renumberTermsIfFull,
  requesterFeatures,
  type CandidateFeatures,
  type RequesterFeatures,
} from './features.js';
import { ageSimilarity } from './factors/age.js';
import { BioCorpus, bioSimilarity } from './factors/bio.js';
import { distanceSimilarity } from './factors/distance.js';
import { interestsMatcher } from './factors/interests.js';
import { needsMatcher } from './factors/needs.js';
import { PromptMatcher } from './factors/prompt.js';
import type { TagSetMatcher } from './factors/tag-set.js';
import type { EffectiveConstraints } from './constraints.js';
import type { PromptIntent } from './prompt-parser.js';
import type { CandidateProfile, FactorBreakdown, MatchExplanation, RequesterProfile } from './types.js';
import { DEFAULT_WEIGHTS, effectiveWeights, FACTORS, type Factor, type Weights } from './weights.js';

export interface RankRequest {
  requester: RequesterProfile;
  /** The parsed prompt, or null when the request has none. */
  prompt: PromptIntent | null;
  /** Interests and needs named in the request's preferences; they count as the requester's own. */
  preferenceInterests?: readonly string[];
  preferenceNeeds?: readonly string[];
  constraints: EffectiveConstraints;
  /** Eligible candidates: the hard filters have already been applied by the candidate query. */
  candidates: readonly CandidateProfile[];
  weights?: Weights;
  limit: number;
}

export interface RankedMatch {
  profile: CandidateProfile;
  /** The candidate's location snapped to the privacy grid. */
  location: LatLon | null;
  /** From the requester's origin to the candidate's snapped location, 0.1 km precision; null without either. */
  distanceKm: number | null;
  score: number;
  explanation: MatchExplanation;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** SPEC §6 order: score desc, then distance asc (unknown last), then id asc. */
export function compareMatches(
  a: Pick<RankedMatch, 'score' | 'distanceKm' | 'profile'>,
  b: Pick<RankedMatch, 'score' | 'distanceKm' | 'profile'>,
): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0;
}

/** What one request shares across its candidates. */
interface ScoringContext {
  requester: RequesterFeatures;
  requesterBioNorm: number;
  corpus: BioCorpus;
  interests: TagSetMatcher;
  needs: TagSetMatcher;
  prompt: PromptMatcher;
  constraints: EffectiveConstraints;
  available: Readonly<Record<Factor, boolean>>;
  weights: Weights;
}

interface Scored {
  candidate: CandidateFeatures;
  profile: CandidateProfile;
  distanceKm: number | null;
  score: number;
}

function distanceOf(ctx: ScoringContext, candidate: CandidateFeatures): number | null {
  const origin = ctx.constraints.origin;
  return origin && candidate.location ? Math.round(greatCircleKm(origin, candidate.location) * 10) / 10 : null;
}

/** Evidence gathered while explaining a match. */
interface Evidence {
  interests: string[];
  needs: string[];
  prompt: string[];
  bio: string[];
}

/**
 * The six similarities of one candidate. With `evidence` it also gathers what the explanation shows; ranking
 * runs without it over the whole pool and again with it for the few matches returned.
 */
function similarities(
  ctx: ScoringContext,
  candidate: CandidateFeatures,
  distanceKm: number | null,
  evidence?: Evidence,
): Record<Factor, number> {
  const { requester, available } = ctx;
  const age = candidate.profile.age;
  const bioEvidence = evidence && { display: bioDisplayWords(candidate.profile.about), shared: evidence.bio };
  return {
    interests: available.interests ? ctx.interests.similarity(candidate.interests, evidence?.interests) : 0,
    needs: available.needs ? ctx.needs.similarity(candidate.needs, evidence?.needs) : 0,
    bio: available.bio ? bioSimilarity(requester.bio, ctx.requesterBioNorm, candidate.bio, ctx.corpus, bioEvidence) : 0,
    distance: distanceKm !== null ? distanceSimilarity(distanceKm, ctx.constraints.maxDistanceKm) : 0,
    age: requester.age !== null && age !== null ? ageSimilarity(requester.age, age) : 0,
    prompt: available.prompt ? ctx.prompt.similarity(candidate, evidence?.prompt) : 0,
  };
}

function pointsOf(ctx: ScoringContext, similarity: Readonly<Record<Factor, number>>, factor: Factor): number {
  return round2(100 * ctx.weights[factor] * similarity[factor]);
}

/** The score is the sum of the rounded points, so the breakdown adds up to it exactly. */
function scoreOf(ctx: ScoringContext, similarity: Readonly<Record<Factor, number>>): number {
  let score = 0;
  for (const factor of FACTORS) score += pointsOf(ctx, similarity, factor);
  return round2(score);
}

function explain(ctx: ScoringContext, scored: Scored): RankedMatch {
  const { candidate, distanceKm, profile } = scored;
  const gathered: Evidence = { interests: [], needs: [], prompt: [], bio: [] };
  const similarity = similarities(ctx, candidate, distanceKm, gathered);
  const factors = {} as Record<Factor, FactorBreakdown>;
  const points = {} as Record<Factor, number>;
  for (const factor of FACTORS) {
    points[factor] = pointsOf(ctx, similarity, factor);
    factors[factor] = {
      similarity: round4(similarity[factor]),
      weight: round4(ctx.weights[factor]),
      points: points[factor],
      available: ctx.available[factor],
    };
  }
  const evidence = {
    shared_interests: gathered.interests,
    shared_needs: gathered.needs,
    matched_prompt_terms: gathered.prompt,
    shared_bio_terms: gathered.bio,
    distance_km: distanceKm,
    age_gap: ctx.requester.age !== null && profile.age !== null ? Math.abs(ctx.requester.age - profile.age) : null,
  };
  return {
    profile,
    location: candidate.location,
    distanceKm,
    score: scoreOf(ctx, similarity),
    explanation: { factors, evidence, reasons: buildReasons(evidence, points) },
  };
}

/**
 * Scores every candidate on the six factors, explains each score and returns the best `limit`, in SPEC §6 order.
 * Pure: the same input always gives the same output.
 */
export function rankCandidates(request: RankRequest): RankedMatch[] {
  const { constraints, prompt } = request;
  renumberTermsIfFull();
  const requester = requesterFeatures(request.requester, {
    interests: request.preferenceInterests ?? [],
    needs: request.preferenceNeeds ?? [],
  });
  const candidates = request.candidates.map(candidateFeatures);
  const corpus = new BioCorpus(candidates.map((c) => c.bio));
  const promptMatcher = new PromptMatcher(prompt?.topics ?? [], prompt?.intents ?? []);
  const available: Record<Factor, boolean> = {
    interests: requester.interests.length > 0,
    needs: requester.needs.length > 0,
    bio: requester.bio.length > 0,
    distance: constraints.origin !== null,
    age: requester.age !== null,
    prompt: promptMatcher.available,
  };
  const ctx: ScoringContext = {
    requester,
    requesterBioNorm: corpus.squaredNorm(requester.bio),
    corpus,
    interests: interestsMatcher(requester.interests),
    needs: needsMatcher(requester.needs),
    prompt: promptMatcher,
    constraints,
    available,
    weights: effectiveWeights(request.weights ?? DEFAULT_WEIGHTS, available),
  };

  const scored = candidates.map((candidate): Scored => {
    const distanceKm = distanceOf(ctx, candidate);
    return { candidate, profile: candidate.profile, distanceKm, score: scoreOf(ctx, similarities(ctx, candidate, distanceKm)) };
  });
  return selectBest(scored, request.limit, compareMatches).map((s) => explain(ctx, s));
}

/** The `k` first items in `compare` order, without sorting the whole pool (k is small, the pool is not). */
export function selectBest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1]!) >= 0) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && compare(item, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}
