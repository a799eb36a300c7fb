import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  /** Runs after the server stopped taking requests and the in-flight ones finished (close pools here). */
  onClose?: () => Promise<void>;
  /** Exit anyway after this long. */
  timeoutMs?: number;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (idle keep-alive
 * connections are closed at once), run `onClose`, exit 0. A second signal or the timeout exits at once.
 */
export function shutdownGracefully(server: Server, options: ShutdownOptions): () => Promise<void> {
  const { logger, onClose, timeoutMs = 10_000 } = options;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info('shutting down: no new connections, finishing in-flight requests');
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await stopped;
      await onClose?.();
      logger.info('shut down cleanly');
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    const timer = setTimeout(() => {
      logger.error('shutdown timed out: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return close;
}
