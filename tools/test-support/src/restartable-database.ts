import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@circle-match/db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@circle-match/embedded-postgres';
import { freePort } from './ports.js';

/**
 * A PostgreSQL server a test can stop and start again on the same address with its data kept: a server of its
 * own from the embedded-postgres binaries, on a fixed port and a temporary data directory. Stopping it is a real
 * PostgreSQL fast shutdown (every session ended, the listening socket closed); the run's shared server can't be
 * stopped from a test.
 */
export interface RestartableDatabase {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and deletes its data. */
  close(): Promise<void>;
}

export async function startRestartableDatabase(): Promise<RestartableDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cm-restartable-'));
  const port = await freePort();
  let server: EmbeddedPostgres | null = await startEmbeddedPostgres({ dataDir, port });
  const url = server.url;
  await migrate(url, { recommendedIndexes: true });
  const stop = async (): Promise<void> => {
    const current = server;
    server = null;
    await current?.stop();
  };
  return {
    url,
    stop,
    async start() {
      server ??= await startEmbeddedPostgres({ dataDir, port });
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
