import { randomUUID } from 'node:crypto';
import { errorBodySchema } from '@circle-match/contracts';
import request from 'supertest';
import { DEAD_URL, gatewayApp, tokenFor, type TestGateway } from './support.js';

/** Bad input is refused by the gateway itself with a docs/api.md body, before anything is forwarded. */
let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  gateway = await gatewayApp({ matchingUrl: DEAD_URL });
  token = await tokenFor(randomUUID());
});
afterAll(() => gateway.close());

const post = (path: string, body: unknown, auth = token) =>
  request(gateway.app)
    .post(path)
    .set('Authorization', `Bearer ${auth}`)
    .send(body as object);

function expectError(res: request.Response, status: number, code: string): ReturnType<typeof errorBodySchema.parse> {
  expect(res.status).toBe(status);
  const body = errorBodySchema.parse(res.body);
  expect(body.code).toBe(code);
  expect(body.request_id).toBe(res.headers['x-request-id']);
  return body;
}

describe('POST /api/ml-matching/prompt-search validation', () => {
  it.each<[string, unknown, string]>([
    ['no prompt', {}, 'prompt'],
    ['a blank prompt', { prompt: '   ' }, 'prompt'],
    ['a 501-character prompt', { prompt: 'x'.repeat(501) }, 'prompt'],
    ['a numeric prompt', { prompt: 42 }, 'prompt'],
    ['latitude without longitude', { prompt: 'x', latitude: 51 }, 'longitude'],
    ['latitude 91', { prompt: 'x', latitude: 91, longitude: 0 }, 'latitude'],
    ['max_distance 0', { prompt: 'x', max_distance: 0 }, 'max_distance'],
    ['reversed age_range', { prompt: 'x', age_range: [40, 20] }, 'age_range'],
    ['limit 51', { prompt: 'x', limit: 51 }, 'limit'],
  ])('when the body has %s, then 400 naming %s', async (_label, body, field) => {
    const error = expectError(await post('/api/ml-matching/prompt-search', body), 400, 'VALIDATION_ERROR');
    expect(error.details?.map((d) => d.field)).toContain(field);
  });
});

describe('POST /api/ml-matching/search validation', () => {
  it('when neither prompt nor preferences is given, then 400 naming prompt', async () => {
    const error = expectError(await post('/api/ml-matching/search', { limit: 5 }), 400, 'VALIDATION_ERROR');
    expect(error.error).toBe('Invalid request: prompt either prompt or preferences is required');
  });

  it('when preferences hold an unknown field, then 400', async () => {
    expectError(await post('/api/ml-matching/search', { preferences: { colour: 'blue' } }), 400, 'VALIDATION_ERROR');
  });

  it('when the JSON is malformed, then 400 INVALID_JSON', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/search')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"prompt": "hik');
    expectError(res, 400, 'INVALID_JSON');
  });

  it('when the body is not JSON, then 415', async () => {
    const res = await request(gateway.app)
      .post('/api/ml-matching/search')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('hiking');
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the body is over 32 KB, then 413', async () => {
    expectError(
      await post('/api/ml-matching/search', { prompt: 'x', pad: 'y'.repeat(33 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('when the route is unknown, then 404 JSON', async () => {
    expectError(await request(gateway.app).get('/api/ml-matching/nope'), 404, 'NOT_FOUND');
  });

  it('when /api/ml/match is asked of the gateway, then 404: the internal API is not public', async () => {
    expectError(await request(gateway.app).post('/api/ml/match').send({}), 404, 'NOT_FOUND');
  });
});

describe('rate limits', () => {
  it('when one member sends more than their limit, then 429 with Retry-After, and another member is unaffected', async () => {
    const tight = await gatewayApp({ matchingUrl: DEAD_URL, perUser: 5 });
    const send = (auth: string) =>
      request(tight.app).post('/api/ml-matching/search').set('Authorization', `Bearer ${auth}`).send({});
    try {
      const busy = await tokenFor(randomUUID());
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await send(busy)).status);
      expect(statuses).toEqual([400, 400, 400, 400, 400]);
      const limited = await send(busy);
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await send(await tokenFor(randomUUID()))).status).toBe(400);
    } finally {
      tight.close();
    }
  });

  it('when one address sends more than its limit, then 429 before any token check', async () => {
    const tight = await gatewayApp({ matchingUrl: DEAD_URL, perIp: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await request(tight.app).post('/api/ml-matching/search').send({})).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      tight.close();
    }
  });
});
