import { randomUUID } from 'node:crypto';
import { errorBodySchema } from '@circle-match/contracts';
import { createLogger, createMetrics } from '@circle-match/service-kit';
import {
  createTestDatabase,
  insertProfiles,
  logSink,
  profile,
  startTcpProxy,
  type TestDatabase,
} from '@circle-match/test-support';
import { createClient } from 'redis';
import request from 'supertest';
import { RedisConnection } from '../src/data-access/redis-connection.js';
import { RedisSessionRevocations } from '../src/data-access/session-revocations.js';
import { gatewayApp, startMatching, tokenFor, type RunningMatching, type TestGateway } from './support.js';

/**
 * Circle's revoked sessions (docs/operations.md, docs/reliability.md): "log out of all devices" sets `revoked:jti:<jti>` in the Redis Circle's
 * API shares with us; with ENFORCE_SESSION_REVOCATION=true such a token gets 401 SESSION_REVOKED. A Redis that is
 * away or slow lets requests through (fail open, as Circle's API does), with a warning and a metric. Real Redis,
 * real matching on a real database.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const member = profile({ interests: ['hiking'] });
/** Lookups that are not about the timeout wait long enough for a busy test machine. */
const PATIENT_MS = 2000;

let db: TestDatabase;
let matching: RunningMatching;
let redis: RedisConnection;
let circle: ReturnType<typeof createClient>; // Circle's API, revoking sessions
const gateways: TestGateway[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [member, profile({ interests: ['hiking'] })]);
  matching = await startMatching(db.url);
  redis = new RedisConnection(REDIS_URL, createLogger('gateway', 'silent'));
  if (!(await redis.whenReady(5000))) throw new Error(`these tests need Redis at ${REDIS_URL} (CI starts one)`);
  circle = createClient({ url: REDIS_URL });
  await circle.connect();
});

afterAll(async () => {
  gateways.forEach((g) => g.close());
  await circle.quit();
  await redis.close();
  await matching.close();
  await db.close();
});

async function gatewayWith(
  revocations: RedisSessionRevocations | undefined,
  logger = createLogger('gateway', 'silent'),
  metrics = createMetrics('gateway'),
) {
  const g = await gatewayApp({ matchingUrl: matching.url, sessions: revocations, logger, metrics });
  gateways.push(g);
  return g;
}

const search = async (g: TestGateway, token: string) =>
  request(g.app)
    .post('/api/ml-matching/search')
    .set('Authorization', `Bearer ${token}`)
    .send({ prompt: 'hiking', limit: 5 });

describe('revoked sessions', () => {
  it('when Circle revoked the session, then 401 SESSION_REVOKED; another session of the same member is served', async () => {
    const g = await gatewayWith(new RedisSessionRevocations(redis, PATIENT_MS));
    const [ended, live] = [randomUUID(), randomUUID()];
    await circle.set(`revoked:jti:${ended}`, '1', { EX: 600 });
    const refused = await search(g, await tokenFor(member.id, { jti: ended }));
    expect(refused.status).toBe(401);
    expect(errorBodySchema.parse(refused.body)).toMatchObject({ code: 'SESSION_REVOKED' });
    const served = await search(g, await tokenFor(member.id, { jti: live }));
    expect(served.status).toBe(200);
    expect(served.body.matches.length).toBe(1);
  });

  it('when a token names no session, then there is nothing to revoke and it is served', async () => {
    const g = await gatewayWith(new RedisSessionRevocations(redis, PATIENT_MS));
    expect((await search(g, await tokenFor(member.id))).status).toBe(200);
  });

  it('when enforcement is off, then a revoked session is served, as Circle does with ENFORCE_SESSION_REVOCATION unset', async () => {
    const g = await gatewayWith(undefined); // main.ts wires revocationsNotEnforced
    const ended = randomUUID();
    await circle.set(`revoked:jti:${ended}`, '1', { EX: 600 });
    expect((await search(g, await tokenFor(member.id, { jti: ended }))).status).toBe(200);
  });

  it('when Redis is down, then requests go through (fail open), counted and logged as a warning', async () => {
    const logs = logSink();
    const metrics = createMetrics('gateway');
    const away = new RedisConnection('redis://127.0.0.1:9', createLogger('gateway', 'silent'));
    try {
      const g = await gatewayWith(
        new RedisSessionRevocations(away, 200),
        createLogger('gateway', 'info', logs.stream),
        metrics,
      );
      for (let i = 0; i < 3; i++)
        expect((await search(g, await tokenFor(member.id, { jti: randomUUID() }))).status).toBe(200);
      expect(await metrics.registry.getSingleMetricAsString('gateway_session_checks_unchecked_total')).toMatch(
        /unchecked_total\{[^}]*\} 3\n?$/m,
      );
      const warnings = logs.lines.filter((l) => l.includes('session revocation not checked'));
      expect(warnings).toHaveLength(1); // one warning per 10 s, not one per request
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 }); // pino's warn
    } finally {
      await away.close();
    }
  });

  it('when Redis answers too slowly, then the check gives up after its timeout and the request goes on', async () => {
    const [host, port] = new URL(REDIS_URL).host.split(':');
    const proxy = await startTcpProxy(host!, Number(port ?? 6379));
    const slow = new RedisConnection(`redis://127.0.0.1:${proxy.port}`, createLogger('gateway', 'silent'));
    try {
      expect(await slow.whenReady(5000)).toBe(true);
      const ended = randomUUID();
      await circle.set(`revoked:jti:${ended}`, '1', { EX: 600 });
      expect(await new RedisSessionRevocations(slow, PATIENT_MS).stateOf(ended)).toBe('revoked'); // through the proxy
      proxy.setDelay(5000);
      const started = Date.now();
      expect(await new RedisSessionRevocations(slow, 25).stateOf(ended)).toBe('unchecked');
      // Bounded by the timeout, not by Redis: far less than the 5 s Redis takes now.
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      proxy.setDelay(0);
      await slow.close();
      await proxy.close();
    }
  });
});
