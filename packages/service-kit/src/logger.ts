import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { loggableError } from './loggable-error.js';

export type { Logger };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * JSON logs (pino). Secrets never reach a log line: authorization and API-key headers are redacted wherever they
 * appear, and request bodies (which hold prompts) are never logged.
 */
export function createLogger(
  service: string,
  level: LevelWithSilent = 'info',
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: {
        // A second guard behind loggableError: what HTTP and database clients attach to their errors.
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers.cookie',
          'headers.authorization',
          'headers["x-api-key"]',
          'err.config',
          'err.request',
          'err.response',
          'err.cause.config',
          'err.cause.request',
          'err.cause.response',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * A crash (an exception nothing caught, a rejection nothing handled) is logged through loggableError and ends the
 * process with exit code 1, instead of Node printing the error object whole to stderr.
 */
export function logCrashes(logger: Logger): void {
  const crash = (kind: string) => (error: unknown) => {
    logger.fatal({ err: loggableError(error) }, kind);
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
}

/** The request's id: the caller's X-Request-Id when it is a sane token, else a new UUID. Echoed in the response. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The id pino-http gave the request (see requestIdOf), as a string. */
export function requestId(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : '';
}

/** Access log: method, path without query string, status, time, request id. */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // The access line of a failed request is like any other; the error middleware logs the cause once.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({
      res: value.res,
      responseTime: value.responseTime,
    }),
    customErrorMessage: () => 'request completed',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Probes every few seconds would drown the log (and a 503 from /readyz while loading is not an error).
    autoLogging: { ignore: (req) => ['/metrics', '/health', '/livez', '/readyz'].includes(req.url ?? '') },
  });
}
