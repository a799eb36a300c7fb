import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { loggableError } from './loggable-error.js';

export interface ListenOptions {
  port: number;
  host: string;
  logger: Logger;
  /** Logged with the "listening" line. */
  details?: Record<string, unknown>;
}

/**
 * Starts the HTTP server. A port already taken ends the process with exit code 1: Express 5 hands the bind error to
 * the listen callback, and a service that logged "listening" without a socket answered nothing while looking up.
 */
export function listen(app: Express, { port, host, logger, details }: ListenOptions): Server {
  const server = app.listen(port, host, (error?: Error) => {
    if (error) {
      logger.fatal({ err: loggableError(error), port, host }, 'cannot listen');
      process.exit(1);
    }
    logger.info({ port, ...details }, 'listening');
  });
  // Longer than nginx's and the gateway client's keep-alive, so the server never closes a connection a proxy reuses.
  server.keepAliveTimeout = 65_000;
  return server;
}
