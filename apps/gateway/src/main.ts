import {
  createLogger,
  createMetrics,
  listen,
  logCrashes,
  runMain,
  shutdownGracefully,
} from '@circle-match/service-kit';
import { createGatewayApp } from './app.js';
import { loadGatewayConfig } from './config.js';
import { memoryLimitStores, redisLimitStores } from './data-access/limit-store.js';
import { MatchingClient } from './data-access/matching-client.js';
import { RedisConnection } from './data-access/redis-connection.js';
import { RedisSessionRevocations, revocationsNotEnforced } from './data-access/session-revocations.js';
import { createTokenVerifier } from './entry-points/api/auth.js';

/** `npm run start:gateway`: the public gateway, configured by the environment only. */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  logCrashes(logger);
  const matching = new MatchingClient({
    baseUrl: config.ML_SERVICE_URL,
    apiKey: config.INTERNAL_API_KEY,
    timeoutMs: config.MATCHING_TIMEOUT_MS,
    circuitErrorPercent: config.CIRCUIT_ERROR_PERCENT,
    circuitResetMs: config.CIRCUIT_RESET_MS,
  });
  const redis = config.REDIS_URL ? new RedisConnection(config.REDIS_URL, logger) : null;
  // Start with shared limits when Redis answers within 2 s; without it they (and session checks) fail open until it does.
  if (redis && !(await redis.whenReady(2000)))
    logger.warn('Redis not ready: rate limits and session checks fail open until it is');
  const limitStores = redis ? redisLimitStores(redis) : memoryLimitStores();
  const sessions =
    redis && config.ENFORCE_SESSION_REVOCATION
      ? new RedisSessionRevocations(redis, config.SESSION_CHECK_TIMEOUT_MS)
      : revocationsNotEnforced;
  const verifyToken = await createTokenVerifier({
    secret: config.JWT_SECRET,
    publicKey: config.JWT_PUBLIC_KEY,
    jwksUrl: config.JWKS_URL,
    algorithm: config.JWT_ALGORITHM,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  let accepting = true;
  const app = createGatewayApp({
    matching,
    readiness: { accepting: () => accepting },
    verifyToken,
    sessions,
    rateLimits: {
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      perUser: config.RATE_LIMIT_PER_USER,
      perIp: config.RATE_LIMIT_PER_IP,
      inFlightPerUser: config.MAX_IN_FLIGHT_PER_USER,
      perUserHourly: config.RATE_LIMIT_HOURLY_PER_USER,
      perUserDaily: config.RATE_LIMIT_DAILY_PER_USER,
      originsPerHour: config.MAX_ORIGINS_PER_HOUR,
    },
    limitStores,
    logger,
    metrics: createMetrics('gateway'),
  });
  const server = listen(app, {
    port: config.GATEWAY_PORT,
    host: config.GATEWAY_HOST,
    logger,
    details: { matching: config.ML_SERVICE_URL },
  });
  shutdownGracefully(server, {
    logger,
    onDraining: () => (accepting = false),
    onClose: async () => {
      matching.shutdown();
      await redis?.close();
    },
  });
}

runMain(main);
