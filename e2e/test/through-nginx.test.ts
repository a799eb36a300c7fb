import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  errorBodySchema,
  promptSearchResponseSchema,
  publicHealthSchema,
  serviceHealthSchema,
} from '@circle-match/contracts';
import { mintDevToken } from '@circle-match/dev-token';
import { insertProfiles, profile } from '@circle-match/test-support';
import { API_KEY, e2eAvailable, JWT_SECRET, REPO, startStack, type Stack } from './stack.js';

const requester = profile({ age: 30, interests: ['hiking'], about: 'Weekend hiker' });
const hikers = Array.from({ length: 5 }, (_, i) =>
  profile({ age: 28 + i, interests: ['Trekking', 'photography'], latitude: 51.51 + i * 0.01 }),
);
const others = Array.from({ length: 5 }, (_, i) =>
  profile({ age: 30, interests: ['chess'], latitude: 51.5 - i * 0.01 }),
);

/** The metric names the dashboard's PromQL reads (functions, label names and label values left out). */
function dashboardMetrics(): string[] {
  const dashboard = JSON.parse(readFileSync(join(REPO, 'monitoring/grafana/dashboards/circle-match.json'), 'utf8')) as {
    panels: Array<{ targets: Array<{ expr: string }> }>;
  };
  const promql = new Set(['sum', 'max', 'min', 'rate', 'histogram_quantile', 'by']);
  const names = dashboard.panels.flatMap((p) =>
    p.targets.flatMap((t) =>
      [
        ...t.expr
          .replace(/\{[^}]*\}/g, '')
          .replace(/\[[^\]]*\]/g, '')
          .replace(/by \([^)]*\)/g, '')
          .matchAll(/[a-z_][a-z0-9_]*/g),
      ].map((m) => m[0]),
    ),
  );
  return [...new Set(names.filter((n) => !promql.has(n)))];
}

const run = e2eAvailable();
let stack: Stack;
let bearer: string;

(run ? describe : describe.skip)('through nginx → gateway → matching → PostgreSQL', () => {
  beforeAll(async () => {
    stack = await startStack((url) => insertProfiles(url, [requester, ...hikers, ...others]).then(() => undefined));
    bearer = `Bearer ${await mintDevToken(requester.id, JWT_SECRET)}`;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: bearer, ...headers },
      body: JSON.stringify(body),
    });

  async function expectJsonError(res: Response, status: number, code: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(errorBodySchema.parse(await res.json())).toMatchObject({ success: false, code });
  }

  it('when npm run smoke checks the deployment from outside, then every check passes; against nothing, it fails', () => {
    const smoke = (...args: string[]) =>
      spawnSync(process.execPath, [join(REPO, 'tools/local-stack/dist/smoke.js'), ...args], {
        env: { PATH: process.env.PATH, JWT_SECRET },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const good = smoke('--url', stack.url, '--user', requester.id);
    expect(good.stdout).toMatch(/^ok {3}search: 200, 5 matches$/m);
    expect(good.stdout).toMatch(/6\/6 checks passed/);
    expect(good.status).toBe(0);
    const dead = smoke('--url', 'http://127.0.0.1:9');
    expect(dead.stdout).toMatch(/^FAIL health: /m);
    expect(dead.status).toBe(1);
  });

  it('when a member prompt-searches through nginx, then explained matches come back without coordinates', async () => {
    const res = await post('/api/ml-matching/prompt-search', { prompt: 'hiking enthusiasts near me', limit: 5 });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = promptSearchResponseSchema.parse(JSON.parse(text));
    expect(body.count).toBe(5);
    expect(body.matches.map((m) => m.id).sort()).toEqual(hikers.map((h) => h.id).sort());
    expect(text).not.toMatch(/"latitude"|"longitude"/);
  });

  it('when the client sends X-Request-Id, then nginx, gateway and matching all carry it', async () => {
    const id = `e2e-${randomUUID()}`;
    const res = await post('/api/ml-matching/prompt-search', { prompt: 'hiking' }, { 'X-Request-Id': id });
    expect(res.headers.get('x-request-id')).toBe(id);
    await res.text();
    // Logs are written asynchronously: wait (bounded) until all three have the line.
    const logged = () =>
      stack.nginxLog().includes(id) &&
      stack.logs.gateway.join('').includes(id) &&
      stack.logs.matching.join('').includes(id);
    for (let i = 0; i < 40 && !logged(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stack.nginxLog()).toContain(id);
    expect(stack.logs.gateway.join('')).toContain(id);
    expect(stack.logs.matching.join('')).toContain(id);
  });

  it('when a large answer is asked with Accept-Encoding gzip, then nginx compresses the JSON', async () => {
    const res = await post(
      '/api/ml-matching/prompt-search',
      { prompt: 'anyone', limit: 10 },
      { 'Accept-Encoding': 'gzip' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('when health is asked through nginx, then both health routes answer', async () => {
    const matching = await fetch(`${stack.url}/api/ml/health`);
    expect(serviceHealthSchema.parse(await matching.json())).toMatchObject({
      status: 'healthy',
      database_connected: true,
    });
    const gateway = await fetch(`${stack.url}/api/ml-matching/health`);
    expect(gateway.status).toBe(200);
    expect(publicHealthSchema.parse(await gateway.json())).toMatchObject({ status: 'healthy' });
  });

  it('when an app developer reads the API description through nginx, then the OpenAPI document and its reader answer', async () => {
    const document = await fetch(`${stack.url}/openapi.json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ openapi: '3.1.0', paths: { '/api/ml-matching/search': {} } });
    const reader = await fetch(`${stack.url}/docs/`);
    expect(reader.status).toBe(200);
    expect(await reader.text()).toContain('swagger-ui');
  });

  it('when Prometheus scrapes the services, then every metric the Grafana dashboard charts is there', async () => {
    await post('/api/ml-matching/search', {}); // a 400: an error counted by code
    const names = new Set<string>();
    for (const url of [stack.internal.matching, ...stack.internal.gateways]) {
      const text = await (await fetch(`${url}/metrics`)).text();
      for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
        names.add(name!);
        if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
      }
    }
    const charted = dashboardMetrics();
    expect(charted.length).toBeGreaterThanOrEqual(10);
    expect(charted.filter((name) => !names.has(name))).toEqual([]);
  });

  it('when /api/ml/match or /metrics is called from outside, then 404 JSON even with the right API key', async () => {
    await expectJsonError(
      await post('/api/ml/match', { user_id: requester.id }, { 'X-API-Key': API_KEY }),
      404,
      'NOT_FOUND',
    );
    await expectJsonError(await fetch(`${stack.url}/metrics`), 404, 'NOT_FOUND');
    await expectJsonError(await fetch(`${stack.url}/api/ml/`), 404, 'NOT_FOUND');
  });

  it('when the body is over 32 KB, then nginx answers 413 JSON', async () => {
    await expectJsonError(
      await post('/api/ml-matching/search', { prompt: 'x', pad: 'y'.repeat(40 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('when one address floods, then nginx answers 429 JSON with Retry-After (20 r/s, burst 40)', async () => {
    await new Promise((r) => setTimeout(r, 2500)); // the earlier tests' requests drained from the bucket: a full burst
    const answers = await Promise.all(Array.from({ length: 150 }, () => fetch(`${stack.url}/api/ml/health`)));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(40);
    expect(limited.length + answers.filter((r) => r.status === 200).length).toBe(answers.length);
    expect(limited[0]?.headers.get('retry-after')).toBe('1');
    await expectJsonError(limited[0]!, 429, 'RATE_LIMITED');
    await Promise.all(answers.filter((r) => !r.bodyUsed && r.body).map((r) => r.body!.cancel()));
    await new Promise((r) => setTimeout(r, 2500)); // let the bucket refill for the next test
  });

  it('when the matching service is killed, then 503 JSON through nginx, never an empty 200', async () => {
    const exited = new Promise((resolve) => stack.matching.once('exit', resolve));
    stack.matching.kill('SIGKILL');
    await exited;
    const res = await post('/api/ml-matching/prompt-search', { prompt: 'hiking' });
    await expectJsonError(res, 503, 'SERVICE_UNAVAILABLE');
    const health = await fetch(`${stack.url}/api/ml-matching/health`);
    expect(health.status).toBe(503);
    await expectJsonError(await fetch(`${stack.url}/api/ml/health`), 503, 'SERVICE_UNAVAILABLE');
  });
});
