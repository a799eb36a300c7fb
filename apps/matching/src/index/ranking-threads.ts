import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { CandidateProfile, RankedMatch, RankRequest, ScoredCandidate } from '@circle-match/scoring';
import type { Logger } from '@circle-match/service-kit';
import type { PoolQuery, RankedPool } from '../domain/ports.js';
import type { CandidateIndex } from './candidate-index.js';
import { rankInThread } from './in-thread-ranking.js';
import type { FromRankingThread, ToRankingThread } from './ranking-protocol.js';

/** Tests run this module from its TypeScript source; a thread runs the built JavaScript (npm test builds first). */
function workerScript(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts')
    ? new URL('../../dist/index/ranking-worker.js', here)
    : new URL('./ranking-worker.js', here);
}

type Reply = Extract<FromRankingThread, { type: 'ranked' | 'explained' }>;

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** One ranking thread as the service thread sees it. */
class RankerThread {
  readonly worker: Worker;
  /** Requests it answers, by id. */
  readonly waiting = new Map<number, Waiting>();
  /** Set when it has ended: what was asked of it fails, and nothing more is. */
  ended: Error | null = null;
  /** Rankings asked of it and not answered yet. */
  queued = 0;
  /** The index generation it follows and the last of its changes applied (-1: no snapshot applied yet). */
  generation = 0;
  applied = -1;

  constructor(youngGenerationMb: number) {
    this.worker = new Worker(workerScript(), { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
  }

  send(message: ToRankingThread): void {
    this.worker.postMessage(message);
  }

  ask(message: ToRankingThread & { id: number }): Promise<Reply> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.send(message);
    });
  }

  end(error: Error): void {
    this.ended = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/**
 * When every thread has this many pools waiting to be ranked, the service thread ranks the next one itself: with
 * one thread on two cores, the service thread's own spare time ranks too (docs/performance.md, "Both cores": 3 to 6
 * measured alike, fewer left the thread idle, and two threads instead cost more CPU and memory than they gained).
 */
const QUEUED_BEFORE_HERE = 4;

export interface RankingThreadsOptions {
  count: number;
  logger: Logger;
  /** V8's young generation of each thread: a ranking allocates a few hundred KB and keeps little. */
  youngGenerationMb?: number;
  /**
   * Whether a request with no other in flight is ranked in the service thread (true by default: at concurrency 1
   * the messages only add latency, 0.3–0.6 ms at the median). Tests set false to send every request to a thread.
   */
  rankAloneHere?: boolean;
}

/**
 * Ranking on more than one core (docs/performance.md "Both cores"): N threads, each with a replica of the one
 * candidate index this thread keeps fresh. The columns, arena and ids are read in place from shared memory; each
 * replica keeps its own tiles and posting lists from the changes it is sent (IndexChanges), in order, and says
 * which it has applied, so that slots retired are reused only once no thread reads them. A request goes to the
 * thread with the fewest pools waiting, or is ranked here when all have QUEUED_BEFORE_HERE; its pool is built and
 * scored there, and waits there for the page's re-check.
 */
export class RankingThreads {
  private readonly threads: RankerThread[] = [];
  private index: CandidateIndex | null = null;
  private generation = 0;
  private nextId = 1;
  /** Rankings not yet explained or closed, here or in a thread: requests in flight. */
  private open = 0;
  /** Pools ranked so far, by where (a metric). */
  readonly ranked = { inThreads: 0, here: 0 };
  private stopped = false;

  constructor(private readonly options: RankingThreadsOptions) {
    // --max-semi-space-size (NODE_OPTIONS) sizes the service thread's young generation for the requests it holds
    // across database round trips (docs/performance.md, "Young generation"); V8 flags are process-wide and would
    // override a thread's own limit, giving each thread 32 MB it does not need. Cleared before the threads start:
    // the service thread's heap was sized when it started and keeps its size.
    v8.setFlagsFromString('--max-semi-space-size=0');
    for (let i = 0; i < options.count; i++) this.threads.push(this.start());
  }

  private start(): RankerThread {
    const thread = new RankerThread(this.options.youngGenerationMb ?? 8);
    thread.worker.on('message', (message: FromRankingThread) => this.received(thread, message));
    thread.worker.on('error', (error) => this.options.logger.error({ err: error }, 'ranking thread failed'));
    thread.worker.on('exit', (code) => this.exited(thread, code));
    if (this.index) this.sendSnapshot(thread);
    return thread;
  }

  /** A thread gone (crashed, or out of step): its requests fail, a new one takes its place. */
  private exited(thread: RankerThread, code: number): void {
    thread.end(new Error(`ranking thread exited (${code})`));
    const at = this.threads.indexOf(thread);
    if (at < 0 || this.stopped) return;
    this.options.logger.error({ code }, 'ranking thread exited; starting another');
    this.threads[at] = this.start();
  }

  private received(thread: RankerThread, message: FromRankingThread): void {
    if (message.type === 'applied') {
      if (message.generation !== this.generation) return;
      thread.applied = message.number;
      this.releaseRetired();
      return;
    }
    if (message.type === 'failed' && message.id === null) {
      // Changes it could not apply: its replica is out of step, so it is replaced.
      this.options.logger.error({ err: message.message }, 'ranking thread could not apply index changes');
      void thread.worker.terminate();
      return;
    }
    const waiting = thread.waiting.get(message.id!);
    if (!waiting) return;
    thread.waiting.delete(message.id!);
    if (message.type === 'failed') waiting.reject(new Error(`ranking thread: ${message.message}`));
    else waiting.resolve(message);
  }

  private releaseRetired(): void {
    if (!this.index) return;
    let applied = Number.POSITIVE_INFINITY;
    for (const thread of this.threads)
      applied = Math.min(applied, thread.generation === this.generation ? thread.applied : -1);
    if (applied > 0) this.index.release(applied);
  }

  private sendSnapshot(thread: RankerThread): void {
    thread.generation = this.generation;
    thread.applied = -1;
    thread.send({ type: 'changes', generation: this.generation, snapshot: true, changes: this.index!.snapshot() });
  }

  /** Follow a newly loaded index (IndexMaintainer, when it swaps one in): every thread gets it whole. */
  follow(index: CandidateIndex): void {
    this.index = index;
    this.generation++;
    for (const thread of this.threads) this.sendSnapshot(thread);
  }

  /** The index changed (IndexMaintainer, right after applying changes): every thread gets what changed. */
  changed(): void {
    if (!this.index) return;
    const changes = this.index.takeChanges();
    if (changes.slots.length === 0 && changes.columns.shared === null) return;
    for (const thread of this.threads)
      thread.send({ type: 'changes', generation: this.generation, snapshot: false, changes });
  }

  async rank(query: PoolQuery, request: RankRequest, prefetch: number): Promise<RankedPool | null> {
    if (!this.index || this.stopped) return null;
    const thread = this.threads.reduce((a, b) => (b.queued < a.queued ? b : a));
    // Alone, a request is ranked here: the service thread has nothing else to do, and messages would only add
    // their round trips to its latency.
    const alone = this.open === 0 && (this.options.rankAloneHere ?? true);
    if (alone || thread.queued >= QUEUED_BEFORE_HERE) {
      this.ranked.here++;
      return this.rankHere(query, request);
    }
    this.ranked.inThreads++;
    const resolved = this.index.resolve(query);
    const id = this.nextId++;
    const done = this.opened();
    const close = (): void => {
      if (done() && !thread.ended) thread.send({ type: 'close', id });
    };
    let ranked: Reply;
    thread.queued++;
    try {
      ranked = await thread.ask({ type: 'rank', id, query: resolved, request, prefetch });
    } catch (error) {
      close();
      if (!thread.ended) throw error;
      // The thread ended before it answered: this thread ranks the pool instead.
      return this.rankHere(query, request);
    } finally {
      thread.queued--;
    }
    if (ranked.type !== 'ranked' || ranked.size < 0) {
      close();
      return null;
    }
    const first = ranked.best;
    // If the thread ends before the page is explained, the ranking is gone with it: the pool is ranked again here.
    let replacement: RankedPool | null | undefined;
    const ifEnded = async <T>(asked: () => Promise<T>, instead: (pool: RankedPool) => Promise<T>): Promise<T> => {
      try {
        return await asked();
      } catch (error) {
        if (!thread.ended) throw error;
        replacement ??= this.rankHere(query, request);
        if (!replacement) throw error;
        return instead(replacement);
      }
    };
    return {
      size: ranked.size,
      best: (k: number): Promise<ScoredCandidate[]> => {
        if (k <= first.length || first.length === ranked.size) return Promise.resolve(first.slice(0, k));
        return ifEnded(
          async () => {
            const more = await thread.ask({ type: 'best', id, k });
            return more.type === 'ranked' ? more.best : [];
          },
          (pool) => pool.best(k),
        );
      },
      explain: (page: ReadonlyArray<{ scored: ScoredCandidate; profile: CandidateProfile }>): Promise<RankedMatch[]> =>
        ifEnded(
          async () => {
            const explained = await thread.ask({ type: 'explain', id, page });
            done(); // explaining closed it there
            return explained.type === 'explained' ? explained.matches : [];
          },
          async (pool) => {
            done();
            return pool.explain(await samePage(pool, page));
          },
        ),
      close: () => {
        close();
        replacement?.close();
      },
    };
  }

  /** Counts a ranking open; the function returned closes it, once (true the first time). */
  private opened(): () => boolean {
    this.open++;
    let open = true;
    return () => {
      if (!open) return false;
      open = false;
      this.open--;
      return true;
    };
  }

  /** A ranking in the service thread, counted among those open until it is explained or closed. */
  private rankHere(query: PoolQuery, request: RankRequest): RankedPool | null {
    const ranked = rankInThread(this.index, query, request);
    if (!ranked) return null;
    const done = this.opened();
    return {
      ...ranked,
      explain: (page) => {
        done();
        return ranked.explain(page);
      },
      close: () => void done(),
    };
  }

  /** The threads, for operations and tests (a thread ended is replaced and sent the index). */
  get workers(): readonly Worker[] {
    return this.threads.map((thread) => thread.worker);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }
}

/** A page of another ranking of the request, as `pool` scores it: by member id; one it no longer holds is left out. */
async function samePage(
  pool: RankedPool,
  page: ReadonlyArray<{ scored: ScoredCandidate; profile: CandidateProfile }>,
): Promise<Array<{ scored: ScoredCandidate; profile: CandidateProfile }>> {
  const scored = new Map((await pool.best(pool.size)).map((s) => [s.id, s]));
  return page.flatMap(({ scored: { id }, profile }) => {
    const here = scored.get(id);
    return here ? [{ scored: here, profile }] : [];
  });
}
