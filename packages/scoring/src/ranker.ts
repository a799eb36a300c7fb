import { distanceKm as greatCircleKm, type LatLon } from './geo.js';
import { buildReasons } from './explanation.js';
import { candidateFeatures, requesterFeatures } from './features.js';
import { ageSimilarity } from './factors/age.js';
import { BioCorpus, bioSimilarity } from './factors/bio.js';
import { distanceSimilarity } from './factors/distance.js';
import { interestsSimilarity } from './factors/interests.js';
import { needsSimilarity } from './factors/needs.js';
import { promptSimilarity } from './factors/prompt.js';
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
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0;
}

/**
 * Scores every candidate on the six factors, explains each score and returns the best `limit`, in SPEC §6 order.
 * Pure: the same input always gives the same output.
 */
export function rankCandidates(request: RankRequest): RankedMatch[] {
  const { constraints, prompt } = request;
  const requester = requesterFeatures(request.requester, {
    interests: request.preferenceInterests ?? [],
    needs: request.preferenceNeeds ?? [],
  });
  const candidates = request.candidates.map(candidateFeatures);
  const corpus = new BioCorpus(candidates.map((c) => c.bio));
  const requesterBioNorm = corpus.squaredNorm(requester.bio);
  const topics = prompt?.topics ?? [];
  const intents = prompt?.intents ?? [];
  const origin = constraints.origin;

  const available: Record<Factor, boolean> = {
    interests: requester.interests.tags.length > 0,
    needs: requester.needs.tags.length > 0,
    bio: requester.bio.size > 0,
    distance: origin !== null,
    age: requester.age !== null,
    prompt: topics.length + intents.length > 0,
  };
  const weights = effectiveWeights(request.weights ?? DEFAULT_WEIGHTS, available);

  const ranked = candidates.map((candidate): RankedMatch => {
    const profile = candidate.profile;
    const interests = available.interests ? interestsSimilarity(requester.interests, candidate.interests) : null;
    const needs = available.needs ? needsSimilarity(requester.needs, candidate.needs) : null;
    const bio = available.bio ? bioSimilarity(requester.bio, requesterBioNorm, candidate.bio, corpus) : null;
    const promptResult = available.prompt ? promptSimilarity(topics, intents, candidate) : null;
    const km = origin && candidate.location ? Math.round(greatCircleKm(origin, candidate.location) * 10) / 10 : null;
    const ageGap = requester.age !== null && profile.age !== null ? Math.abs(requester.age - profile.age) : null;

    const similarity: Record<Factor, number> = {
      interests: interests?.similarity ?? 0,
      needs: needs?.similarity ?? 0,
      bio: bio?.similarity ?? 0,
      distance: km !== null ? distanceSimilarity(km, constraints.maxDistanceKm) : 0,
      age: requester.age !== null && profile.age !== null ? ageSimilarity(requester.age, profile.age) : 0,
      prompt: promptResult?.similarity ?? 0,
    };
    const factors = {} as Record<Factor, FactorBreakdown>;
    const points = {} as Record<Factor, number>;
    let score = 0;
    for (const factor of FACTORS) {
      points[factor] = round2(100 * weights[factor] * similarity[factor]);
      score += points[factor];
      factors[factor] = {
        similarity: round4(similarity[factor]),
        weight: round4(weights[factor]),
        points: points[factor],
        available: available[factor],
      };
    }
    const evidence = {
      shared_interests: interests?.shared ?? [],
      shared_needs: needs?.shared ?? [],
      matched_prompt_terms: promptResult?.matched ?? [],
      shared_bio_terms: bio?.shared ?? [],
      distance_km: km,
      age_gap: ageGap,
    };
    return {
      profile,
      location: candidate.location,
      distanceKm: km,
      // The sum of the rounded points, so the breakdown adds up to the score exactly.
      score: round2(score),
      explanation: { factors, evidence, reasons: buildReasons(evidence, points) },
    };
  });

  ranked.sort(compareMatches);
  return ranked.slice(0, request.limit);
}
