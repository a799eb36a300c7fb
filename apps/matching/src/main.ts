import { createPool } from '@circle-match/db';
import {
  Admission,
  createLogger,
  createMetrics,
  listen,
  logCrashes,
  runMain,
  shutdownGracefully,
} from '@circle-match/service-kit';
import { createApp } from './app.js';
import { loadMatchingConfig } from './config.js';
import { registerIndexMetrics } from './index/index-metrics.js';
import { registerConnectionMetrics } from './data-access/database.js';
import { createMatchingService } from './service.js';
import { VERSION } from './version.js';

/** `npm run start:matching`: the matching service, configured by the environment only. */
function main(): void {
  const config = loadMatchingConfig();
  const logger = createLogger('matching', config.LOG_LEVEL);
  logCrashes(logger);
  const connections = createPool(config.DATABASE_URL, {
    max: config.DB_POOL_MAX,
    connectionTimeoutMillis: config.DB_CONNECTION_TIMEOUT_MS,
    statementTimeoutMillis: config.DB_STATEMENT_TIMEOUT_MS,
    applicationName: 'circle-match-matching',
  });
  const service = createMatchingService({
    connections,
    logger,
    maxWaiting: config.DB_MAX_WAITING,
    poolSize: config.CANDIDATE_POOL_SIZE,
    inactiveDays: config.INACTIVE_DAYS,
    passCooldownDays: config.PASS_COOLDOWN_DAYS,
    weights: config.MATCH_WEIGHTS,
    version: VERSION,
    index: {
      pollIntervalMs: config.INDEX_POLL_INTERVAL_MS,
      reconcileIntervalMs: config.INDEX_RECONCILE_INTERVAL_S * 1000,
      feedRetentionSeconds: config.INDEX_FEED_RETENTION_S,
    },
    rankingThreads: config.RANKING_THREADS,
  });
  const metrics = createMetrics('matching');
  registerIndexMetrics(metrics.registry, service.maintainer, service.threads);
  registerConnectionMetrics(metrics.registry, connections);
  const admission = new Admission({ concurrency: config.SEARCH_CONCURRENCY, maxWaiting: config.SEARCH_MAX_WAITING });
  const app = createApp({ ...service.deps, apiKeys: config.INTERNAL_API_KEY, logger, metrics, admission });
  // Listening at once: /livez answers and /readyz says 503 until the index is loaded.
  const server = listen(app, { port: config.MATCHING_PORT, host: config.MATCHING_HOST, logger });
  void service.maintainer.start();
  shutdownGracefully(server, {
    logger,
    onDraining: service.drain,
    onClose: async () => {
      await service.stop();
      await connections.end();
    },
  });
}

runMain(main);
