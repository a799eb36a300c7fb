import request from 'supertest';
import { gatewayApp, type TestGateway } from './support.js';

/** Liveness and readiness for an orchestrator (docs/api.md): /livez while the process answers, /readyz until it drains. */
let accepting = true;
let gateway: TestGateway;

beforeAll(async () => {
  // Nothing listens there: the probes must not depend on matching.
  gateway = await gatewayApp({ matchingUrl: 'http://127.0.0.1:9', readiness: { accepting: () => accepting } });
});

afterAll(() => gateway.close());

describe('gateway probes', () => {
  it('when the gateway runs, then /livez and /readyz answer 200 without a token, even with matching away', async () => {
    const live = await request(gateway.app).get('/livez');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'alive', service: 'gateway' });
    const ready = await request(gateway.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', service: 'gateway', accepting: true });
  });

  it('when the gateway drains, then /readyz answers 503 while /livez still answers 200', async () => {
    accepting = false;
    try {
      const ready = await request(gateway.app).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not ready', accepting: false });
      expect((await request(gateway.app).get('/livez')).status).toBe(200);
    } finally {
      accepting = true;
    }
  });
});
