import { createServiceApp, jsonBody, type Admission, type Logger, type Metrics } from '@circle-match/service-kit';
import type { Express } from 'express';
import { registerAdmissionMetrics } from './entry-points/api/admission-metrics.js';
import { requireApiKey } from './entry-points/api/api-key.js';
import { matchRouter, publicRouter, type RouteDeps } from './entry-points/api/routes.js';

export interface AppDeps extends RouteDeps {
  apiKeys: readonly string[];
  logger: Logger;
  metrics: Metrics;
  /** Searches run at once; the rest wait their turn before their bodies are read (SEARCH_CONCURRENCY). */
  admission: Admission;
}

/**
 * The matching service's HTTP layer: open health and info routes, then the API-key-guarded match route, a few
 * searches at a time (health and metrics are never queued behind searches).
 */
export function createApp(deps: AppDeps): Express {
  registerAdmissionMetrics(deps.metrics.registry, deps.admission);
  return createServiceApp(deps, (app) => {
    app.use(publicRouter(deps));
    app.use('/api/ml', requireApiKey(deps.apiKeys), deps.admission.middleware, jsonBody());
    app.use(matchRouter(deps));
  });
}
