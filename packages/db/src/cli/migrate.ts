import { parseArgs } from 'node:util';
import pg from 'pg';
import { isConnectionError } from '../connection-errors.js';
import { migrate } from '../migrate.js';
import { ensureReaderRole, grantReader } from '../reader-role.js';
import { databaseUrlFromEnv, fail } from './env.js';

/**
 * Retries while the database cannot be reached, for up to a minute: in compose, PostgreSQL's health check passes on
 * its Unix socket a moment before it accepts TCP connections, and the migrate job starts right then.
 */
async function untilReachable<T>(work: () => Promise<T>, deadline = Date.now() + 60_000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() > deadline) throw error;
      console.log(
        `database not reachable yet (${error instanceof Error ? error.message : String(error)}); retrying (${attempt})`,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
    }
  }
}

/**
 * `npm run migrate [-- --recommended-indexes] [--grant-reader ROLE]`: applies pending migrations to DATABASE_URL;
 * `--recommended-indexes` also builds the indexes recommended on Circle's tables (CONCURRENTLY: Circle's writes go
 * on meanwhile); `--grant-reader` gives a role the read-only rights matching runs with, creating it first (or
 * setting its password) when READER_PASSWORD is set — for a database of our own, such as the compose stack's.
 */
try {
  const { values } = parseArgs({
    options: { 'recommended-indexes': { type: 'boolean', default: false }, 'grant-reader': { type: 'string' } },
  });
  const url = databaseUrlFromEnv();
  const applied = await untilReachable(() => migrate(url, { recommendedIndexes: values['recommended-indexes'] }));
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  const reader = values['grant-reader'];
  if (reader) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const password = process.env.READER_PASSWORD;
      if (password) await ensureReaderRole(client, reader, password);
      await grantReader(client, reader);
    } finally {
      await client.end();
    }
    console.log(`granted ${reader} read access for matching`);
  }
} catch (error) {
  fail(error);
}
