import { fileURLToPath } from 'node:url';

/** The SQL migrations shipped with this package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
/**
 * Indexes on Circle's tables that Circle lacks (docs/operations.md): optional, built CONCURRENTLY, tracked apart
 * from the schema's migrations so that a database may have the one without the other.
 */
export const RECOMMENDED_INDEXES_DIR = fileURLToPath(new URL('../recommended-indexes', import.meta.url));

export interface MigrateOptions {
  /** Also build the recommended indexes (embedded, test and bench databases always do). */
  recommendedIndexes?: boolean;
  /** Where progress goes; silent by default. */
  log?: (message: string) => void;
}

async function run(
  databaseUrl: string,
  dir: string,
  migrationsTable: string,
  singleTransaction: boolean,
  log: (m: string) => void,
): Promise<string[]> {
  // Loaded when a migration runs: the services import this package for its SQL and pool, and node-pg-migrate with
  // its TypeScript loader would cost each of them ~3.5 MB of heap it never uses.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    dir,
    direction: 'up',
    migrationsTable,
    checkOrder: true,
    singleTransaction,
    log,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  });
  return applied.map((m) => m.name);
}

/**
 * Applies every pending migration to the database at `databaseUrl`, under node-pg-migrate's advisory lock, in one
 * transaction; then, when asked, the recommended indexes (outside any transaction: CREATE INDEX CONCURRENTLY).
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const applied = await run(databaseUrl, MIGRATIONS_DIR, 'cm_migrations', true, log);
  if (options.recommendedIndexes)
    applied.push(...(await run(databaseUrl, RECOMMENDED_INDEXES_DIR, 'cm_recommended_indexes', false, log)));
  return applied;
}
