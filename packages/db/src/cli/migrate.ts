import { migrate } from '../migrate.js';
import { databaseUrlFromEnv, fail } from './env.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
try {
  const applied = await migrate(databaseUrlFromEnv());
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
  fail(error);
}
