import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Connections a client pool should open to the embedded server. PGlite is one session that its server multiplexes
 * between connections; under concurrent connections it answered some queries with another connection's results
 * (measured: wrong "no such profile" 404s and 500s at 4–10 connections), so clients use one.
 */
export const EMBEDDED_POOL_MAX = 1;

export interface EmbeddedPostgres {
  /** A `postgres://` URL the ordinary `pg` driver connects to. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory to persist to; in memory when absent. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Client connections served at once (PGlite runs their queries one at a time). */
  maxConnections?: number;
}

/**
 * PostgreSQL without installing PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) served over the wire
 * protocol, so services use the same `pg` code and SQL as against a real server.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { btree_gist, cube } });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 20,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
