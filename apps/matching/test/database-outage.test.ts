import { errorBodySchema } from '@circle-match/contracts';
import { createTestDatabase, insertProfiles, profile, startTcpProxyFor, type TcpProxy, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/** The service reaches its real database through a TCP proxy the test cuts and restores. */
let db: TestDatabase;
let proxy: TcpProxy;
let service: TestApp;
const requester = profile({ interests: ['hiking'] });

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, profile({ interests: ['hiking'] })]);
  let viaProxy: string;
  ({ proxy, url: viaProxy } = await startTcpProxyFor(db.url));
  service = matchingApp(viaProxy, { connectionTimeoutMillis: 500 });
});

afterAll(async () => {
  await service.close();
  await proxy.close();
  await db.close();
});

const match = () => request(service.app).post('/api/ml/match').set('X-API-Key', API_KEY).send({ user_id: requester.id, prompt: 'hiking' });

describe('database outage', () => {
  it('when the database is reachable, then matching answers 200', async () => {
    expect((await match()).status).toBe(200);
  });

  it('when the database becomes unreachable, then 503 DATABASE_UNAVAILABLE quickly and /health turns unhealthy', async () => {
    await proxy.cut();
    const started = Date.now();
    const res = await match();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(res.body.error).toMatch(/database is unavailable/i);
    expect(res.headers['retry-after']).toBe('1');

    const health = await request(service.app).get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unhealthy', service: 'ml-matching', database_connected: false });
  });

  it('when the database comes back, then the service recovers without a restart', async () => {
    await proxy.restore();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await match()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await request(service.app).get('/health')).status).toBe(200);
  });
});
