import { matchRequestSchema, type MatchResponse, type ServiceHealth } from '@circle-match/contracts';
import { parseOrThrow, requestId } from '@circle-match/service-kit';
import { Router } from 'express';
import { findMatches, type MatchSettings, type ProfileSource } from '../../domain/match-use-case.js';

export interface RouteDeps {
  profiles: ProfileSource & { isReachable(): Promise<boolean> };
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
    const outcome = await findMatches(deps.profiles, deps.settings, request);
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

/** GET /health and GET /: open to all (nginx exposes /health as /api/ml/health). */
export function publicRouter(deps: RouteDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const connected = await deps.profiles.isReachable();
    const body: ServiceHealth = {
      status: connected ? 'healthy' : 'unhealthy',
      service: SERVICE_NAME,
      timestamp: new Date().toISOString(),
      database_connected: connected,
    };
    res.status(connected ? 200 : 503).json(body);
  });
  router.get('/', (_req, res) => {
    res.json({
      service: SERVICE_NAME,
      version: deps.version,
      endpoints: {
        match: 'POST /api/ml/match (X-API-Key)',
        health: 'GET /health',
        metrics: 'GET /metrics',
      },
    });
  });
  return router;
}
