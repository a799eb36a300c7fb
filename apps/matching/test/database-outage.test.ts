import { errorBodySchema } from '@circle-match/contracts';
import type { TcpProxy } from '@circle-match/test-support';
import request from 'supertest';
import { matchingBehindProxy, type ProxiedMatching, type TestApp } from './support.js';

/** The service reaches its real database through a TCP proxy the test cuts and restores. */
let service: TestApp;
let proxy: TcpProxy;
let fixture: ProxiedMatching;
let match: ProxiedMatching['match'];

beforeAll(async () => {
  fixture = await matchingBehindProxy({ connectionTimeoutMillis: 500 });
  ({ service, proxy, match } = fixture);
});

afterAll(() => fixture.close());

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
