export { isConnectionError, isPoolWaitTimeout, isQueryTimeout } from './connection-errors.js';
export { migrate, MIGRATIONS_DIR } from './migrate.js';
export { createPool, type PoolOptions } from './pool.js';
export { seedProfiles, type SeedOptions } from './seed.js';
export { activeWithinSql, SEARCHABLE_SQL } from './searchable.js';
