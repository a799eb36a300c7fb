import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBodySchema } from '@circle-match/contracts';
import request from 'supertest';
import { gatewayApp, tokenFor, type TestGateway } from './support.js';

/**
 * An upstream that answers garbage (a broken deploy, a proxy error page): the gateway must say 502, never pass it
 * on or turn it into an empty 200. The upstream here is a raw HTTP server, a fault injector, not a matching stand-in.
 */
let server: Server;
let reply: { status: number; body: string; type: string } = { status: 200, body: 'not json', type: 'text/plain' };
let gateway: TestGateway;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(reply.status, { 'Content-Type': reply.type });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = await gatewayApp({ matchingUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

afterAll(async () => {
  gateway.close();
  await new Promise((resolve) => server.close(resolve));
});

const send = async () =>
  request(gateway.app)
    .post('/api/ml-matching/search')
    .set('Authorization', `Bearer ${await tokenFor(randomUUID())}`)
    .send({ prompt: 'hiking' });

describe('garbage from upstream', () => {
  it.each([
    ['200 with text', { status: 200, body: 'not json', type: 'text/plain' }],
    ['200 with the wrong JSON', { status: 200, body: '{"success":true,"matches":"nope"}', type: 'application/json' }],
    ['200 with an empty list but no other fields', { status: 200, body: '{"matches":[]}', type: 'application/json' }],
    ['500 with an HTML page', { status: 500, body: '<html>oops</html>', type: 'text/html' }],
    ['401 (a wrong internal key)', { status: 401, body: '{}', type: 'application/json' }],
  ])('when upstream answers %s, then 502 UPSTREAM_BAD_RESPONSE', async (_label, answer) => {
    reply = answer;
    const res = await send();
    expect(res.status).toBe(502);
    expect(errorBodySchema.parse(res.body)).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});

describe('overload does not open the circuit', () => {
  /** A gateway of its own (a closed circuit), in front of the same fault injector. */
  async function freshGateway(): Promise<{ gateway: TestGateway; send: () => Promise<request.Response> }> {
    const fresh = await gatewayApp({ matchingUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const token = await tokenFor(randomUUID());
    return {
      gateway: fresh,
      send: () =>
        request(fresh.app)
          .post('/api/ml-matching/search')
          .set('Authorization', `Bearer ${token}`)
          .send({ prompt: 'hiking' }),
    };
  }

  it('when matching answers 503 "busy" in the error shape, then each request gets 503 and the circuit stays closed', async () => {
    reply = {
      status: 503,
      body: JSON.stringify({
        success: false,
        error: 'The database is busy; try again shortly',
        code: 'SERVICE_UNAVAILABLE',
        request_id: 'x',
      }),
      type: 'application/json',
    };
    const { gateway: fresh, send: sendFresh } = await freshGateway();
    try {
      for (let i = 0; i < 20; i++) {
        const res = await sendFresh();
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('1');
      }
      expect(fresh.matching.circuitOpen).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('when matching answers 429, then the circuit stays closed too', async () => {
    reply = { status: 429, body: '{}', type: 'application/json' };
    const { gateway: fresh, send: sendFresh } = await freshGateway();
    try {
      for (let i = 0; i < 20; i++) expect((await sendFresh()).status).toBe(503);
      expect(fresh.matching.circuitOpen).toBe(false);
    } finally {
      fresh.close();
    }
  });

  it('when matching says its database is down, then failures count and the circuit opens', async () => {
    reply = {
      status: 503,
      body: JSON.stringify({
        success: false,
        error: 'The database is unavailable',
        code: 'DATABASE_UNAVAILABLE',
        request_id: 'x',
      }),
      type: 'application/json',
    };
    const { gateway: fresh, send: sendFresh } = await freshGateway();
    try {
      for (let i = 0; i < 20 && !fresh.matching.circuitOpen; i++) expect((await sendFresh()).status).toBe(503);
      expect(fresh.matching.circuitOpen).toBe(true);
    } finally {
      fresh.close();
    }
  });
});
