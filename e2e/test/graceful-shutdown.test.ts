import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mintDevToken } from '@circle-match/dev-token';
import { startService, stopService, waitUntilHealthy, type RunningService } from '@circle-match/local-stack';
import { createTestDatabase, freePort, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import { API_KEY, JWT_SECRET } from './stack.js';

/**
 * SIGTERM under load (docs/reliability.md): the service stops accepting connections, finishes what is in flight, closes its
 * pool and exits 0 within 10 s. The built services run as real processes on a real database.
 */
let db: TestDatabase;
const requester = profile({ interests: ['hiking'] });
const others = Array.from({ length: 30 }, (_, i) =>
  profile({ interests: i % 2 ? ['hiking'] : ['chess'], latitude: 51.5 + i * 0.002 }),
);

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, ...others]);
}, 60_000);

afterAll(async () => {
  await db.close();
});

/** A built service with the tests' key, its output collected. */
function start(name: 'matching' | 'gateway', env: Record<string, string>): RunningService & { output: string[] } {
  const output: string[] = [];
  const service = startService(
    name,
    { PATH: process.env.PATH, LOG_LEVEL: 'info', INTERNAL_API_KEY: API_KEY, ...env },
    { logs: output },
  );
  return { ...service, output };
}

const healthy = (url: string): Promise<void> => waitUntilHealthy(url, { timeoutMs: 10_000 });

interface Sent {
  /** Resolves once the whole request is on the wire. */
  sent: Promise<void>;
  /** The status, or the socket error. */
  answer: Promise<number | string>;
}

/** One POST on its own connection (no keep-alive), the body written at once. */
function post(url: string, headers: Record<string, string>, body: string): Sent {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<number | string>((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('finish', markSent);
    req.on('error', (e: NodeJS.ErrnoException) => {
      markSent();
      resolve(`error: ${e.code ?? e.message}`);
    });
    req.end(body);
  });
  return { sent, answer };
}

/** Fires `count` requests at once, sends SIGTERM while they are in flight, and reports what happened. */
async function sigtermDuringLoad(child: ChildProcess, send: () => Sent, count: number) {
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  let signalledAt = Number.POSITIVE_INFINITY;
  let answeredAfterSignal = 0;
  const requests = Array.from({ length: count }, () => send());
  const inFlight = requests.map((r) =>
    r.answer.then((result) => {
      if (Date.now() > signalledAt) answeredAfterSignal++;
      return result;
    }),
  );
  // Every request is on the wire before the signal, so each one is in flight from the client's point of view.
  await Promise.all(requests.map((r) => r.sent));
  const signalled = Date.now();
  signalledAt = signalled;
  child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  const exit = await exited;
  return { statuses, code: exit.code, exitMs: exit.at - signalled, answeredAfterSignal };
}

describe('graceful shutdown', () => {
  it('when matching gets SIGTERM with requests in flight, then they all succeed and it exits 0 within 10 s', async () => {
    const port = await freePort();
    const { child, output } = start('matching', {
      DATABASE_URL: db.url,
      MATCHING_PORT: String(port),
      MATCHING_HOST: '127.0.0.1',
    });
    await healthy(`http://127.0.0.1:${port}/readyz`);
    const body = JSON.stringify({ user_id: requester.id, prompt: 'hiking near me' });
    const { statuses, code, exitMs, answeredAfterSignal } = await sigtermDuringLoad(
      child,
      () => post(`http://127.0.0.1:${port}/api/ml/match`, { 'X-API-Key': API_KEY }, body),
      40,
    );
    expect(statuses).toEqual(Array(40).fill(200));
    expect(answeredAfterSignal).toBeGreaterThan(0); // the signal really came with requests in flight
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    expect(output.join('')).toContain('shut down cleanly');
  });

  it('when the gateway gets SIGTERM with requests in flight, then they all succeed and it exits 0 within 10 s', async () => {
    const matchingPort = await freePort();
    const matching = start('matching', {
      DATABASE_URL: db.url,
      MATCHING_PORT: String(matchingPort),
      MATCHING_HOST: '127.0.0.1',
    });
    const gatewayPort = await freePort();
    const gateway = start('gateway', {
      JWT_SECRET,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_HOST: '127.0.0.1',
      ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`,
      RATE_LIMIT_PER_IP: '1000',
      RATE_LIMIT_PER_USER: '1000',
      MAX_IN_FLIGHT_PER_USER: '100', // 40 searches of one member at once: the test is about shutdown, not this limit
    });
    try {
      await healthy(`http://127.0.0.1:${matchingPort}/readyz`);
      await healthy(`http://127.0.0.1:${gatewayPort}/api/ml-matching/health`);
      const token = await mintDevToken(requester.id, JWT_SECRET);
      const { statuses, code, exitMs, answeredAfterSignal } = await sigtermDuringLoad(
        gateway.child,
        () =>
          post(
            `http://127.0.0.1:${gatewayPort}/api/ml-matching/prompt-search`,
            { Authorization: `Bearer ${token}` },
            JSON.stringify({ prompt: 'hiking' }),
          ),
        40,
      );
      expect(statuses).toEqual(Array(40).fill(200));
      expect(answeredAfterSignal).toBeGreaterThan(0); // the signal really came with requests in flight
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(10_000);
      expect(gateway.output.join('')).toContain('shut down cleanly');
    } finally {
      await stopService(matching);
    }
  });

  it('when the gateway gets SIGTERM, then its /readyz answers 503 at once while /livez still answers, before it stops listening', async () => {
    const port = await freePort();
    const gateway = start('gateway', {
      JWT_SECRET,
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      ML_SERVICE_URL: 'http://127.0.0.1:9',
    });
    const exited = new Promise((r) => gateway.child.once('exit', r));
    await healthy(`http://127.0.0.1:${port}/readyz`);
    gateway.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100)); // the signal is handled; the drain window (500 ms) is still open
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ accepting: false });
    expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
    await exited;
  });
});
