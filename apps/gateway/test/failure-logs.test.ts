import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger, createMetrics, createServiceApp } from '@circle-match/service-kit';
import { leaksIn, logSink, type LogSink } from '@circle-match/test-support';
import axios from 'axios';
import request from 'supertest';
import { API_KEY, DEAD_URL, gatewayApp, tokenFor, type TestGateway } from './support.js';

/**
 * Logs on every failure path of the gateway (docs/reliability.md): whatever goes wrong upstream, no line holds the internal
 * API key, the member's token, the prompt, the coordinates or the request body. An axios error carries all of them
 * (its config and request), so logging it whole was the leak these tests were written against.
 */
const PROMPT = 'secret-prompt-7f3a hikers near me';
const LATITUDE = 51.123457;
const LONGITUDE = -0.654321;
const member = randomUUID();

interface Upstream {
  url: string;
  server: Server;
  reply: (res: ServerResponse) => void;
}

/** A raw HTTP server standing in for a broken network peer (a fault injector, not a matching stand-in). */
async function faultyUpstream(reply: Upstream['reply']): Promise<Upstream> {
  const upstream = { reply } as Upstream;
  upstream.server = createServer((_req, res) => upstream.reply(res));
  await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
  return upstream;
}

async function searchThrough(gateway: TestGateway, token: string) {
  return request(gateway.app)
    .post('/api/ml-matching/search')
    .set('Authorization', `Bearer ${token}`)
    .send({ prompt: PROMPT, latitude: LATITUDE, longitude: LONGITUDE });
}

function expectNoLeaks(logs: LogSink, token: string): void {
  expect(logs.lines.length).toBeGreaterThan(0); // the failure was logged, just not its secrets
  expect(
    leaksIn(logs.text(), {
      apiKey: API_KEY,
      token,
      prompt: 'secret-prompt-7f3a',
      latitude: String(LATITUDE),
      longitude: String(LONGITUDE),
      body: '"prompt"',
    }),
  ).toEqual([]);
}

const upstreams: Upstream[] = [];
afterAll(async () => {
  await Promise.all(upstreams.map((u) => new Promise((resolve) => u.server.close(resolve))));
});

describe('gateway logs on failure paths', () => {
  it.each([
    ['matching is unreachable (503)', 503, () => Promise.resolve(DEAD_URL)],
    [
      'matching does not answer in time (504)',
      504,
      async () => (upstreams[upstreams.push(await faultyUpstream(() => undefined)) - 1] as Upstream).url,
    ],
    [
      'matching answers garbage (502)',
      502,
      async () =>
        (
          upstreams[
            upstreams.push(
              await faultyUpstream((res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('nope')),
            ) - 1
          ] as Upstream
        ).url,
    ],
    [
      'matching answers 500 with an HTML page (502)',
      502,
      async () =>
        (
          upstreams[
            upstreams.push(
              await faultyUpstream((res) => res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html>')),
            ) - 1
          ] as Upstream
        ).url,
    ],
  ])(
    'when %s, then the answer is an error in the documented shape and no log line holds the key, token, prompt or coordinates',
    async (_label, status, upstreamUrl) => {
      const logs = logSink();
      const gateway = await gatewayApp({
        matchingUrl: await upstreamUrl(),
        timeoutMs: 300,
        logger: createLogger('gateway', 'debug', logs.stream),
      });
      const token = await tokenFor(member);
      try {
        const res = await searchThrough(gateway, token);
        expect(res.status).toBe(status);
        expectNoLeaks(logs, token);
      } finally {
        gateway.close();
      }
    },
  );

  it('when the circuit opens after repeated failures, then its trials log nothing secret either', async () => {
    const logs = logSink();
    const gateway = await gatewayApp({ matchingUrl: DEAD_URL, logger: createLogger('gateway', 'debug', logs.stream) });
    const token = await tokenFor(member);
    try {
      for (let i = 0; i < 12; i++) expect((await searchThrough(gateway, token)).status).toBe(503);
      expect(gateway.matching.circuitOpen).toBe(true);
      expectNoLeaks(logs, token);
    } finally {
      gateway.close();
    }
  });

  it('when a handler crashes with an HTTP client error, then 500 INTERNAL_ERROR and the log holds none of its request', async () => {
    const logs = logSink();
    const logger = createLogger('gateway', 'debug', logs.stream);
    const app = createServiceApp({ logger, metrics: createMetrics('gateway') }, (routes) => {
      routes.post('/crash', async () => {
        // A real axios error, carrying its request's headers and body as every HTTP client error does.
        await axios.post(
          DEAD_URL,
          { prompt: PROMPT, latitude: LATITUDE, longitude: LONGITUDE },
          { headers: { 'X-API-Key': API_KEY } },
        );
      });
    });
    const res = await request(app).post('/crash').send({});
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ success: false, code: 'INTERNAL_ERROR' });
    expect(logs.text()).toContain('ECONNREFUSED'); // what went wrong is still there
    expectNoLeaks(logs, 'no-token-in-this-test');
  });

  it('when an error escapes every handler (an unhandled rejection), then the process logs it without its request and exits 1', () => {
    const serviceKit = fileURLToPath(new URL('../../../packages/service-kit/dist/index.js', import.meta.url));
    const script = `
      import axios from 'axios';
      import { createLogger, logCrashes } from ${JSON.stringify(serviceKit)};
      logCrashes(createLogger('gateway', 'info'));
      axios.post(${JSON.stringify(DEAD_URL)}, { prompt: ${JSON.stringify(PROMPT)}, latitude: ${LATITUDE} }, { headers: { 'X-API-Key': ${JSON.stringify(API_KEY)} } });
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status).toBe(1);
    const output = child.stdout + child.stderr;
    expect(output).toContain('unhandled rejection');
    expect(
      leaksIn(output, { apiKey: API_KEY, prompt: 'secret-prompt-7f3a', latitude: String(LATITUDE), body: '"prompt"' }),
    ).toEqual([]);
  });
});
