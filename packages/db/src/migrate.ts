import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { syncTopicConcepts } from './topic-concepts.js';

/** The SQL migrations shipped with this package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const MIGRATIONS_TABLE = 'cm_migrations';

export interface MigrateOptions {
  /** Where progress goes; silent by default. */
  log?: (message: string) => void;
}

/**
 * Applies every pending migration to the database at `databaseUrl`, under node-pg-migrate's advisory lock, then
 * brings the lexicon's topic concepts up to date (see syncTopicConcepts).
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: MIGRATIONS_TABLE,
    checkOrder: true,
    singleTransaction: true,
    log,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (await syncTopicConcepts(client)) log('topic concepts changed: every member\'s topic points rebuilt');
  } finally {
    await client.end();
  }
  return applied.map((m) => m.name);
}
