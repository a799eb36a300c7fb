import { randomUUID } from 'node:crypto';
import {
  errorBodySchema,
  promptSearchResponseSchema,
  publicHealthSchema,
  searchResponseSchema,
} from '@circle-match/contracts';
import { createLogger } from '@circle-match/service-kit';
import {
  createTestDatabase,
  insertProfiles,
  logSink,
  profile,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, gatewayApp, startMatching, tokenFor, type RunningMatching, type TestGateway } from './support.js';

/**
 * The gateway in front of the real matching service (real HTTP, keep-alive, API key) on a real database. The
 * gateway reaches matching through a TCP proxy the tests slow down or cut.
 */
let db: TestDatabase;
let matching: RunningMatching;
let proxy: TcpProxy;
let gateway: TestGateway;
const matchingLogs = logSink();
const gatewayLogs = logSink();

const requester = profile({
  age: 30,
  interests: ['hiking'],
  about: 'Weekend hiker',
  latitude: 51.5074,
  longitude: -0.1278,
});
const hiker = profile({
  first_name: 'Hana',
  last_name: 'Sato',
  age: 29,
  interests: ['Trekking'],
  latitude: 51.5123,
  longitude: -0.1012,
});
const far = profile({ age: 31, interests: ['hiking'], latitude: 51.62, longitude: -0.3 });
const chess = profile({ age: 30, interests: ['chess'], latitude: 51.5, longitude: -0.13 });
const suspended = profile({ age: 30, interests: ['hiking'], latitude: 51.5, longitude: -0.13, is_suspended: true });

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, hiker, far, chess, suspended]);
  matching = await startMatching(db.url, { logger: createLogger('matching', 'info', matchingLogs.stream) });
  const port = Number(new URL(matching.url).port);
  proxy = await startTcpProxy('127.0.0.1', port);
  gateway = await gatewayApp({
    matchingUrl: `http://127.0.0.1:${proxy.port}`,
    timeoutMs: 400,
    logger: createLogger('gateway', 'info', gatewayLogs.stream),
  });
});

afterAll(async () => {
  gateway.close();
  await proxy.close();
  await matching.close();
  await db.close();
});

const asMember = async (id: string) => `Bearer ${await tokenFor(id)}`;

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe('gateway → matching, happy paths', () => {
  it('when a member prompt-searches, then explained matches come back as { success, matches, count }', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/prompt-search')
      .set('Authorization', await asMember(requester.id))
      .send({ prompt: 'hiking enthusiasts near me', limit: 10 });
    expect(res.status).toBe(200);
    const body = promptSearchResponseSchema.parse(res.body);
    expect(body.count).toBe(body.matches.length);
    expect(body.matches[0]?.id).toBe(hiker.id);
    expect(body.matches[0]?.name).toBe('Hana Sato');
    expect(body.matches[0]?.explanation.reasons.length).toBeGreaterThan(0);
    expect(body.matches.map((m) => m.id)).not.toContain(requester.id);
  });

  it('when a member searches with preferences, then { success, matches, total_candidates, processing_time_ms }', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/search')
      .set('Authorization', await asMember(requester.id))
      .send({ preferences: { interests: ['hiking'], max_distance: 10 } });
    expect(res.status).toBe(200);
    const body = searchResponseSchema.parse(res.body);
    expect(body.total_candidates).toBe(2);
    expect(body.matches.map((m) => m.id).sort()).toEqual([hiker.id, chess.id].sort());
  });

  it('when prompt-search passes max_distance and age_range, then matching applies them', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/prompt-search')
      .set('Authorization', await asMember(requester.id))
      .send({ prompt: 'hikers', max_distance: 50, age_range: [31, 40] });
    expect(promptSearchResponseSchema.parse(res.body).matches.map((m) => m.id)).toEqual([far.id]);
  });

  it('when any match is returned, then no coordinates appear anywhere and distances are whole km, at least 1', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/search')
      .set('Authorization', await asMember(requester.id))
      .send({ prompt: 'anyone', latitude: 51.5, longitude: -0.13, limit: 50 });
    expect(res.status).toBe(200);
    expect(keysOf(res.body)).not.toContain('latitude');
    expect(keysOf(res.body)).not.toContain('longitude');
    const body = searchResponseSchema.parse(res.body);
    expect(body.matches.length).toBe(3);
    for (const m of body.matches) {
      expect(Number.isInteger(m.distance_km)).toBe(true);
      expect(m.distance_km).toBeGreaterThanOrEqual(1);
      expect(m.explanation.evidence.distance_km).toBe(m.distance_km);
    }
  });

  it('when the client sends X-Request-Id, then both services log that id, and no log holds the token, key or prompt', async () => {
    const id = `req-${randomUUID()}`;
    const authorization = await asMember(requester.id);
    const res = await request(gateway.app)
      .post('/api/ml-matching/prompt-search')
      .set('Authorization', authorization)
      .set('X-Request-Id', id)
      .send({ prompt: 'secret-prompt-text about hiking' });
    expect(res.headers['x-request-id']).toBe(id);
    expect(gatewayLogs.lines.find((l) => l.includes(id))).toBeDefined();
    expect(matchingLogs.lines.find((l) => l.includes(id))).toBeDefined();
    const everything = gatewayLogs.text() + matchingLogs.text();
    expect(everything).not.toContain('secret-prompt-text');
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(authorization.slice('Bearer '.length));
  });
});

describe('gateway → matching, failures', () => {
  it("when the member has no profile, then matching's 404 is passed through", async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/prompt-search')
      .set('Authorization', await asMember(randomUUID()))
      .send({ prompt: 'hiking' });
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it("when the member is suspended, then matching's 403 ACCOUNT_SUSPENDED is passed through", async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/prompt-search')
      .set('Authorization', await asMember(suspended.id))
      .send({ prompt: 'hiking' });
    expect(res.status).toBe(403);
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
  });

  it('when a member has two searches in flight, then a third gets 429 at once while another member is served', async () => {
    const limited = await gatewayApp({
      matchingUrl: `http://127.0.0.1:${proxy.port}`,
      timeoutMs: 2000,
      inFlightPerUser: 2,
    });
    proxy.setDelay(300);
    try {
      const as = async (id: string) =>
        request(limited.app)
          .post('/api/ml-matching/prompt-search')
          .set('Authorization', await asMember(id))
          .send({ prompt: 'hiking' });
      const [a, b, c, other] = await Promise.all([as(requester.id), as(requester.id), as(requester.id), as(hiker.id)]);
      expect([a, b, c].map((r) => r.status).sort()).toEqual([200, 200, 429]);
      const refused = [a, b, c].find((r) => r.status === 429)!;
      expect(errorBodySchema.parse(refused.body)).toMatchObject({ code: 'RATE_LIMITED' });
      expect(refused.headers['retry-after']).toBe('1');
      expect(other.status).toBe(200);
      // Finished searches free their place.
      expect((await as(requester.id)).status).toBe(200);
    } finally {
      proxy.setDelay(0);
      limited.close();
    }
  });

  it('when matching comes back after the circuit opened, then the circuit closes again and searches succeed', async () => {
    const recovering = await gatewayApp({
      matchingUrl: `http://127.0.0.1:${proxy.port}`,
      timeoutMs: 400,
      circuitResetMs: 300,
    });
    const send = async () =>
      request(recovering.app)
        .post('/api/ml-matching/prompt-search')
        .set('Authorization', await asMember(requester.id))
        .send({ prompt: 'hiking' });
    try {
      await proxy.cut();
      for (let i = 0; i < 20 && !recovering.matching.circuitOpen; i++) expect((await send()).status).toBe(503);
      expect(recovering.matching.circuitOpen).toBe(true);
      await proxy.restore();
      await new Promise((r) => setTimeout(r, 350)); // the reset timeout: the next call is the trial
      expect((await send()).status).toBe(200);
      expect(recovering.matching.circuitOpen).toBe(false);
      expect((await send()).status).toBe(200);
    } finally {
      await proxy.restore();
      recovering.close();
    }
  });

  it('when matching answers slower than the timeout, then 504 UPSTREAM_TIMEOUT', async () => {
    proxy.setDelay(1000);
    try {
      const res = await request(gateway.app)
        .post('/api/ml-matching/prompt-search')
        .set('Authorization', await asMember(requester.id))
        .send({ prompt: 'hiking' });
      expect(res.status).toBe(504);
      expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    } finally {
      proxy.setDelay(0);
    }
  });

  it('when health is asked while matching is up, then 200 healthy', async () => {
    const res = await request(gateway.app).get('/api/ml-matching/health');
    expect(res.status).toBe(200);
    expect(publicHealthSchema.parse(res.body)).toMatchObject({ service: 'ml-matching', status: 'healthy' });
  });

  it('when matching is down, then 503 (never a 200 with an empty list), and once the circuit opens it answers within 50 ms', async () => {
    await proxy.cut();
    const auth = await asMember(requester.id);
    const send = () =>
      request(gateway.app).post('/api/ml-matching/prompt-search').set('Authorization', auth).send({ prompt: 'hiking' });
    // Failures accumulate in the breaker's rolling window (which also holds the successes above) until it opens.
    for (let i = 0; i < 20 && !gateway.matching.circuitOpen; i++) {
      const res = await send();
      expect(res.status).toBe(503);
      expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
    expect(gateway.matching.circuitOpen).toBe(true);
    const started = performance.now();
    const res = await send();
    expect(performance.now() - started).toBeLessThan(50);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');

    const health = await request(gateway.app).get('/api/ml-matching/health');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unhealthy');
    await proxy.restore();
  });
});
