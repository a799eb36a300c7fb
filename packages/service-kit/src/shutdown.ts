import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  logger: Logger;
  /** Runs after the server stopped taking requests and the in-flight ones finished (close pools here). */
  onClose?: () => Promise<void>;
  /**
   * After the signal, keep answering this long, with `Connection: close`, before no longer accepting: requests
   * already on their way (accepted by the kernel, not yet read) are answered rather than reset.
   */
  drainMs?: number;
  /** Exit anyway after this long. */
  timeoutMs?: number;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: drain briefly (every answer closes its connection), stop accepting, let
 * in-flight requests finish, close connections as they go idle, run `onClose`, exit 0. A second signal or the
 * timeout exits at once.
 */
export function shutdownGracefully(server: Server, options: ShutdownOptions): () => Promise<void> {
  const { logger, onClose, drainMs = 500, timeoutMs = 10_000 } = options;
  let closing: Promise<void> | null = null;
  server.prependListener('request', (_req, res) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
  });
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info({ drainMs }, 'shutting down: draining, then no new connections, finishing in-flight requests');
      await new Promise((resolve) => setTimeout(resolve, drainMs));
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response is sent: close them as they do, or close() would
      // wait for their keep-alive timeout.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      await stopped;
      clearInterval(sweeper);
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
