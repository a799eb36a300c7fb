import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { loggableError } from './loggable-error.js';

export interface ShutdownOptions {
  logger: Logger;
  /** Runs first, when the drain begins: readiness turns false here, before anything is refused. */
  onDraining?: () => void;
  /** Runs after the server stopped taking requests and the in-flight ones finished (close pools here). */
  onClose?: () => Promise<void>;
  /** After the signal, keep accepting this long (answers close their connections) before refusing new ones. */
  drainMs?: number;
  /** Exit anyway after this long. */
  timeoutMs?: number;
}

interface ConnectionState {
  active: number;
  served: boolean;
}

/**
 * Resolves in the check phase right after a poll phase that accepted no connection. Node accepts one connection from
 * the kernel's queue per loop iteration, and closing the listening socket resets every connection still queued
 * there — connections their clients see as established, requests they have already sent. Gives up after `limitMs`
 * (a client still opening connections after the drain).
 */
async function acceptQueueEmptied(acceptedSoFar: () => number, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const before = acceptedSoFar();
    await new Promise((resolve) => setImmediate(resolve));
    if (acceptedSoFar() === before || Date.now() > deadline) return;
  }
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: a short drain (every answer closes its connection), then no new connections;
 * every connection already accepted gets its request answered — one is closed only once it has been served and
 * is idle (Node's own close() would also drop accepted connections whose request it has not read yet) — then
 * `onClose`, exit 0. A second signal or the timeout exits at once.
 */
export function shutdownGracefully(server: Server, options: ShutdownOptions): () => Promise<void> {
  const { logger, onDraining, onClose, drainMs = 500, timeoutMs = 10_000 } = options;
  const connections = new Map<Socket, ConnectionState>();
  let closing: Promise<void> | null = null;
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted++;
    connections.set(socket, { active: 0, served: false });
    socket.once('close', () => connections.delete(socket));
  });
  server.prependListener('request', (req, res) => {
    const state = connections.get(req.socket);
    if (state) {
      state.active++;
      state.served = true;
      res.once('close', () => state.active--);
    }
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
  });
  const closeServedIdle = (): void => {
    for (const [socket, state] of connections) if (state.served && state.active === 0) socket.end();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      onDraining?.();
      logger.info({ drainMs }, 'shutting down: draining, then no new connections, finishing in-flight requests');
      await new Promise((resolve) => setTimeout(resolve, drainMs));
      await acceptQueueEmptied(() => accepted, timeoutMs / 2);
      // net.Server's close: stop listening, leave accepted connections to finish (see above).
      const stopped = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      const sweeper = setInterval(closeServedIdle, 25);
      closeServedIdle();
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
        logger.error({ err: loggableError(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return close;
}
