import express, { type Express } from 'express';
import helmet from 'helmet';
import { errorHandler, notFound } from './http.js';
import { createHttpLogger, type Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * The frame both services share: security headers, request ids and access logs, request metrics and
 * `GET /metrics` first; the service's own routes in the middle; docs/api.md JSON for unknown routes and every error last.
 */
export function createServiceApp(
  deps: { logger: Logger; metrics: Metrics },
  mountRoutes: (app: Express) => void,
): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: every answer is computed for its request (a POST, or health that must be read anew), so a hash of each
  // body (SHA-1 over a few KB) would only cost CPU.
  app.disable('etag');
  // Behind nginx: client addresses come from X-Forwarded-For set by a local proxy.
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(helmet());
  app.use(createHttpLogger(deps.logger));
  app.use(deps.metrics.middleware);
  app.get('/metrics', deps.metrics.handler);
  mountRoutes(app);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
