import { createServiceApp, jsonBody, type Logger, type Metrics } from '@circle-match/service-kit';
import type { Express } from 'express';
import { requireApiKey } from './entry-points/api/api-key.js';
import { matchRouter, publicRouter, type RouteDeps } from './entry-points/api/routes.js';

export interface AppDeps extends RouteDeps {
  apiKeys: readonly string[];
  logger: Logger;
  metrics: Metrics;
}

/** The matching service's HTTP layer: open health and info routes, then the API-key-guarded match route. */
export function createApp(deps: AppDeps): Express {
  return createServiceApp(deps, (app) => {
    app.use(publicRouter(deps));
    app.use('/api/ml', requireApiKey(deps.apiKeys), jsonBody());
    app.use(matchRouter(deps));
  });
}
