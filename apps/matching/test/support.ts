import { createPool } from '@circle-match/db';
import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { createLogger, createMetrics } from '@circle-match/service-kit';
import { poolMaxFor } from '@circle-match/test-support';
import type { Express } from 'express';
import type pg from 'pg';
import { createApp } from '../src/app.js';
import { ProfileRepository } from '../src/data-access/profile-repository.js';

export const API_KEY = 'test-key-0123456789abcdef';
export const OLD_API_KEY = 'old-key-0123456789abcdef';

export interface TestApp {
  app: Express;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** The real matching app on a real database, as main.ts wires it, for supertest. */
export interface MatchingAppOptions {
  poolSize?: number;
  inactiveDays?: number;
  connectionTimeoutMillis?: number;
  /** Database connections (pg pool max). */
  dbPoolMax?: number;
  /** Requests allowed to wait for a connection (DB_MAX_WAITING). */
  maxWaiting?: number;
  statementTimeoutMillis?: number;
}

export function matchingApp(databaseUrl: string, options: MatchingAppOptions = {}): TestApp {
  const pool = createPool(databaseUrl, {
    max: options.dbPoolMax ?? poolMaxFor(databaseUrl, 4),
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    statementTimeoutMillis: options.statementTimeoutMillis,
  });
  const app = createApp({
    apiKeys: [API_KEY, OLD_API_KEY],
    logger: createLogger('matching', 'silent'),
    metrics: createMetrics('matching'),
    profiles: new ProfileRepository(pool, { maxWaiting: options.maxWaiting ?? 50 }),
    settings: { poolSize: options.poolSize ?? 500, inactiveDays: options.inactiveDays ?? 45, weights: { ...DEFAULT_WEIGHTS } },
    version: 'test',
  });
  return { app, pool, close: () => pool.end() };
}
