import { createPool } from '@circle-match/db';
import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { createLogger, createMetrics } from '@circle-match/service-kit';
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
export function matchingApp(databaseUrl: string, options: { poolSize?: number; inactiveDays?: number; connectionTimeoutMillis?: number } = {}): TestApp {
  const pool = createPool(databaseUrl, { max: 4, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000 });
  const app = createApp({
    apiKeys: [API_KEY, OLD_API_KEY],
    logger: createLogger('matching', 'silent'),
    metrics: createMetrics('matching'),
    profiles: new ProfileRepository(pool, { maxWaiting: 50 }),
    settings: { poolSize: options.poolSize ?? 500, inactiveDays: options.inactiveDays ?? 45, weights: { ...DEFAULT_WEIGHTS } },
    version: 'test',
  });
  return { app, pool, close: () => pool.end() };
}
