import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { errorBodySchema } from '@circle-match/contracts';
import { createLogger } from '@circle-match/service-kit';
import { createClient } from 'redis';
import { freePort } from '@circle-match/test-support';
import request from 'supertest';
import { memoryLimitStores, redisLimitStores } from '../src/data-access/limit-store.js';
import { RedisConnection } from '../src/data-access/redis-connection.js';
import { DEAD_URL, gatewayApp, tokenFor, type GatewayOptions, type TestGateway } from './support.js';

/**
 * Quotas against bulk scraping (docs/reliability.md) and limits shared by every gateway replica. Matching is unreachable here
 * (DEAD_URL): a search the limits let through answers 503, one they stop answers 429.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: TestGateway[] = [];
afterAll(() => open.forEach((g) => g.close()));

async function gateway(options: Partial<GatewayOptions>): Promise<TestGateway> {
  const g = await gatewayApp({ matchingUrl: DEAD_URL, ...options });
  open.push(g);
  return g;
}

async function searchAs(g: TestGateway, member: string, body: object = { prompt: 'hiking' }): Promise<number> {
  return (
    await request(g.app)
      .post('/api/ml-matching/search')
      .set('Authorization', `Bearer ${await tokenFor(member)}`)
      .send(body)
  ).status;
}

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 500, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch {
    return false;
  }
}

describe('quotas', () => {
  it('when a member exceeds the hourly quota, then 429 with Retry-After, while another member is served', async () => {
    const g = await gateway({ perUserHourly: 3 });
    const member = randomUUID();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await searchAs(g, member));
    expect(statuses).toEqual([503, 503, 503, 429]);
    const res = await request(g.app)
      .post('/api/ml-matching/search')
      .set('Authorization', `Bearer ${await tokenFor(member)}`)
      .send({ prompt: 'hiking' });
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
    expect(await searchAs(g, randomUUID())).toBe(503);
  });

  it('when a member searches from more distinct ~1 km cells in an hour than allowed, then 429; a cell used already is free', async () => {
    const g = await gateway({ originsPerHour: 3 });
    const member = randomUUID();
    const from = (i: number) => ({ prompt: 'hiking', latitude: 51.5 + i * 0.02, longitude: -0.12 });
    expect(await searchAs(g, member, from(0))).toBe(503);
    expect(await searchAs(g, member, { ...from(0), latitude: from(0).latitude + 0.001 })).toBe(503); // same cell
    expect(await searchAs(g, member, from(1))).toBe(503);
    expect(await searchAs(g, member, from(2))).toBe(503);
    expect(await searchAs(g, member, from(3))).toBe(429); // a fourth cell
    expect(await searchAs(g, member, from(1))).toBe(503); // back to a known one
    expect(await searchAs(g, member, { prompt: 'hiking' })).toBe(503); // no origin: the profile's
  });
});

describe('limits shared by replicas (Redis)', () => {
  let available = false;
  beforeAll(async () => {
    available = await redisAnswers();
    if (!available) {
      if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but Redis does not answer at ${REDIS_URL}`);
      process.stdout.write(`quotas: Redis suites skipped: nothing answers at ${REDIS_URL}\n`);
    }
  });

  it('when two gateway replicas share Redis, then a member gets the per-member limit once between them, not twice', async () => {
    if (!available) return;
    const prefix = `cm-test-${randomUUID()}:`;
    const logger = createLogger('gateway', 'silent');
    const connections = [new RedisConnection(REDIS_URL, logger), new RedisConnection(REDIS_URL, logger)];
    const stores = connections.map((c) => redisLimitStores(c, prefix));
    try {
      expect(await Promise.all(connections.map((c) => c.whenReady(5000)))).toEqual([true, true]);
      const [a, b] = [
        await gateway({ perUser: 4, limitStores: stores[0] }),
        await gateway({ perUser: 4, limitStores: stores[1] }),
      ];
      const member = randomUUID();
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push(await searchAs(i % 2 === 0 ? a : b, member));
      expect(statuses.filter((s) => s === 503)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      // With a store each (memory), the same traffic gets twice the limit: what sharing prevents.
      const [c, d] = [
        await gateway({ perUser: 4, limitStores: memoryLimitStores() }),
        await gateway({ perUser: 4, limitStores: memoryLimitStores() }),
      ];
      const alone = [];
      for (let i = 0; i < 8; i++) alone.push(await searchAs(i % 2 === 0 ? c : d, member));
      expect(alone.filter((s) => s === 503)).toHaveLength(8);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });

  it('when Redis starts only after the gateway, then the limits fail open until it answers, then hold', async () => {
    if (!available) return;
    const port = await freePort();
    const redis = new RedisConnection(`redis://127.0.0.1:${port}`, createLogger('gateway', 'silent'));
    const stores = redisLimitStores(redis, `cm-test-${randomUUID()}:`);
    let server: ChildProcess | null = null;
    try {
      const g = await gateway({ perUser: 2, limitStores: stores });
      const member = randomUUID();
      for (let i = 0; i < 3; i++) expect(await searchAs(g, member)).toBe(503); // open: Redis is away
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      expect(await redis.whenReady(10_000)).toBe(true);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await searchAs(g, member));
      // The first call after Redis returns reloads the limiter's scripts (and passes); then the limit holds.
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.filter((s) => s === 503).length).toBeLessThanOrEqual(3); // at most one beyond the limit of 2
    } finally {
      await redis.close().catch(() => undefined);
      server?.kill();
    }
  });

  it('when Redis does not answer, then the limits fail open: searches go through, nothing crashes', async () => {
    const redis = new RedisConnection('redis://127.0.0.1:9', createLogger('gateway', 'silent'));
    const stores = redisLimitStores(redis);
    try {
      expect(await redis.whenReady(300)).toBe(false);
      const g = await gateway({ perUser: 2, limitStores: stores });
      const member = randomUUID();
      for (let i = 0; i < 3; i++) expect(await searchAs(g, member)).toBe(503);
    } finally {
      await redis.close().catch(() => undefined);
    }
  });
});
