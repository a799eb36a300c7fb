import { createPool } from '@circle-match/db';
import { ConfigError, createLogger, createMetrics, listen, logCrashes, shutdownGracefully } from '@circle-match/service-kit';
import { createApp } from './app.js';
import { loadMatchingConfig } from './config.js';
import { ProfileRepository } from './data-access/profile-repository.js';
import { VERSION } from './version.js';

/** `npm run start:matching`: the matching service, configured by the environment only. */
function main(): void {
  const config = loadMatchingConfig();
  const logger = createLogger('matching', config.LOG_LEVEL);
  logCrashes(logger);
  const pool = createPool(config.DATABASE_URL, {
    max: config.DB_POOL_MAX,
    connectionTimeoutMillis: config.DB_CONNECTION_TIMEOUT_MS,
    statementTimeoutMillis: config.DB_STATEMENT_TIMEOUT_MS,
    applicationName: 'circle-match-matching',
  });
  const app = createApp({
    apiKeys: config.INTERNAL_API_KEY,
    logger,
    metrics: createMetrics('matching'),
    profiles: new ProfileRepository(pool, { maxWaiting: config.DB_MAX_WAITING }),
    settings: { poolSize: config.CANDIDATE_POOL_SIZE, inactiveDays: config.INACTIVE_DAYS, weights: config.MATCH_WEIGHTS },
    version: VERSION,
  });
  const server = listen(app, { port: config.MATCHING_PORT, host: config.MATCHING_HOST, logger });
  shutdownGracefully(server, { logger, onClose: () => pool.end() });
}

try {
  main();
} catch (error) {
  // Configuration errors name the variable; anything else is unexpected at start.
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
