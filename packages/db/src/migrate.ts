import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The SQL migrations shipped with this package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const MIGRATIONS_TABLE = 'cm_migrations';

export interface MigrateOptions {
  /** Where progress goes; silent by default. */
  log?: (message: string) => void;
}

/**
 * Applies every pending migration to the database at `databaseUrl`, under node-pg-migrate's advisory lock.
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
  return applied.map((m) => m.name);
}
