import { parentPort } from 'node:worker_threads';
import { Ranking } from '@circle-match/scoring';
import { CandidateIndex } from './candidate-index.js';
import type { FromRankingThread, ToRankingThread } from './ranking-protocol.js';

/**
 * A ranking thread (RankingThreads): a replica of the service's candidate index — the columns read in place from
 * shared memory, its own tiles and posting lists — that builds and scores pools. Rankings wait here, by request
 * id, for the page's display fields (explain) or their close.
 */
class RankingThread {
  private index: CandidateIndex | null = null;
  private readonly rankings = new Map<number, Ranking>();

  handle(message: ToRankingThread): FromRankingThread | null {
    switch (message.type) {
      case 'changes': {
        if (message.snapshot) this.index = new CandidateIndex();
        this.index!.applyChanges(message.changes);
        if (message.snapshot) this.index!.pack();
        return { type: 'applied', generation: message.generation, number: message.changes.number };
      }
      case 'rank': {
        if (!this.index) return { type: 'ranked', id: message.id, size: -1, best: [] };
        const pool = this.index.poolOf(message.query).candidates;
        const ranking = new Ranking(pool, message.request);
        this.rankings.set(message.id, ranking);
        return { type: 'ranked', id: message.id, size: pool.size, best: ranking.best(message.prefetch) };
      }
      case 'best': {
        const ranking = this.ranking(message.id);
        return { type: 'ranked', id: message.id, size: -1, best: ranking.best(message.k) };
      }
      case 'explain': {
        const ranking = this.ranking(message.id);
        this.rankings.delete(message.id);
        const matches = message.page.map(({ scored, profile }) => ranking.explain(scored, profile));
        return { type: 'explained', id: message.id, matches };
      }
      case 'close':
        this.rankings.delete(message.id);
        return null;
    }
  }

  private ranking(id: number): Ranking {
    const ranking = this.rankings.get(id);
    if (!ranking) throw new Error(`no ranking ${id} in this thread`);
    return ranking;
  }
}

const thread = new RankingThread();
const port = parentPort!;
port.on('message', (message: ToRankingThread) => {
  let reply: FromRankingThread | null;
  try {
    reply = thread.handle(message);
  } catch (error) {
    const id = 'id' in message ? message.id : null;
    reply = { type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  if (reply) port.postMessage(reply);
});
