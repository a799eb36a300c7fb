import {
  promptSearchRequestSchema,
  publicApiDocument,
  searchRequestSchema,
  type PublicHealth,
} from '@circle-match/contracts';
import { AppError, parseOrThrow, requestId } from '@circle-match/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { MatchingPort } from '../../domain/ports.js';
import { promptSearch, search } from '../../domain/search-use-case.js';

function userOf(req: Request): string {
  if (!req.userId) throw new AppError('UNAUTHORIZED', 'Missing Bearer token');
  return req.userId;
}

/** The authenticated routes: parse with the shared schema, call one use case, send its answer. */
export function searchRouter(matching: MatchingPort, guards: RequestHandler[]): Router {
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
export function healthRouter(matching: MatchingPort): Router {
  const router = Router();
  router.get('/api/ml-matching/health', async (_req, res) => {
    const upstream = await matching.health();
    const healthy = upstream?.status === 'healthy';
    const body: PublicHealth = {
      service: 'ml-matching',
      status: healthy ? 'healthy' : 'unhealthy',
      timestamp: new Date().toISOString(),
    };
    res.status(healthy ? 200 : 503).json(body);
  });
  return router;
}

/** Whether the gateway takes new searches: false from SIGTERM on, while it drains. */
export interface Readiness {
  accepting(): boolean;
}

/**
 * Probes for an orchestrator. Liveness: the process answers (restarting it would fix nothing readiness reports).
 * Readiness: it takes searches — false as soon as it starts draining. It does not follow matching's health: taking
 * every gateway out of a load balancer because matching is down would turn clear 503 answers into refused connections.
 */
export function probesRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'alive', service: 'gateway' });
  });
  router.get('/readyz', (_req, res) => {
    const accepting = readiness.accepting();
    res
      .status(accepting ? 200 : 503)
      .json({ status: accepting ? 'ready' : 'not ready', service: 'gateway', accepting });
  });
  return router;
}

/** The API description, open to all: `/openapi.json` (OpenAPI 3.1, from the zod contracts) and a reader at `/docs`. */
export function apiDocsRouter(): Router {
  const document = publicApiDocument();
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Circle Match API' }));
  return router;
}
