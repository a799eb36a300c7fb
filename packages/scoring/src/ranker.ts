import { distanceKmBetween, wholeKm, type LatLon } from './geo.js';
import { buildReasons } from './explanation.js';
import { bioDisplayWords, requesterFeatures, type RequesterFeatures } from './features.js';
import { ageSimilarity } from './factors/age.js';
import { BioCorpus, bioSimilarity, sharedBioWords } from './factors/bio.js';
import { distanceSimilarity } from './factors/distance.js';
import { interestsMatcher } from './factors/interests.js';
import { needsMatcher } from './factors/needs.js';
import { PromptMatcher, type CandidateLists } from './factors/prompt.js';
import type { TagSetMatcher } from './factors/tag-set.js';
import type { EffectiveConstraints } from './constraints.js';
import { topicOfTag, type PromptIntent, type PromptTopic } from './prompt-parser.js';
import { poolFromProfiles, type CandidatePool } from './pool.js';
import type { TagSenses } from './tag-senses.js';
import type { CandidateProfile, FactorBreakdown, MatchExplanation, RequesterProfile } from './types.js';
import { DEFAULT_WEIGHTS, effectiveWeights, FACTORS, type Factor, type Weights } from './weights.js';

/** One search: who asks, what, under which constraints and weights. */
export interface RankRequest {
  requester: RequesterProfile;
  /** The parsed prompt, or null when the request has none. */
  prompt: PromptIntent | null;
  /** Interests and needs named in the request's preferences; they count as the requester's own. */
  preferenceInterests?: readonly string[];
  preferenceNeeds?: readonly string[];
  /**
   * The preferences' interests and needs as topics asked for, when the caller expanded them (open vocabulary);
   * otherwise they are read with topicOfTag.
   */
  preferenceTopics?: readonly PromptTopic[];
  constraints: EffectiveConstraints;
  weights?: Weights;
}

export interface RankedMatch {
  profile: CandidateProfile;
  /** The candidate's location snapped to the privacy grid. */
  location: LatLon | null;
  /** From the requester's snapped origin to the candidate's cell, in whole km (at least 1); null without either. */
  distanceKm: number | null;
  score: number;
  explanation: MatchExplanation;
}

/** A candidate of the pool, by position, with what ordering needs. */
export interface ScoredCandidate {
  /** Position in the pool. */
  index: number;
  id: string;
  distanceKm: number | null;
  score: number;
  /** Whether it answers the request (docs/semantics.md "The ask comes first"); true for all when the request asks no topic. */
  answersRequest: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
const FACTOR_COUNT = FACTORS.length;

/** docs/semantics.md order: answers the request first, then score desc, then distance asc (unknown last), then id asc. */
export function compareMatches(
  a: { answersRequest: boolean; score: number; distanceKm: number | null; id: string },
  b: { answersRequest: boolean; score: number; distanceKm: number | null; id: string },
): number {
  if (a.answersRequest !== b.answersRequest) return a.answersRequest ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One request's scoring over a candidate pool (docs/semantics.md), column by column: the six similarities of every
 * candidate are computed once into typed arrays, with what the request shares across its candidates (the
 * requester's features, the pool's bio statistics, per-tag memos) computed once. `best` orders the pool;
 * `explain` gives one scored candidate its breakdown, evidence and reasons, from its display fields.
 */
export class Ranking {
  private readonly requester: RequesterFeatures;
  private readonly interests: TagSetMatcher;
  private readonly needs: TagSetMatcher;
  private readonly prompt: PromptMatcher;
  /** The topics the request asks for (its prompt's and its preferences' interests and needs); null: none. */
  private readonly ask: PromptMatcher | null;
  private readonly askIsPrompt: boolean;
  /** Per candidate, 1 when it answers the request (every one when nothing is asked). */
  private readonly answers: Uint8Array;
  private readonly available: Readonly<Record<Factor, boolean>>;
  private readonly weights: Weights;
  /** Six similarities per candidate, in FACTORS order. */
  private readonly similarity: Float64Array;
  private readonly scores: Float64Array;
  /** Whole km (wholeKm); NaN without origin or location. */
  private readonly distances: Float64Array;
  /** IDF² of the requester's bio terms, kept for explanations once the pool's scratch is given back. */
  private readonly requesterIdf = new Map<number, number>();
  /** Where each candidate's bio terms begin in the pool's lists (after their interest and need tags). */
  private readonly bioFrom: Uint32Array;

  constructor(
    private readonly pool: CandidatePool,
    request: RankRequest,
  ) {
    const { constraints } = request;
    this.requester = requesterFeatures(
      pool.terms,
      request.requester,
      { interests: request.preferenceInterests ?? [], needs: request.preferenceNeeds ?? [] },
      (raw) => pool.memo.read(raw),
    );
    pool.scratch.fit(pool.terms.size);
    this.bioFrom = new Uint32Array(pool.size);
    for (let i = 0; i < pool.size; i++) this.bioFrom[i] = pool.start[i]! + pool.interestCount[i]! + pool.needCount[i]!;
    this.prompt = new PromptMatcher(pool.terms, pool, request.prompt?.topics ?? [], request.prompt?.intents ?? []);
    const asked = askedTopics(request);
    // Usually the ask is the prompt's (selecting) topics alone: the prompt factor's own pass then says who answers.
    const promptTopics = request.prompt?.topics ?? [];
    this.askIsPrompt = asked.length > 0 && asked.every((topic) => promptTopics.includes(topic));
    this.ask = asked.length > 0 && !this.askIsPrompt ? new PromptMatcher(pool.terms, pool, asked, []) : null;
    this.answers = new Uint8Array(pool.size);
    this.available = {
      interests: this.requester.interests.length > 0,
      needs: this.requester.needs.length > 0,
      bio: this.requester.bio.length > 0,
      distance: constraints.origin !== null,
      age: this.requester.age !== null,
      prompt: this.prompt.available,
    };
    this.interests = interestsMatcher(this.requester.interests, pool);
    this.needs = needsMatcher(this.requester.needs, pool);
    this.weights = effectiveWeights(request.weights ?? DEFAULT_WEIGHTS, this.available);
    this.similarity = new Float64Array(pool.size * FACTOR_COUNT);
    this.scores = new Float64Array(pool.size);
    this.distances = new Float64Array(pool.size);
    this.scoreAll(constraints);
  }

  private scoreAll(constraints: EffectiveConstraints): void {
    const { pool, available, requester } = this;
    const corpus = new BioCorpus(pool.lists, this.bioFrom, pool.bioCount, pool.scratch);
    try {
      const requesterNorm = corpus.squaredNorm(requester.bio, 0, requester.bio.length);
      for (const id of requester.bio) this.requesterIdf.set(id, corpus.idfSquared(id));
      const origin = constraints.origin;
      const lists = this.listsOf(0);
      const weights = FACTORS.map((f) => this.weights[f]);
      for (let i = 0; i < pool.size; i++) {
        lists.interests = pool.start[i]!;
        lists.interestCount = pool.interestCount[i]!;
        lists.needs = lists.interests + lists.interestCount;
        lists.needCount = pool.needCount[i]!;
        lists.bio = this.bioFrom[i]!;
        lists.bioCount = pool.bioCount[i]!;
        const distance = origin ? this.distanceKm(origin, i) : Number.NaN;
        this.distances[i] = distance;
        const age = pool.age[i]!;
        const s = i * FACTOR_COUNT;
        // FACTORS order: interests, needs, bio, distance, age, prompt.
        // Written in place (similarityInto): a factor's value returned would be a heap number per candidate.
        if (available.interests)
          this.interests.similarityInto(this.similarity, s, pool.lists, lists.interests, lists.interestCount);
        if (available.needs)
          this.needs.similarityInto(this.similarity, s + 1, pool.lists, lists.needs, lists.needCount);
        this.similarity[s + 2] = available.bio
          ? bioSimilarity(requester.bio, requesterNorm, pool.lists, lists.bio, lists.bioCount, corpus)
          : 0;
        this.similarity[s + 3] = Number.isNaN(distance) ? 0 : distanceSimilarity(distance, constraints.maxDistanceKm);
        this.similarity[s + 4] = requester.age !== null && age >= 0 ? ageSimilarity(requester.age, age) : 0;
        if (available.prompt) this.prompt.similarityInto(this.similarity, s + 5, lists);
        this.answers[i] = this.askIsPrompt
          ? this.prompt.answeredLast
            ? 1
            : 0
          : this.ask === null || this.ask.answers(lists)
            ? 1
            : 0;
        // The score is the sum of the rounded points, so the breakdown adds up to it exactly.
        let score = 0;
        for (let f = 0; f < FACTOR_COUNT; f++) score += round2(100 * weights[f]! * this.similarity[s + f]!);
        this.scores[i] = round2(score);
      }
    } finally {
      corpus.release();
    }
  }

  /** Whole km from the origin to the candidate's cell (what the member is shown); NaN without a location. */
  private distanceKm(origin: LatLon, i: number): number {
    const latitude = this.pool.latitude[i]!;
    if (Number.isNaN(latitude)) return Number.NaN;
    return wholeKm(distanceKmBetween(origin.latitude, origin.longitude, latitude, this.pool.longitude[i]!));
  }

  private compare = (a: number, b: number): number => {
    if (this.answers[a] !== this.answers[b]) return this.answers[b]! - this.answers[a]!;
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    if (sa !== sb) return sb - sa;
    const da = Number.isNaN(this.distances[a]!) ? Number.POSITIVE_INFINITY : this.distances[a]!;
    const db = Number.isNaN(this.distances[b]!) ? Number.POSITIVE_INFINITY : this.distances[b]!;
    if (da !== db) return da - db;
    return this.pool.compareIds(a, b);
  };

  /** The `k` best of the pool in docs/semantics.md order (all of them when k ≥ the pool). */
  best(k: number): ScoredCandidate[] {
    return bestPositions(this.pool.size, k, this.compare).map((i) => ({
      index: i,
      id: this.pool.idOf(i),
      distanceKm: Number.isNaN(this.distances[i]!) ? null : this.distances[i]!,
      score: this.scores[i]!,
      answersRequest: this.answers[i] === 1,
    }));
  }

  /** The full breakdown of one scored candidate; `profile` holds its display fields (name, bio text, …). */
  /** Where candidate `i`'s tags and bio terms are. */
  private listsOf(i: number): CandidateLists {
    const { pool } = this;
    const interests = pool.start[i] ?? 0;
    const needs = interests + (pool.interestCount[i] ?? 0);
    return {
      tags: pool.lists,
      interests,
      interestCount: pool.interestCount[i] ?? 0,
      needs,
      needCount: pool.needCount[i] ?? 0,
      terms: pool.lists,
      bio: this.bioFrom[i] ?? 0,
      bioCount: pool.bioCount[i] ?? 0,
    };
  }

  explain(scored: ScoredCandidate, profile: CandidateProfile): RankedMatch {
    const { pool } = this;
    const i = scored.index;
    const lists = this.listsOf(i);
    const shared = { interests: [] as string[], needs: [] as string[], prompt: [] as string[] };
    if (this.available.interests)
      this.interests.similarity(pool.lists, lists.interests, lists.interestCount, shared.interests);
    if (this.available.needs) this.needs.similarity(pool.lists, lists.needs, lists.needCount, shared.needs);
    if (this.available.prompt) this.prompt.similarity(lists, shared.prompt);
    const answered: string[] = [];
    (this.askIsPrompt ? this.prompt : this.ask)?.answers(lists, answered);
    const bioWords = this.available.bio
      ? sharedBioWords(
          this.requester.bio,
          pool.lists.subarray(lists.bio, lists.bio + lists.bioCount),
          (id) => this.requesterIdf.get(id) ?? 0,
          () => bioDisplayWords(pool.terms, profile.about),
        )
      : [];
    const factors = {} as Record<Factor, FactorBreakdown>;
    const points = {} as Record<Factor, number>;
    FACTORS.forEach((factor, f) => {
      const similarity = this.similarity[i * FACTOR_COUNT + f]!;
      points[factor] = round2(100 * this.weights[factor] * similarity);
      factors[factor] = {
        similarity: round4(similarity),
        weight: round4(this.weights[factor]),
        points: points[factor],
        available: this.available[factor],
      };
    });
    const age = pool.age[i]!;
    const evidence = {
      shared_interests: shared.interests,
      shared_needs: shared.needs,
      matched_prompt_terms: shared.prompt,
      shared_bio_terms: bioWords,
      distance_km: scored.distanceKm,
      age_gap: this.requester.age !== null && age >= 0 ? Math.abs(this.requester.age - age) : null,
    };
    const located = !Number.isNaN(pool.latitude[i]!);
    return {
      profile,
      location: located ? { latitude: pool.latitude[i]!, longitude: pool.longitude[i]! } : null,
      distanceKm: scored.distanceKm,
      score: scored.score,
      explanation: {
        factors,
        evidence,
        matches_request: scored.answersRequest,
        reasons: buildReasons(evidence, points, answered),
      },
    };
  }
}

/**
 * What the request asks for: its prompt's topics, then its preferences' interests and needs, each once — without
 * the words that select nobody in particular (PromptTopic.selects).
 */
function askedTopics(request: RankRequest): PromptTopic[] {
  const topics = (request.prompt?.topics ?? []).filter((t) => t.selects !== false);
  const preferences =
    request.preferenceTopics ??
    [...(request.preferenceInterests ?? []), ...(request.preferenceNeeds ?? [])].map(topicOfTag);
  for (const topic of preferences) {
    if (topic.key !== '' && topic.selects !== false && !topics.some((t) => t.key === topic.key)) topics.push(topic);
  }
  return topics;
}

/**
 * Scores profiles given as rows, explains the best `limit` and returns them in docs/semantics.md order: the whole pipeline
 * in one call, over a pool built from the rows (poolFromProfiles), for callers that hold rows rather than an index
 * (tests, the relevance set). Pure: the same input always gives the same output.
 */
export function rankCandidates(
  request: RankRequest & { candidates: readonly CandidateProfile[]; limit: number; senses?: TagSenses },
): RankedMatch[] {
  const ranking = new Ranking(poolFromProfiles(request.candidates, undefined, request.senses), request);
  return ranking.best(request.limit).map((s) => ranking.explain(s, request.candidates[s.index]!));
}

/**
 * The `k` first of positions 0 … count − 1 in `compare` order, by insertion into the best so far, without sorting
 * the whole pool (k is small, the pool is not) and without making anything its size (a search's garbage is what its
 * throughput pays for, docs/performance.md).
 */
export function bestPositions(count: number, k: number, compare: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  for (let item = 0; item < count; item++) {
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
