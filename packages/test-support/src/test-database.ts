import { randomBytes } from 'node:crypto';
import { migrate } from '@circle-match/db';
import { EMBEDDED_POOL_MAX, startEmbeddedPostgres } from '@circle-match/embedded-postgres';
import pg from 'pg';

/** A database of one's own, migrated, for one test file (SPEC §10). */
export interface TestDatabase {
  url: string;
  /** Where it came from: `TEST_DATABASE_URL`, a testcontainers PostgreSQL or embedded PGlite. */
  kind: 'server' | 'container' | 'embedded';
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database on the server `TEST_DATABASE_URL` names, dropped on close. */
async function onServer(adminUrl: string): Promise<TestDatabase> {
  const name = `cm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  return {
    url,
    kind: 'server',
    async close() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function inContainer(): Promise<TestDatabase | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine answers
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine').start();
  return { url: container.getConnectionUri(), kind: 'container', close: async () => void (await container.stop()) };
}

const embeddedUrls = new Set<string>();

async function embedded(): Promise<TestDatabase> {
  const server = await startEmbeddedPostgres();
  embeddedUrls.add(server.url);
  return { url: server.url, kind: 'embedded', close: () => server.stop() };
}

/** The connection-pool size to use for a test database: `wanted`, or one for an embedded PGlite (EMBEDDED_POOL_MAX). */
export function poolMaxFor(url: string, wanted: number): number {
  return embeddedUrls.has(url) ? EMBEDDED_POOL_MAX : wanted;
}

/**
 * SPEC §10: the server of `TEST_DATABASE_URL` when set (CI: the machine's PostgreSQL 15), else a testcontainers
 * PostgreSQL when a Docker engine answers, else embedded PGlite. The same migrations run on all three.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const database = serverUrl ? await onServer(serverUrl) : ((await inContainer()) ?? (await embedded()));
  try {
    await migrate(database.url);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
