export { isConnectionError, isPoolWaitTimeout, isQueryTimeout } from './connection-errors.js';
export { migrate, MIGRATIONS_DIR, RECOMMENDED_INDEXES_DIR } from './migrate.js';
export { createPool, type PoolOptions } from './pool.js';
export { ensureReaderRole, grantReader } from './reader-role.js';
export { seedProfiles, type SeedOptions } from './seed.js';
export { activeWithinSql, relatedIdsSql, SEARCHABLE_SQL, unrelatedToSql } from './searchable.js';
export { DEMO_PROFILES, prepareDemo, type Demo } from './demo.js';
