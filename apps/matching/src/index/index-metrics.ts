import { registerGauge } from '@circle-match/service-kit';
import { Gauge, type Registry } from 'prom-client';
import type { IndexMaintainer } from './index-maintainer.js';
import type { RankingThreads } from './ranking-threads.js';

/** The candidate index's size and freshness as Prometheus gauges, read at each scrape. */
export function registerIndexMetrics(
  registry: Registry,
  maintainer: IndexMaintainer,
  threads: RankingThreads | null,
): void {
  if (threads) {
    new Gauge({
      name: 'matching_pools_ranked',
      help: 'Pools ranked since start: in a ranking thread, or in the service thread while they were busy',
      labelNames: ['where'],
      registers: [registry],
      collect() {
        this.set({ where: 'ranking_thread' }, threads.ranked.inThreads);
        this.set({ where: 'service_thread' }, threads.ranked.here);
      },
    });
  }
  registerGauge(registry, 'matching_index_ready', 'Whether the candidate index is loaded (1) or loading (0)', () =>
    maintainer.status.ready ? 1 : 0,
  );
  registerGauge(
    registry,
    'matching_index_members',
    'Searchable members in the candidate index',
    () => maintainer.status.members,
  );
  registerGauge(
    registry,
    'matching_index_bytes',
    'Bytes of the candidate index columns, lists, id table and tiles',
    () => maintainer.status.bytes,
  );
  registerGauge(
    registry,
    'matching_index_load_seconds',
    'Duration of the last full load of the candidate index',
    () => {
      const ms = maintainer.status.loadMs;
      return ms === null ? null : ms / 1000;
    },
  );
  registerGauge(
    registry,
    'matching_index_feed_age_seconds',
    'Seconds since the change feed was last read successfully',
    () => {
      const at = maintainer.status.lastPollAt;
      return at === null ? null : (Date.now() - at) / 1000;
    },
  );
}
