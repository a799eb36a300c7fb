import { loggableError, type Logger } from '@circle-match/service-kit';
import { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

/**
 * The gateway's one connection to the Redis it shares with Circle's API (REDIS_URL): the rate limits' counts and
 * Circle's revoked sessions. It reconnects on its own; while Redis is away a command fails at once (never queues),
 * so every user of it can fail open without waiting.
 */
export class RedisConnection {
  private readonly client: RedisClient;

  constructor(url: string, logger: Logger) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 200, 2000) },
    });
    // Without a listener node-redis's errors would crash the process.
    this.client.on('error', (error: unknown) =>
      logger.warn({ err: loggableError(error) }, 'Redis unavailable: rate limits and session checks fail open'),
    );
    void this.client.connect().catch(() => undefined); // it keeps reconnecting on its own
  }

  get isReady(): boolean {
    return this.client.isReady;
  }

  /** The client for a command; throws at once while Redis is away. */
  get ready(): RedisClient {
    if (!this.client.isReady) throw new Error('Redis is not connected');
    return this.client;
  }

  /** Resolves true once Redis answers, false after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.client.isReady && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.client.isReady;
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else this.client.destroy();
  }
}
