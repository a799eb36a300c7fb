import type { Logger } from '@circle-match/service-kit';
import type pg from 'pg';
import { TagSenses, type Weights } from '@circle-match/scoring';
import { Database } from './data-access/database.js';
import { IndexSource } from './data-access/index-source.js';
import { MemberRepository } from './data-access/member-repository.js';
import { WordNetSynonyms } from './data-access/wordnet-synonyms.js';
import type { RouteDeps } from './entry-points/api/routes.js';
import { rankInThread } from './index/in-thread-ranking.js';
import { IndexMaintainer } from './index/index-maintainer.js';
import { RankingThreads } from './index/ranking-threads.js';

export interface MatchingServiceOptions {
  /** Database connections (DB_POOL_MAX). */
  connections: pg.Pool;
  logger: Logger;
  maxWaiting: number;
  /** Members scored per search (CANDIDATE_POOL_SIZE). */
  poolSize: number;
  inactiveDays: number;
  passCooldownDays: number;
  weights: Weights;
  version: string;
  index: { pollIntervalMs: number; reconcileIntervalMs: number; feedRetentionSeconds: number };
  /** Threads that build and score pools (RANKING_THREADS); 0: this thread does. */
  rankingThreads: number;
  /** See RankingThreadsOptions.rankAloneHere. */
  rankAloneHere?: boolean;
}

export interface MatchingService {
  deps: RouteDeps;
  maintainer: IndexMaintainer;
  /** The ranking threads (RANKING_THREADS > 0), or null. */
  threads: RankingThreads | null;
  /** Readiness turns false: called when shutdown begins. */
  drain: () => void;
  /** Stops keeping the index fresh and ends the ranking threads. */
  stop: () => Promise<void>;
}

/**
 * After a full load, one last-resort collection (~30 ms at 100k members, ~45 ms at 1M): V8 otherwise keeps the
 * pages the load's garbage and the replaced index filled, and the service runs ~10 MB larger for the rest of its
 * life (docs/performance.md). Needs `--expose-gc`, which compose and Kubernetes put in NODE_OPTIONS; without it,
 * nothing happens.
 */
function releaseMemoryAfterLoad(): void {
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/**
 * The matching service's objects, wired once (main.ts, and tests through the same function): the database, its
 * two per-request queries, the candidate index and its maintainer. Call `maintainer.start()` to load the index.
 */
export function createMatchingService(options: MatchingServiceOptions): MatchingService {
  const db = new Database(options.connections, { maxWaiting: options.maxWaiting });
  const threads =
    options.rankingThreads > 0
      ? new RankingThreads({
          count: options.rankingThreads,
          logger: options.logger,
          rankAloneHere: options.rankAloneHere,
        })
      : null;
  const maintainer = new IndexMaintainer(new IndexSource(db), {
    ...options.index,
    logger: options.logger,
    replicas: threads ?? undefined,
    afterLoad: releaseMemoryAfterLoad,
  });
  let accepting = true;
  return {
    maintainer,
    threads,
    drain: () => void (accepting = false),
    stop: async () => {
      maintainer.stop();
      await threads?.stop();
    },
    deps: {
      members: new MemberRepository(db),
      candidates: {
        rank: async (query, request, prefetch) =>
          threads ? threads.rank(query, request, prefetch) : rankInThread(maintainer.index, query, request),
        associationsOf: (stem) => maintainer.index?.associationsOf(stem) ?? [],
        isGenericWord: (stem) => maintainer.index?.isGenericWord(stem) ?? false,
        senses: () => maintainer.index?.senses ?? TagSenses.NONE,
      },
      vocabulary: new WordNetSynonyms(),
      state: {
        databaseReachable: () => db.isReachable(),
        // The service thread ranks while a thread is still applying the index (or is being replaced).
        indexReady: () => maintainer.index !== null,
        accepting: () => accepting,
      },
      settings: {
        poolSize: options.poolSize,
        inactiveDays: options.inactiveDays,
        passCooldownDays: options.passCooldownDays,
        weights: options.weights,
      },
      version: options.version,
    },
  };
}
