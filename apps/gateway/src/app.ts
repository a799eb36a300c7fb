import { createServiceApp, jsonBody, type Logger, type Metrics } from '@circle-match/service-kit';
import type { Express } from 'express';
import { registerCircuitMetrics } from './data-access/matching-client.js';
import { refuseRevokedSessions, requireUser, type TokenVerifier } from './entry-points/api/auth.js';
import type { LimitStores, MatchingPort, SessionRevocations } from './domain/ports.js';
import {
  perIpLimit,
  perUserInFlight,
  perUserLimits,
  perUserOrigins,
  type RateLimitSettings,
} from './entry-points/api/rate-limits.js';
import { apiDocsRouter, healthRouter, probesRouter, searchRouter, type Readiness } from './entry-points/api/routes.js';

export interface GatewayDeps {
  /** The matching service, and whether the circuit towards it is open (a gauge). */
  matching: MatchingPort & { readonly circuitOpen: boolean };
  verifyToken: TokenVerifier;
  /** Circle's revoked sessions (or none, when ENFORCE_SESSION_REVOCATION is off). */
  sessions: SessionRevocations;
  rateLimits: RateLimitSettings;
  /** Where the limits count (Redis, shared by every replica, or this process's memory). */
  limitStores: LimitStores;
  /** Whether it takes new searches (false while draining on SIGTERM): /readyz. */
  readiness: Readiness;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The public HTTP layer: open health, probes and API description, then per-IP limit → token → revoked session → per-member rate, hourly and daily quotas and
 * in-flight limit → 32 KB JSON → distinct origins per hour → routes.
 */
export function createGatewayApp(deps: GatewayDeps): Express {
  registerCircuitMetrics(deps.metrics.registry, deps.matching);
  return createServiceApp(deps, (app) => {
    app.use(healthRouter(deps.matching));
    app.use(probesRouter(deps.readiness));
    app.use(apiDocsRouter());
    const guards = [
      perIpLimit(deps.rateLimits, deps.limitStores),
      requireUser(deps.verifyToken),
      refuseRevokedSessions(deps.sessions, deps.logger, deps.metrics),
      ...perUserLimits(deps.rateLimits, deps.limitStores),
      perUserInFlight(deps.rateLimits.inFlightPerUser),
      ...jsonBody(),
      perUserOrigins(deps.rateLimits, deps.limitStores),
    ];
    app.use(searchRouter(deps.matching, guards));
  });
}
