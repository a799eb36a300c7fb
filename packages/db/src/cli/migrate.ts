import { parseArgs } from 'node:util';
import { migrate } from '../migrate.js';
import { databaseUrlFromEnv, fail } from './env.js';

/**
 * `npm run migrate [-- --recommended-indexes]`: applies pending migrations to DATABASE_URL; with the flag, also
 * builds the indexes recommended on Circle's tables (CONCURRENTLY: Circle's writes go on meanwhile).
 */
try {
  const { values } = parseArgs({ options: { 'recommended-indexes': { type: 'boolean', default: false } } });
  const applied = await migrate(databaseUrlFromEnv(), { recommendedIndexes: values['recommended-indexes'] });
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
  fail(error);
}
