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
  request(gateway.app).post('/api/ml-matching/search').set('Authorization', `Bearer ${await tokenFor(randomUUID())}`).send({ prompt: 'hiking' });

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
