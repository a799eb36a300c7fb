import { matchRequestSchema, type MatchResponse, type ServiceHealth } from '@circle-match/contracts';
import { parseOrThrow, requestId } from '@circle-match/service-kit';
import { Router } from 'express';
import { findMatches, type MatchSettings } from '../../domain/match-use-case.js';
import type { CandidateSource, MemberSource, Vocabulary } from '../../domain/ports.js';

/** What health and readiness report on. */
export interface ServiceState {
  databaseReachable(): Promise<boolean>;
  /** The candidate index is loaded (false while it loads at start). */
  indexReady(): boolean;
  /** False from the moment shutdown begins, so that load balancers stop sending first. */
  accepting(): boolean;
}

export interface RouteDeps {
  members: MemberSource;
  candidates: CandidateSource;
  vocabulary: Vocabulary;
  state: ServiceState;
  settings: MatchSettings;
  version: string;
}

export const SERVICE_NAME = 'ml-matching';

/** POST /api/ml/match: parse with the shared schema, run the use case, shape the answer. */
export function matchRouter(deps: RouteDeps): Router {
  const router = Router();
  router.post('/api/ml/match', async (req, res) => {
    const started = performance.now();
    const request = parseOrThrow(matchRequestSchema, req.body);
    const outcome = await findMatches(deps, deps.settings, request);
    const body: MatchResponse = {
      success: true,
      matches: outcome.matches,
      total_candidates: outcome.totalCandidates,
      processing_time_ms: Math.round((performance.now() - started) * 100) / 100,
      request_id: requestId(req),
    };
    res.json(body);
  });
  return router;
}

/** GET /health, /livez, /readyz and /: open to all (nginx exposes only /health, as /api/ml/health). */
export function publicRouter(deps: RouteDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const connected = await deps.state.databaseReachable();
    const body: ServiceHealth = {
      status: connected ? 'healthy' : 'unhealthy',
      service: SERVICE_NAME,
      timestamp: new Date().toISOString(),
      database_connected: connected,
    };
    res.status(connected ? 200 : 503).json(body);
  });
  // Liveness: the process answers. Restarting it would not help with anything /readyz reports.
  router.get('/livez', (_req, res) => {
    res.json({ status: 'alive', service: SERVICE_NAME });
  });
  // Readiness: it can serve a search now (index loaded, database reachable, not shutting down).
  router.get('/readyz', async (_req, res) => {
    const checks = {
      index_loaded: deps.state.indexReady(),
      database_connected: await deps.state.databaseReachable(),
      accepting: deps.state.accepting(),
    };
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: SERVICE_NAME, ...checks });
  });
  router.get('/', (_req, res) => {
    res.json({
      service: SERVICE_NAME,
      version: deps.version,
      endpoints: {
        match: 'POST /api/ml/match (X-API-Key)',
        health: 'GET /health',
        liveness: 'GET /livez',
        readiness: 'GET /readyz',
        metrics: 'GET /metrics',
      },
    });
  });
  return router;
}
