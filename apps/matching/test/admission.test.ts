import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TcpProxy } from '@circle-match/test-support';
import request from 'supertest';
import {
  API_KEY,
  expectRefusedAtOnce,
  matchingBehindProxy,
  mostDuring,
  waitUntil,
  type ProxiedMatching,
  type TestApp,
} from './support.js';

/**
 * Admission (docs/performance.md "Admission", docs/reliability.md): at most SEARCH_CONCURRENCY searches are worked
 * on at once, the others wait their turn, and past SEARCH_MAX_WAITING waiting the service says it is busy. The
 * service reaches its real database through a TCP proxy that holds every answer, so that searches last long enough
 * to overlap; the database pool (4) is never what limits them here.
 */
const CONCURRENCY = 2;
const MAX_WAITING = 3;
const DELAY_MS = 300;

let service: TestApp;
let proxy: TcpProxy;
let fixture: ProxiedMatching;
let match: ProxiedMatching['match'];

beforeAll(async () => {
  fixture = await matchingBehindProxy({
    dbPoolMax: 4,
    searchConcurrency: CONCURRENCY,
    searchMaxWaiting: MAX_WAITING,
    connectionTimeoutMillis: 5000,
  });
  ({ service, proxy, match } = fixture);
});

afterAll(() => fixture.close());

afterEach(() => proxy.setDelay(0));

describe('admission of searches', () => {
  it('when more searches arrive than run at once, then the rest wait their turn and every one is answered 200', async () => {
    proxy.setDelay(DELAY_MS);
    const burst = CONCURRENCY + MAX_WAITING;
    const { result: answers, most: mostRunning } = await mostDuring(
      () => service.admission.running,
      () => Promise.all(Array.from({ length: burst }, () => match())),
    );
    expect(answers.map((res) => res.status)).toEqual(Array.from({ length: burst }, () => 200));
    expect(mostRunning).toBe(CONCURRENCY);
    expect(service.admission.running).toBe(0);
    expect(service.admission.waiting).toBe(0);
  });

  it('when more are waiting than allowed, then the excess is answered 503 busy at once, never 500', async () => {
    proxy.setDelay(DELAY_MS);
    const burst = 10;
    const { served, refused } = expectRefusedAtOnce(
      await fixture.burst(burst),
      'The service is busy; try again shortly',
    );
    expect(served).toHaveLength(CONCURRENCY + MAX_WAITING);
    expect(refused).toHaveLength(burst - CONCURRENCY - MAX_WAITING);
  });

  it('when searches fill every place, then liveness and the metrics still answer without waiting', async () => {
    proxy.setDelay(DELAY_MS);
    const searches = Promise.all(Array.from({ length: CONCURRENCY + MAX_WAITING }, () => match()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.admission.waiting).toBe(MAX_WAITING);
    const started = Date.now();
    const live = await request(service.app).get('/livez');
    expect(live.status).toBe(200);
    const metrics = await request(service.app).get('/metrics');
    expect(metrics.text).toMatch(new RegExp(`^matching_searches_waiting\\{[^}]*\\} ${MAX_WAITING}$`, 'm'));
    expect(metrics.text).toMatch(new RegExp(`^matching_searches_running\\{[^}]*\\} ${CONCURRENCY}$`, 'm'));
    expect(Date.now() - started).toBeLessThan(DELAY_MS);
    expect((await searches).every((res) => res.status === 200)).toBe(true);
  });

  it('when a waiting client goes away, then it leaves the queue and its place is not spent on it', async () => {
    expect(service.admission.running + service.admission.waiting).toBe(0);
    proxy.setDelay(DELAY_MS);
    const server = http.createServer(service.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const running = Promise.all(Array.from({ length: CONCURRENCY }, () => match()));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const body = JSON.stringify({ user_id: fixture.requesterId, prompt: 'hiking' });
      const waiting = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/ml/match',
        headers: {
          'Content-Type': 'application/json',
          'X-API-Key': API_KEY,
          'Content-Length': Buffer.byteLength(body),
        },
      });
      waiting.on('error', () => undefined); // destroyed below, on purpose
      waiting.end(body);
      await waitUntil(() => service.admission.waiting > 0, { what: 'the third search never waited', timeoutMs: 2000 });
      expect(service.admission.waiting).toBe(1);
      waiting.destroy();
      await waitUntil(() => service.admission.waiting === 0, {
        what: 'the search gone stayed queued',
        timeoutMs: 2000,
      });
      expect(service.admission.waiting).toBe(0);
      expect((await running).map((res) => res.status)).toEqual([200, 200]);
      expect(service.admission.running).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
