import { createServiceApp, jsonBody, type Logger, type Metrics } from '@circle-match/service-kit';
import type { Express } from 'express';
import type { MatchingClient } from './data-access/matching-client.js';
import { requireUser, type TokenVerifier } from './entry-points/api/auth.js';
import { perIpLimit, perUserInFlight, perUserLimit, type RateLimitSettings } from './entry-points/api/rate-limits.js';
import { healthRouter, searchRouter } from './entry-points/api/routes.js';

export interface GatewayDeps {
  matching: MatchingClient;
  verifyToken: TokenVerifier;
  rateLimits: RateLimitSettings;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The public HTTP layer: open health, then per-IP limit → token → per-member rate and in-flight limits → 32 KB
 * JSON → routes.
 */
export function createGatewayApp(deps: GatewayDeps): Express {
  return createServiceApp(deps, (app) => {
    app.use(healthRouter(deps.matching));
    const guards = [
      perIpLimit(deps.rateLimits),
      requireUser(deps.verifyToken),
      perUserLimit(deps.rateLimits),
      perUserInFlight(deps.rateLimits.inFlightPerUser),
      ...jsonBody(),
    ];
    app.use(searchRouter(deps.matching, guards));
  });
}
