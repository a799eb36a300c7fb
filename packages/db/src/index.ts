export { isConnectionError, isPoolWaitTimeout, isQueryTimeout } from './connection-errors.js';
export { migrate, MIGRATIONS_DIR, RECOMMENDED_INDEXES_DIR } from './migrate.js';
export { databaseUrlFromEnv } from './cli/env.js';
export { createPool, type PoolOptions } from './pool.js';
export { ensureReaderRole, grantReader } from './reader-role.js';
export { activeWithinSql, relatedIdsSql, SEARCHABLE_SQL, unrelatedToSql } from './searchable.js';
