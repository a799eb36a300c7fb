import { errorBodySchema } from '@circle-match/contracts';
import {
  backToBack,
  insertProfiles,
  profile,
  startRestartableDatabase,
  type RestartableDatabase,
} from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * The database server stops while the service is under load, then starts again (docs/reliability.md): every answer is a 200 or
 * a docs/api.md 503 — never a 500, never a hang — and the service recovers without a restart.
 */
const CONCURRENCY = 6;

let db: RestartableDatabase;
let service: TestApp;
const requester = profile({ interests: ['hiking'] });

beforeAll(async () => {
  db = await startRestartableDatabase();
  await insertProfiles(db.url, [requester, ...Array.from({ length: 20 }, () => profile({ interests: ['hiking'] }))]);
  service = await matchingApp(db.url, { connectionTimeoutMillis: 500 });
}, 60_000);

afterAll(async () => {
  await service.close();
  await db.close();
});

interface Answer {
  status: number;
  body: unknown;
  retryAfter: string | undefined;
  startedAt: number;
  ms: number;
}

/** One match request, as a client that backs off a little after a failure. */
async function matchOnce(): Promise<Answer> {
  const startedAt = Date.now();
  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: requester.id, prompt: 'hiking' });
  const answer = {
    status: res.status,
    body: res.body,
    retryAfter: res.headers['retry-after'],
    startedAt,
    ms: Date.now() - startedAt,
  };
  if (res.status !== 200) await new Promise((r) => setTimeout(r, 20));
  return answer;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('database stopped mid-load', () => {
  it('when the database stops under load and starts again, then 503s within 1 s while down, 200s after, no 500', async () => {
    const traffic = backToBack(CONCURRENCY, matchOnce);
    await until(() => traffic.results.filter((a) => a.status === 200).length >= 10, 20_000);
    await db.stop();
    // From here the server is down; a request that started while it was shutting down may still have been served.
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const health = await request(service.app).get('/health');
    const restartingAt = Date.now();
    await db.start();
    const restartedAt = Date.now();
    await until(() => traffic.results.some((a) => a.startedAt > restartedAt && a.status === 200), 15_000);
    await traffic.stop();

    const answers = traffic.results;
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.startedAt < stoppedAt && a.status === 200).length).toBeGreaterThanOrEqual(10);
    const whileDown = answers.filter((a) => a.startedAt > stoppedAt && a.startedAt + a.ms < restartingAt);
    expect(whileDown.length).toBeGreaterThan(CONCURRENCY); // the outage really met traffic
    for (const answer of whileDown) {
      expect(answer.status).toBe(503);
      expect(errorBodySchema.parse(answer.body).code).toBe('DATABASE_UNAVAILABLE');
      expect(answer.retryAfter).toBe('1');
    }
    // No request hung on the dead database: each was answered within a second.
    expect(
      Math.max(...answers.filter((a) => a.startedAt > stoppedAt && a.startedAt < restartingAt).map((a) => a.ms)),
    ).toBeLessThan(1000);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unhealthy', database_connected: false });
    // Recovered in the same process, and healthy again.
    expect(answers.some((a) => a.startedAt > restartedAt && a.status === 200)).toBe(true);
    expect((await request(service.app).get('/health')).status).toBe(200);
  }, 60_000);
});
