import { errorBodySchema } from '@circle-match/contracts';
import { createPool } from '@circle-match/db';
import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { Admission, createLogger, createMetrics, type Logger } from '@circle-match/service-kit';
import {
  createTestDatabase,
  insertProfiles,
  profile,
  startTcpProxyFor,
  type ProfileFixture,
  type TcpProxy,
  type TestDatabase,
} from '@circle-match/test-support';
import type { Express } from 'express';
import type pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { SEARCH_ADMISSION } from '../src/config.js';
import { createMatchingService, type MatchingService } from '../src/service.js';

export const API_KEY = 'test-key-0123456789abcdef';

/**
 * A member who fits a requester made from the same fields perfectly (interests, needs, bio, age, place): the base of
 * the traps that only a hard filter may keep out.
 */
export const PERFECT_FIT: ProfileFixture = {
  age: 30,
  gender: 'female',
  about: 'Weekend hiker and amateur photographer',
  interests: ['hiking', 'photography'],
  needs: ['friendship'],
  latitude: 51.5074,
  longitude: -0.1278,
};
export const OLD_API_KEY = 'old-key-0123456789abcdef';

export interface TestApp {
  app: Express;
  /** The service's database connections. */
  connections: pg.Pool;
  service: MatchingService;
  /** Searches running and waiting their turn. */
  admission: Admission;
  /** Reads the change feed now (the service does every `pollIntervalMs`). */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

/** The real matching app on a real database, as main.ts wires it, for supertest. */
export interface MatchingAppOptions {
  poolSize?: number;
  inactiveDays?: number;
  passCooldownDays?: number;
  connectionTimeoutMillis?: number;
  /** Database connections (pg pool max). */
  dbPoolMax?: number;
  /** Requests allowed to wait for a connection (DB_MAX_WAITING). */
  maxWaiting?: number;
  statementTimeoutMillis?: number;
  logger?: Logger;
  /** Change-feed reads; long by default so that tests see changes when they call catchUp(). */
  pollIntervalMs?: number;
  /** RANKING_THREADS (0 by default: ranking in the test's thread). */
  rankingThreads?: number;
  /** False by default here, unlike the service's: with threads, every request goes to one (below their queue). */
  rankAloneHere?: boolean;
  /** SEARCH_CONCURRENCY and SEARCH_MAX_WAITING (the service's defaults: SEARCH_ADMISSION). */
  searchConcurrency?: number;
  searchMaxWaiting?: number;
}

/** The real matching app on a real database, wired as main.ts wires it, with its candidate index loaded. */
export async function matchingApp(databaseUrl: string, options: MatchingAppOptions = {}): Promise<TestApp> {
  const connections = createPool(databaseUrl, {
    max: options.dbPoolMax ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    statementTimeoutMillis: options.statementTimeoutMillis,
  });
  const logger = options.logger ?? createLogger('matching', 'silent');
  const service = createMatchingService({
    connections,
    logger,
    maxWaiting: options.maxWaiting ?? 50,
    poolSize: options.poolSize ?? 500,
    inactiveDays: options.inactiveDays ?? 45,
    passCooldownDays: options.passCooldownDays ?? 30,
    weights: { ...DEFAULT_WEIGHTS },
    version: 'test',
    index: {
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      reconcileIntervalMs: 3_600_000,
      feedRetentionSeconds: 3600,
    },
    rankingThreads: options.rankingThreads ?? 0,
    rankAloneHere: options.rankAloneHere ?? false,
  });
  await service.maintainer.start();
  await waitUntil(() => service.deps.state.indexReady());
  const admission = new Admission({
    concurrency: options.searchConcurrency ?? SEARCH_ADMISSION.concurrency,
    maxWaiting: options.searchMaxWaiting ?? SEARCH_ADMISSION.maxWaiting,
  });
  const app = createApp({
    ...service.deps,
    apiKeys: [API_KEY, OLD_API_KEY],
    logger,
    metrics: createMetrics('matching'),
    admission,
  });
  return {
    app,
    connections,
    service,
    admission,
    catchUp: () => service.maintainer.catchUp(),
    async close() {
      await service.stop();
      await connections.end();
    },
  };
}

/**
 * Resolves once `ready()` holds, checked every 10 ms; fails naming `what` after `timeoutMs` (by default: the
 * service ready, which the ranking threads are a moment after the index loads).
 */
export async function waitUntil(
  ready: () => boolean,
  { what = 'the matching service did not become ready', timeoutMs = 30_000 } = {},
): Promise<void> {
  for (let waited = 0; !ready(); waited += 10) {
    if (waited > timeoutMs) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TimedAnswer {
  res: request.Response;
  ms: number;
}

/** The largest value `sample()` takes while `work` runs (sampled every 5 ms). */
export async function mostDuring<T>(
  sample: () => number,
  work: () => Promise<T>,
): Promise<{ result: T; most: number }> {
  let most = 0;
  const sampler = setInterval(() => (most = Math.max(most, sample())), 5);
  try {
    return { result: await work(), most };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The answers of a burst split into served (200) and refused; each refusal a 503 with `error` and Retry-After 1,
 * and every one answered before any served one (nobody refused had waited behind the slow ones).
 */
export function expectRefusedAtOnce(
  answers: readonly TimedAnswer[],
  error: string,
): { served: TimedAnswer[]; refused: TimedAnswer[] } {
  const served = answers.filter((a) => a.res.status === 200);
  const refused = answers.filter((a) => a.res.status !== 200);
  for (const { res } of refused) {
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', error });
    expect(res.headers['retry-after']).toBe('1');
  }
  expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(Math.min(...served.map((a) => a.ms)));
  return { served, refused };
}

export interface ProxiedMatching {
  proxy: TcpProxy;
  service: TestApp;
  /** A hiking prompt from the requester, a member of the database. */
  match: () => request.Test;
  /** `count` of those at once, each answer with how long it took. */
  burst: (count: number) => Promise<TimedAnswer[]>;
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
  const service = await matchingApp(url, options);
  const match = (): request.Test =>
    request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'hiking' });
  return {
    proxy,
    service,
    requesterId: requester.id,
    match,
    burst: (count) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          const started = Date.now();
          const res = await match();
          return { res, ms: Date.now() - started };
        }),
      ),
    async close() {
      await service.close();
      await proxy.close();
      await db.close();
    },
  };
}
