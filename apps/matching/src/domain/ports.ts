import type {
  CandidateProfile,
  LatLon,
  RankedMatch,
  RankRequest,
  ScoredCandidate,
  TagSenses,
  WordAssociation,
} from '@circle-match/scoring';

/**
 * What the match use case needs from the world, owned here and implemented outside: PostgreSQL (data-access/
 * member-repository.ts), the candidate index (index/) and WordNet (data-access/wordnet-synonyms.ts). service.ts wires
 * the implementations; the use case and the routes know only these.
 */

/** The member searching, as scoring needs them. */
export interface Requester {
  id: string;
  age: number | null;
  about: string | null;
  interests: string[];
  needs: string[];
  latitude: number | null;
  longitude: number | null;
  /** A suspended member may not search (403), whatever their token says. */
  is_suspended: boolean;
  /**
   * Members never to show them, whatever else holds (docs/semantics.md): blocked either way, friends, passed on within the
   * cooldown or liked. Read with the requester, so a block or a pass made a moment ago applies to this answer.
   */
  related_ids: string[];
}

/** The hard filters an answer is re-checked against, beside SEARCHABLE_SQL. */
export interface RecheckFilters {
  requesterId: string;
  passCooldownDays: number;
  inactiveDays: number;
  ageRange: readonly [number, number] | null;
  gender: string | null;
}

/** What a request asks of the pool (docs/semantics.md): its hard filters and the topics that put a member first. */
export interface PoolQuery {
  requesterId: string;
  /** Distances from here, and only members within maxDistanceKm; null: no distance filter, most active first. */
  origin: LatLon | null;
  maxDistanceKm: number;
  ageRange: readonly [number, number] | null;
  gender: string | null;
  candidateIds: readonly string[] | null;
  excludeIds: readonly string[];
  inactiveDays: number;
  /** Lexicon concepts of the search topics: members mentioning any come first. */
  topicConcepts: readonly string[];
  /** Topic words no concept covers: members using all words of any come first too. */
  topicPhrases: readonly string[];
  poolSize: number;
  /** Now, in ms since the epoch (a parameter so that one request uses one instant). */
  now: number;
}

/** The truth, read from PostgreSQL on every request: who asks, and whether those about to be returned still may be. */
export interface MemberSource {
  findRequester(id: string, passCooldownDays: number): Promise<Requester | null>;
  /**
   * The first `limit` of `ids` (in their order) that are still eligible, with their display fields; the others are
   * not read further.
   */
  firstStillEligible(ids: readonly string[], filters: RecheckFilters, limit: number): Promise<CandidateProfile[]>;
}

/**
 * A request's pool, scored (CandidateSource.rank): in this thread or in a ranking thread, hence asynchronous.
 * Close it once done: a ranking thread holds it until then.
 */
export interface RankedPool {
  /** How many members were scored. */
  size: number;
  /** The `k` best in docs/semantics.md order. */
  best(k: number): Promise<ScoredCandidate[]>;
  /** The breakdown of each, with its display fields read from the database; closes the ranking. */
  explain(page: ReadonlyArray<{ scored: ScoredCandidate; profile: CandidateProfile }>): Promise<RankedMatch[]>;
  close(): void;
}

/** The candidate index: a request's pool ranked (null while it loads), and what its members' profiles teach. */
export interface CandidateSource {
  /** `prefetch`: how many of the best the caller will ask for first (a ranking thread sends them at once). */
  rank(query: PoolQuery, request: RankRequest, prefetch: number): Promise<RankedPool | null>;
  /** Concepts learned to go with a word stem across members' profiles. */
  associationsOf(stem: string): readonly WordAssociation[];
  /** Whether many members use a word stem without it going with any concept ("night"). */
  isGenericWord(stem: string): boolean;
  /** What its members mean by tags the lexicon reads otherwise ("backpacking": travel, not hiking). */
  senses(): TagSenses;
}

/** General synonyms of words the built-in lexicon does not know (WordNet). */
export interface Vocabulary {
  synonymsOf(word: string): readonly string[];
}
