// Jest global setup: one PostgreSQL server for the whole run (in this order: TEST_DATABASE_URL, else testcontainers
// when a Docker engine answers, else the embedded PostgreSQL). Test files create their own database on it through
// TEST_DATABASE_URL, which jest's workers inherit. Imports built code: `npm test` builds first.
import process from 'node:process';
import { startTestDatabaseServer } from '../tools/test-support/dist/index.js';

export default async function globalSetup() {
  const started = Date.now();
  const server = await startTestDatabaseServer();
  globalThis.__circleMatchTestDatabase = server;
  if (server.kind !== 'server') {
    process.env.TEST_DATABASE_URL = server.url;
    process.stdout.write(`\ntest database: ${server.kind} PostgreSQL started in ${Date.now() - started} ms\n`);
  }
}
