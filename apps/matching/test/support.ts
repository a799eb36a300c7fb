import { createPool } from '@circle-match/db';
import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { createLogger, createMetrics, type Logger } from '@circle-match/service-kit';
import { createTestDatabase, insertProfiles, profile, startTcpProxyFor, type TcpProxy, type TestDatabase } from '@circle-match/test-support';
import type { Express } from 'express';
import type pg from 'pg';
import request from 'supertest';
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
  logger?: Logger;
}

export function matchingApp(databaseUrl: string, options: MatchingAppOptions = {}): TestApp {
  const pool = createPool(databaseUrl, {
    max: options.dbPoolMax ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    statementTimeoutMillis: options.statementTimeoutMillis,
  });
  const app = createApp({
    apiKeys: [API_KEY, OLD_API_KEY],
    logger: options.logger ?? createLogger('matching', 'silent'),
    metrics: createMetrics('matching'),
    profiles: new ProfileRepository(pool, { maxWaiting: options.maxWaiting ?? 50 }),
    settings: { poolSize: options.poolSize ?? 500, inactiveDays: options.inactiveDays ?? 45, weights: { ...DEFAULT_WEIGHTS } },
    version: 'test',
  });
  return { app, pool, close: () => pool.end() };
}

export interface ProxiedMatching {
  proxy: TcpProxy;
  service: TestApp;
  /** A hiking prompt from the requester, a member of the database. */
  match: () => request.Test;
  requesterId: string;
  close(): Promise<void>;
}

/**
 * The matching app on a real database with two hikers (the requester and one candidate), reached through a TCP
 * proxy the test can cut, restore or slow down.
 */
export async function matchingBehindProxy(options: MatchingAppOptions): Promise<ProxiedMatching> {
  const db: TestDatabase = await createTestDatabase();
  const requester = profile({ interests: ['hiking'] });
  await insertProfiles(db.url, [requester, profile({ interests: ['hiking'] })]);
  const { proxy, url } = await startTcpProxyFor(db.url);
  const service = matchingApp(url, options);
  return {
    proxy,
    service,
    requesterId: requester.id,
    match: () => request(service.app).post('/api/ml/match').set('X-API-Key', API_KEY).send({ user_id: requester.id, prompt: 'hiking' }),
    async close() {
      await service.close();
      await proxy.close();
      await db.close();
    },
  };
}
