import type { TcpProxy } from '@circle-match/test-support';
import request from 'supertest';
import { expectRefusedAtOnce, matchingBehindProxy, mostDuring, type ProxiedMatching, type TestApp } from './support.js';

/**
 * Connection-pool exhaustion by slow queries (docs/reliability.md): the service reaches its real database through a TCP proxy
 * that holds every answer 600 ms, so each request keeps its connection for seconds. With 2 connections and at most
 * 3 requests waiting for one, a burst of 30 must queue no further than that bound and answer 503, not pile up.
 */
const POOL_MAX = 2;
const MAX_WAITING = 3;
const BURST = 30;

let service: TestApp;
let proxy: TcpProxy;
let fixture: ProxiedMatching;
let match: ProxiedMatching['match'];

beforeAll(async () => {
  // Admission lets the whole burst through at once: the database pool's own bound is what is tested here.
  fixture = await matchingBehindProxy({
    dbPoolMax: POOL_MAX,
    maxWaiting: MAX_WAITING,
    connectionTimeoutMillis: 300,
    searchConcurrency: BURST,
  });
  ({ service, proxy, match } = fixture);
});

afterAll(() => fixture.close());

describe('connection-pool exhaustion', () => {
  it('when every query is slow, then a burst queues within its bound and the excess is answered 503 at once, never 500', async () => {
    // Both connections open and idle before the database turns slow.
    expect((await Promise.all([match(), match()])).map((a) => a.status)).toEqual([200, 200]);
    expect(service.connections.totalCount).toBe(POOL_MAX);
    proxy.setDelay(600);
    try {
      const { result: answers, most: mostWaiting } = await mostDuring(
        () => service.connections.waitingCount,
        () => fixture.burst(BURST),
      );
      // The two requests holding the connections finish, slowly; everyone else is told to come back at once.
      const { served, refused } = expectRefusedAtOnce(answers, 'The database is busy; try again shortly');
      expect(served).toHaveLength(POOL_MAX);
      expect(refused).toHaveLength(BURST - POOL_MAX);
      expect(mostWaiting).toBeGreaterThan(0);
      expect(mostWaiting).toBeLessThanOrEqual(MAX_WAITING);
      expect(service.connections.totalCount).toBeLessThanOrEqual(POOL_MAX);
    } finally {
      proxy.setDelay(0);
    }
  });

  it('when the database is fast again, then the same service answers 200 again', async () => {
    const res = await match();
    expect(res.status).toBe(200);
    expect((await request(service.app).get('/health')).status).toBe(200);
  });
});
