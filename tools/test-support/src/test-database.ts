import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { migrate } from '@circle-match/db';
import { startEmbeddedPostgres } from '@circle-match/embedded-postgres';
import pg from 'pg';

/**
 * Where the tests' databases come from, decided once per test run (jest's global setup): the server
 * `TEST_DATABASE_URL` names (CI: the machine's PostgreSQL 15); else a testcontainers PostgreSQL when a Docker
 * engine answers; else a real PostgreSQL 15 from the embedded-postgres binaries in a temporary folder. Every test
 * file then creates its own database on that server, with the same migrations on all three.
 */
export interface TestDatabaseServer {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  kind: 'server' | 'container' | 'embedded';
  stop(): Promise<void>;
}

async function inContainer(): Promise<TestDatabaseServer | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine answers
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine').start();
  return { url: container.getConnectionUri(), kind: 'container', stop: async () => void (await container.stop()) };
}

async function embedded(): Promise<TestDatabaseServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cm-test-postgres-'));
  const server = await startEmbeddedPostgres({ dataDir });
  return {
    url: server.url,
    kind: 'embedded',
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { url, kind: 'server', stop: () => Promise.resolve() };
  return (await inContainer()) ?? (await embedded());
}

/** A database of one's own, migrated, for one test file; dropped on close. */
export interface TestDatabase {
  url: string;
  /** A client connected to it, the same one on every call; close() ends it. */
  client(): Promise<pg.Client>;
  /** Ends the client, if any, and drops the database. */
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Which schema the run's databases start from: ours (what our migrations create where Circle's tables are absent,
 * with the recommended indexes), or Circle's (TEST_DATABASE_SCHEMA=circle: its table definitions from
 * sql/circle-schema.sql, our migrations on top, no recommended index), so the whole matching suite also runs on a
 * database shaped like Circle's.
 */
export function testDatabaseSchema(): 'ours' | 'circle' {
  return process.env.TEST_DATABASE_SCHEMA === 'circle' ? 'circle' : 'ours';
}

const CIRCLE_SCHEMA = fileURLToPath(new URL('../sql/circle-schema.sql', import.meta.url));

/** A fresh database on the run's server, migrated (see TestDatabaseServer and testDatabaseSchema). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DATABASE_URL is unset: run the tests through jest, whose global setup provides a server');
  const name = `cm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  let connected: Promise<pg.Client> | null = null;
  const database: TestDatabase = {
    url,
    client() {
      connected ??= (async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      })();
      return connected;
    },
    async close() {
      if (connected) await (await connected).end();
      await onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  try {
    const circle = testDatabaseSchema() === 'circle';
    if (circle) await onServer(database.url, readFileSync(CIRCLE_SCHEMA, 'utf8'));
    await migrate(database.url, { recommendedIndexes: !circle });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
