import { Ranking, type RankRequest } from '@circle-match/scoring';
import type { PoolQuery, RankedPool } from '../domain/ports.js';
import type { CandidateIndex } from './candidate-index.js';

/** A request's pool built and scored in the service's own thread (RANKING_THREADS=0; tests, small deployments). */
export function rankInThread(index: CandidateIndex | null, query: PoolQuery, request: RankRequest): RankedPool | null {
  if (!index) return null;
  const pool = index.pool(query).candidates;
  const ranking = new Ranking(pool, request);
  return {
    size: pool.size,
    best: (k) => Promise.resolve(ranking.best(k)),
    explain: (page) => Promise.resolve(page.map(({ scored, profile }) => ranking.explain(scored, profile))),
    close: () => undefined,
  };
}
