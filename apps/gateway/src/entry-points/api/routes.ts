import { promptSearchRequestSchema, searchRequestSchema, type PublicHealth } from '@circle-match/contracts';
import { AppError, parseOrThrow, requestId } from '@circle-match/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import type { MatchingClient } from '../../data-access/matching-client.js';
import { promptSearch, search } from '../../domain/search-use-case.js';

function userOf(req: Request): string {
  if (!req.userId) throw new AppError('UNAUTHORIZED', 'Missing Bearer token');
  return req.userId;
}

/** The authenticated routes: parse with the shared schema, call one use case, send its answer. */
export function searchRouter(matching: MatchingClient, guards: RequestHandler[]): Router {
  const router = Router();
  router.post('/api/ml-matching/search', ...guards, async (req, res) => {
    const request = parseOrThrow(searchRequestSchema, req.body);
    res.json(await search(matching, userOf(req), request, requestId(req)));
  });
  router.post('/api/ml-matching/prompt-search', ...guards, async (req, res) => {
    const request = parseOrThrow(promptSearchRequestSchema, req.body);
    res.json(await promptSearch(matching, userOf(req), request, requestId(req)));
  });
  return router;
}

/** GET /api/ml-matching/health: open to all; healthy when matching and its database are. */
export function healthRouter(matching: MatchingClient): Router {
  const router = Router();
  router.get('/api/ml-matching/health', async (_req, res) => {
    const upstream = await matching.health();
    const healthy = upstream?.status === 'healthy';
    const body: PublicHealth = { service: 'ml-matching', status: healthy ? 'healthy' : 'unhealthy', timestamp: new Date().toISOString() };
    res.status(healthy ? 200 : 503).json(body);
  });
  return router;
}
