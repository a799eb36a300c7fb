import { createHttpLogger, errorHandler, jsonBody, notFound, type Logger, type Metrics } from '@circle-match/service-kit';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { requireApiKey } from './entry-points/api/api-key.js';
import { matchRouter, publicRouter, type RouteDeps } from './entry-points/api/routes.js';

export interface AppDeps extends RouteDeps {
  apiKeys: readonly string[];
  logger: Logger;
  metrics: Metrics;
}

/** The matching service's HTTP layer: security headers, request ids and logs, metrics, routes, SPEC §7 errors. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(helmet());
  app.use(createHttpLogger(deps.logger));
  app.use(deps.metrics.middleware);
  app.get('/metrics', deps.metrics.handler);
  app.use(publicRouter(deps));
  app.use('/api/ml', requireApiKey(deps.apiKeys), jsonBody());
  app.use(matchRouter(deps));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
