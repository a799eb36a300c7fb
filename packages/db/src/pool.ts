import pg from 'pg';

export interface PoolOptions {
  /** Most connections open at once. */
  max?: number;
  /** How long a request may wait for a connection (pool exhausted or database slow to accept). */
  connectionTimeoutMillis?: number;
  /** Server-side limit on one statement. */
  statementTimeoutMillis?: number;
  applicationName?: string;
}

/** A `pg` pool with timeouts everywhere, so a sick database answers errors, never hangs. */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMillis ?? 5000,
    query_timeout: (options.statementTimeoutMillis ?? 5000) + 1000,
    application_name: options.applicationName ?? 'circle-match',
    keepAlive: true,
  });
  // An idle client losing its connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}
