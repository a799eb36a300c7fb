import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Times every request by method, route pattern and status. */
  middleware: RequestHandler;
  /** `GET /metrics` in the Prometheus text format. */
  handler: RequestHandler;
}

/** HTTP methods kept as label values; any other is 'other'. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_errors_total',
    help: 'Error answers by route and docs/api.md code (RATE_LIMITED, PROFILE_NOT_FOUND, UPSTREAM_TIMEOUT, …)',
    labelNames: ['route', 'code'] as const,
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The route pattern, never the raw URL, so label values stay few: a request no route took (an unknown path,
      // a 401 before routing, Express's automatic OPTIONS for any spelling of a path) is 'unmatched'.
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = pattern === undefined ? 'unmatched' : `${req.baseUrl}${pattern}`;
      end({ method: METHODS.has(req.method) ? req.method : 'other', route, status: String(res.statusCode) });
      // The error middleware leaves the code it answered with (http.ts).
      const code = (res.locals as { errorCode?: string }).errorCode;
      if (code !== undefined) errors.inc({ route, code });
    });
    next();
  };
  const handler: RequestHandler = async (_req, res) => {
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  };
  return { registry, middleware, handler };
}

/** A gauge read from `read` at each scrape (nothing is set meanwhile); a null reading leaves it unset. */
export function registerGauge(registry: Registry, name: string, help: string, read: () => number | null): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value !== null) this.set(value);
    },
  });
}
