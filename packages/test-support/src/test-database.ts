import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A fresh database on the run's server, migrated (see TestDatabaseServer). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is unset: run the tests through jest, whose global setup provides a server');
  const name = `cm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  const database: TestDatabase = {
    url: withDatabase(adminUrl, name),
    close: () => onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
  try {
    await migrate(database.url, { recommendedIndexes: true });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
