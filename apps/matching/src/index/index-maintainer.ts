import { loggableError, type Logger } from '@circle-match/service-kit';
import type { FeedPosition, IndexSource } from '../data-access/index-source.js';
import { CandidateIndex } from './candidate-index.js';

export interface IndexMaintainerOptions {
  /** How often the change feed is read: an edit is searchable within about this (docs/performance.md: ≤ 5 s p99). */
  pollIntervalMs: number;
  /** How often the whole index is rebuilt from the database, catching anything the feed missed. */
  reconcileIntervalMs: number;
  /** Feed rows older than this are deleted (every replica has read them long before). */
  feedRetentionSeconds: number;
  logger: Logger;
  /**
   * Replicas of the index in ranking threads (RankingThreads): told of each index swapped in and of each batch of
   * changes as soon as it is applied. With them, the index is built shared (copy-on-write).
   */
  replicas?: IndexReplicas;
  /**
   * Called each time a fully loaded index has replaced the one before (at start and at every rebuild), when the
   * load's garbage and the old index can be handed back (service.ts: releaseMemoryAfterLoad).
   */
  afterLoad?: () => void;
}

export interface IndexReplicas {
  follow(index: CandidateIndex): void;
  changed(): void;
}

export interface IndexStatus {
  ready: boolean;
  members: number;
  bytes: number;
  /** Duration of the last full load, ms. */
  loadMs: number | null;
  /** When the change feed was last read successfully (ms since the epoch). */
  lastPollAt: number | null;
}

const RETRY_MS = 1000;
const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * Owns the candidate index's life: the full load at start (the service is not ready until it is done), the change
 * feed read every `pollIntervalMs`, and a full rebuild every `reconcileIntervalMs` that replaces the index
 * whole once built, then replays the changes made meanwhile.
 */
export class IndexMaintainer {
  private current: CandidateIndex | null = null;
  private position: FeedPosition | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private loadMs: number | null = null;
  private lastPollAt: number | null = null;
  private lastReloadAt = 0;
  private lastPruneAt = 0;
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly source: IndexSource,
    private readonly options: IndexMaintainerOptions,
  ) {}

  /** The index, or null while the first load runs. */
  get index(): CandidateIndex | null {
    return this.current;
  }

  get status(): IndexStatus {
    return {
      ready: this.current !== null,
      members: this.current?.size ?? 0,
      bytes: this.current?.bytes ?? 0,
      loadMs: this.loadMs,
      lastPollAt: this.lastPollAt,
    };
  }

  /** Loads the index (retrying while the database is away), then keeps it fresh until stop(). */
  start(): Promise<void> {
    const first = this.reloadUntilDone();
    void first.then(() => this.schedule());
    return first;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Reads the change feed once and applies it (also what tests call to skip the wait). */
  async catchUp(): Promise<void> {
    if (!this.current || !this.position) return;
    const batch = await this.source.changesSince(this.position);
    if (batch.everyone) {
      await this.reload();
      return;
    }
    if (batch.ids.length > 0) {
      const fresh = await this.source.searchableMembers(batch.ids);
      const index = this.current;
      const searchable = new Set<string>();
      for (const member of fresh) {
        index.upsert(member);
        searchable.add(member.id);
      }
      for (const id of batch.ids) if (!searchable.has(id)) index.remove(id);
      this.options.replicas?.changed();
    }
    this.position = batch.position;
    this.lastPollAt = Date.now();
  }

  /** Builds a new index from the database and swaps it in, then replays the changes made while it loaded. */
  reload(): Promise<void> {
    this.reloading ??= (async () => {
      try {
        const started = performance.now();
        const next = new CandidateIndex(this.options.replicas !== undefined);
        next.beginBulkLoad();
        const position = await this.source.loadSearchable((members) => {
          for (const member of members) next.upsert(member);
        });
        next.orderSpatially();
        const learning = performance.now();
        const learned = await next.learnVocabulary();
        // Packed once the senses learned have added their postings.
        next.pack();
        this.options.logger.info(
          {
            words: learned.size,
            frequentWords: learned.frequentWords,
            senses: learned.senses.all.map((sense) => `${sense.key}: ${sense.concepts.join(', ')}`),
            learnMs: Math.round(performance.now() - learning),
          },
          "vocabulary learned from members' profiles",
        );
        this.current = next;
        this.options.replicas?.follow(next);
        this.position = position;
        this.loadMs = Math.round(performance.now() - started);
        this.lastReloadAt = Date.now();
        this.options.logger.info(
          { members: next.size, bytes: next.bytes, loadMs: this.loadMs },
          'candidate index loaded',
        );
        this.options.afterLoad?.();
        await this.catchUp();
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  private async reloadUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.reload();
        return;
      } catch (error) {
        this.options.logger.warn({ err: loggableError(error) }, 'candidate index: load failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (Date.now() - this.lastReloadAt >= this.options.reconcileIntervalMs) await this.reload();
      else await this.catchUp();
      if (Date.now() - this.lastPruneAt >= PRUNE_EVERY_MS) {
        this.lastPruneAt = Date.now();
        await this.source.pruneChanges(this.options.feedRetentionSeconds);
      }
    } catch (error) {
      // The database away for a moment: the feed position is kept, and the next tick reads from it.
      this.options.logger.warn({ err: loggableError(error) }, 'candidate index: change feed read failed');
    }
    this.schedule();
  }
}
