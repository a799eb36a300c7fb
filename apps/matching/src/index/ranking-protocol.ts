import type { CandidateProfile, RankedMatch, RankRequest, ScoredCandidate } from '@circle-match/scoring';
import type { IndexChanges, ResolvedPoolQuery } from './candidate-index.js';

/**
 * The messages between the service thread and a ranking thread (RankingThreads ↔ ranking-worker.ts). Index changes
 * come in the order the index took them; a thread answers each rank, best and explain with the request's `id`.
 */
export type ToRankingThread =
  /** `snapshot`: a new index to follow from scratch (`generation` counts them); otherwise the next changes. */
  | { type: 'changes'; generation: number; snapshot: boolean; changes: IndexChanges }
  | { type: 'rank'; id: number; query: ResolvedPoolQuery; request: RankRequest; prefetch: number }
  | { type: 'best'; id: number; k: number }
  | { type: 'explain'; id: number; page: ReadonlyArray<{ scored: ScoredCandidate; profile: CandidateProfile }> }
  | { type: 'close'; id: number };

export type FromRankingThread =
  /** Changes `number` of index `generation` applied: the slots they retired are no longer read here. */
  | { type: 'applied'; generation: number; number: number }
  /** `size` -1: this thread has no index yet. */
  | { type: 'ranked'; id: number; size: number; best: ScoredCandidate[] }
  | { type: 'explained'; id: number; matches: RankedMatch[] }
  | { type: 'failed'; id: number | null; message: string };
