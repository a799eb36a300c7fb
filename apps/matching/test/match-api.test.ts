import { errorBodySchema, matchResponseSchema, serviceHealthSchema } from '@circle-match/contracts';
import { FACTORS } from '@circle-match/scoring';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, OLD_API_KEY, type TestApp } from './support.js';

let db: TestDatabase;
let service: TestApp;
const requester = profile({
  age: 31,
  about: 'Weekend hiker and amateur photographer',
  interests: ['hiking', 'photography'],
  needs: ['friendship'],
});
const hikers = [
  profile({
    first_name: 'Ana',
    last_name: 'Hill',
    interests: ['Trekking', 'Photos'],
    needs: ['new friends'],
    latitude: 51.52,
    longitude: -0.11,
  }),
  profile({
    first_name: 'Bo',
    last_name: '',
    interests: ['hill walking'],
    about: 'Out on the trails most weekends',
    latitude: 51.55,
    longitude: -0.2,
  }),
];
const suspended = profile({ interests: ['hiking'], is_suspended: true });
const deleted = profile({ interests: ['hiking'], deleted_at: new Date() });
const others = Array.from({ length: 8 }, (_, i) =>
  profile({
    interests: ['chess', 'jazz'],
    needs: ['networking'],
    latitude: 51.5 + i * 0.01,
    longitude: -0.12,
    age: 25 + i,
  }),
);

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, ...hikers, ...others, suspended, deleted]);
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

const match = (body: unknown, key: string | null = API_KEY) => {
  const req = request(service.app).post('/api/ml/match');
  return key === null ? req.send(body as object) : req.set('X-API-Key', key).send(body as object);
};

function expectError(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = errorBodySchema.parse(res.body);
  expect(body.code).toBe(code);
  expect(body.request_id).toBe(res.headers['x-request-id']);
}

describe('POST /api/ml/match: API key', () => {
  it('when the key is missing, then 401 INVALID_API_KEY', async () => {
    expectError(await match({ user_id: requester.id }, null), 401, 'INVALID_API_KEY');
  });

  it.each([
    ['a wrong key', 'wrong-key-0123456789abcdef'],
    ['an empty key', ''],
    ['a prefix of the key', API_KEY.slice(0, -1)],
    ['the key with a suffix', `${API_KEY}x`],
    ['two keys joined', `${API_KEY},${OLD_API_KEY}`],
  ])('when the key is %s, then 401', async (_label, key) => {
    expectError(await match({ user_id: requester.id }, key), 401, 'INVALID_API_KEY');
  });

  it('when the second (rotating) key is sent, then it is accepted', async () => {
    expect((await match({ user_id: requester.id }, OLD_API_KEY)).status).toBe(200);
  });
});

describe('POST /api/ml/match: bad input', () => {
  it('when user_id is not a uuid, then 400 naming user_id (not a database error)', async () => {
    const res = await match({ user_id: "1' OR '1'='1" });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(res.body.details).toEqual([{ field: 'user_id', message: 'must be a UUID' }]);
  });

  it('when several fields are wrong, then each is named', async () => {
    const res = await match({
      user_id: requester.id,
      limit: 0,
      latitude: 95,
      longitude: 0,
      preferences: { age_range: [40, 30] },
    });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(
      errorBodySchema
        .parse(res.body)
        .details?.map((d) => d.field)
        .sort(),
    ).toEqual(['latitude', 'limit', 'preferences.age_range']);
  });

  it('when the body is not JSON, then 400 INVALID_JSON', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .set('Content-Type', 'application/json')
      .send('{"user_id":');
    expectError(res, 400, 'INVALID_JSON');
  });

  it('when the content type is not JSON, then 415', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the body is over 32 KB, then 413', async () => {
    expectError(await match({ user_id: requester.id, prompt: 'x'.repeat(40_000) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('when the body is a JSON array or null, then 400', async () => {
    expectError(await match([requester.id]), 400, 'VALIDATION_ERROR');
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .set('Content-Type', 'application/json')
      .send('null');
    expectError(res, 400, 'INVALID_JSON');
  });

  it('when the requester has no profile, then 404 PROFILE_NOT_FOUND', async () => {
    expectError(await match({ user_id: '3f1c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f' }), 404, 'PROFILE_NOT_FOUND');
  });

  it("when the requester's profile is deleted, then 404 PROFILE_NOT_FOUND", async () => {
    expectError(await match({ user_id: deleted.id, prompt: 'hiking' }), 404, 'PROFILE_NOT_FOUND');
  });

  it('when the requester is suspended, then 403 ACCOUNT_SUSPENDED: a suspended member cannot search', async () => {
    const res = await match({ user_id: suspended.id, prompt: 'hiking' });
    expectError(res, 403, 'ACCOUNT_SUSPENDED');
    expect(res.body.matches).toBeUndefined();
  });

  it('when the route does not exist, then 404 JSON, not HTML', async () => {
    expectError(await request(service.app).get('/nope'), 404, 'NOT_FOUND');
  });
});

describe('POST /api/ml/match: matches', () => {
  it('when a member searches, then explained matches come back in the docs/api.md shape', async () => {
    const res = await match({ user_id: requester.id, prompt: 'Looking for hiking enthusiasts near me' });
    expect(res.status).toBe(200);
    const body = matchResponseSchema.parse(res.body);
    expect(body.request_id).toBe(res.headers['x-request-id']);
    expect(body.total_candidates).toBe(10);
    expect(
      body.matches
        .slice(0, 2)
        .map((m) => m.id)
        .sort(),
    ).toEqual(hikers.map((h) => h.id).sort());
    expect(body.matches.map((m) => m.id)).not.toContain(requester.id);
    const best = body.matches[0]!;
    expect(best.name).toBe(hikers[0]!.id === best.id ? 'Ana Hill' : 'Bo');
    for (const m of body.matches) {
      const points = FACTORS.reduce((s, f) => s + m.explanation.factors[f].points, 0);
      expect(Math.abs(points - m.match_score)).toBeLessThanOrEqual(0.01);
      expect(m.explanation.reasons.length).toBeGreaterThanOrEqual(1);
      expect(m.explanation.reasons.length).toBeLessThanOrEqual(4);
    }
    expect(body.matches.find((m) => m.id === hikers[0]!.id)?.explanation.evidence.shared_interests).toEqual([
      'Trekking',
      'Photos',
    ]);
  });

  it('when the same request is sent twice, then the order is identical', async () => {
    const body = { user_id: requester.id, preferences: { interests: ['jazz'] } };
    const first = matchResponseSchema.parse((await match(body)).body).matches.map((m) => m.id);
    const second = matchResponseSchema.parse((await match(body)).body).matches.map((m) => m.id);
    expect(second).toEqual(first);
    expect(first).toHaveLength(10);
  });

  it('when scores and distances tie, then the order is by id: twins that differ only in id come back sorted', async () => {
    const twin = {
      age: 33,
      interests: ['chess'],
      needs: ['networking'],
      about: 'Chess on Sundays',
      latitude: 51.531,
      longitude: -0.101,
    };
    const twins = [
      'ffffffff-0000-4000-8000-000000000003',
      '00000000-0000-4000-8000-000000000001',
      '7fffffff-0000-4000-8000-000000000002',
    ].map((id) => profile({ ...twin, id }));
    await insertProfiles(db.url, twins);
    await service.catchUp();
    const res = await match({ user_id: requester.id, candidate_ids: twins.map((t) => t.id) });
    const ms = matchResponseSchema.parse(res.body).matches;
    expect(ms).toHaveLength(3);
    expect(new Set(ms.map((m) => m.match_score)).size).toBe(1); // a real tie on score …
    expect(new Set(ms.map((m) => m.distance_km)).size).toBe(1); // … and on distance
    expect(ms.map((m) => m.id)).toEqual([...twins.map((t) => t.id)].sort());
  });

  it('when scores tie, then order is distance then id', async () => {
    const res = await match({ user_id: requester.id, limit: 100 });
    const ms = matchResponseSchema.parse(res.body).matches;
    for (let i = 1; i < ms.length; i++) {
      const [a, b] = [ms[i - 1]!, ms[i]!];
      expect(a.match_score).toBeGreaterThanOrEqual(b.match_score);
      if (a.match_score === b.match_score) {
        expect(a.distance_km!).toBeLessThanOrEqual(b.distance_km!);
        if (a.distance_km === b.distance_km) expect(a.id < b.id).toBe(true);
      }
    }
  });

  it('when single_best_match is set, then exactly one match returns', async () => {
    const res = await match({ user_id: requester.id, prompt: 'hiking', single_best_match: true });
    expect(res.body.matches).toHaveLength(1);
  });

  it('when limit is 3, then three matches return', async () => {
    expect((await match({ user_id: requester.id, limit: 3 })).body.matches).toHaveLength(3);
  });

  it('when the caller sends X-Request-Id, then it is echoed in the header and body', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .set('X-Request-Id', 'req-abc-123')
      .send({ user_id: requester.id });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.body.request_id).toBe('req-abc-123');
  });
});

describe('service endpoints', () => {
  it('when the database is up, then GET /health is 200 healthy', async () => {
    const res = await request(service.app).get('/health');
    expect(res.status).toBe(200);
    expect(serviceHealthSchema.parse(res.body)).toMatchObject({
      status: 'healthy',
      service: 'ml-matching',
      database_connected: true,
    });
  });

  it('when GET /, then the service names itself and its endpoints', async () => {
    const res = await request(service.app).get('/');
    expect(res.body).toMatchObject({ service: 'ml-matching', version: 'test' });
    expect(res.body.endpoints.match).toMatch(/POST \/api\/ml\/match/);
  });

  it('when GET /metrics, then Prometheus text with request timings', async () => {
    const res = await request(service.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{.*route="\/api\/ml\/match"/);
  });

  it('when unknown paths, wrong keys and odd methods are sent, then metrics label them "unmatched", never by their path', async () => {
    const junk = ['/nope-1a2b', '/API/ML/MATCH', '/api/ml/match/extra-9z', '/wp-login.php'];
    for (const path of junk) await request(service.app).get(path);
    await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', 'wrong-key-0123456789abc')
      .send({ user_id: requester.id });
    await request(service.app).options('/API/ml/Match');
    await request(service.app).post('/api/ml/match').set('X-API-Key', API_KEY).send({ user_id: requester.id });
    const text = (await request(service.app).get('/metrics')).text;
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    for (const path of junk) expect(routes).not.toContain(path);
    expect(
      [...routes].every((r) =>
        ['unmatched', '/api/ml/match', '/health', '/livez', '/readyz', '/', '/metrics'].includes(r!),
      ),
    ).toBe(true);
    expect(routes).toContain('unmatched');
    expect(routes).toContain('/api/ml/match');
  });

  it('when any response is sent, then security headers are set', async () => {
    const res = await request(service.app).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
