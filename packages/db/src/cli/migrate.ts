import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../migrate.js';
import { ensureReaderRole, grantReader } from '../reader-role.js';
import { databaseUrlFromEnv, fail } from './env.js';

/**
 * `npm run migrate [-- --recommended-indexes] [--grant-reader ROLE]`: applies pending migrations to DATABASE_URL;
 * `--recommended-indexes` also builds the indexes recommended on Circle's tables (CONCURRENTLY: Circle's writes go
 * on meanwhile); `--grant-reader` gives a role the read-only rights matching runs with, creating it first (or
 * setting its password) when READER_PASSWORD is set — for a database of our own, such as the compose stack's.
 */
try {
  const { values } = parseArgs({ options: { 'recommended-indexes': { type: 'boolean', default: false }, 'grant-reader': { type: 'string' } } });
  const url = databaseUrlFromEnv();
  const applied = await migrate(url, { recommendedIndexes: values['recommended-indexes'] });
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
