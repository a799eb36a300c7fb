import { errorBodySchema } from '@circle-match/contracts';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import fc from 'fast-check';
import request from 'supertest';
import { API_KEY, gatewayApp, startMatching, tokenFor, type RunningMatching, type TestGateway } from './support.js';

/**
 * Generated hostile bodies against both public routes and the internal route, through the real services on a real
 * database. Invariant: a 200, or a 4xx in the docs/api.md shape; never a 5xx, never a hang; the services stay healthy.
 */
let db: TestDatabase;
let matching: RunningMatching;
let gateway: TestGateway;
const member = profile({ interests: ['hiking'] });

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [member, profile({ interests: ['hiking'] }), profile({ interests: ['chess'] })]);
  matching = await startMatching(db.url, { poolSize: 100 });
  gateway = await gatewayApp({ matchingUrl: matching.url });
});

afterAll(async () => {
  gateway.close();
  await matching.close();
  await db.close();
});

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 600 }),
  fc.constantFrom(
    "'; DROP TABLE profiles; --",
    '\u0000',
    '{"$ne":null}',
    '../../etc/passwd',
    '𝕙𝕚𝕜𝕚𝕟𝕘',
    ' '.repeat(501),
    'x'.repeat(501),
  ),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -1e308, 91, -181, 121, 17),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;
const field = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, hostileValue), { nil: undefined });
const body = fc.record(
  {
    user_id: field(fc.uuid()),
    prompt: field(fc.constantFrom('hiking near me', 'women 25-35 into art', '')),
    preferences: field(
      fc.record(
        {
          max_distance: field(fc.double({ min: 0.1, max: 100 })),
          age_range: field(fc.tuple(fc.integer({ min: 18, max: 60 }), fc.integer({ min: 18, max: 60 }))),
          interests: field(fc.array(hostileString, { maxLength: 40 })),
          gender_preference: field(hostileString),
        },
        { requiredKeys: [] },
      ),
    ),
    latitude: field(fc.double({ min: -90, max: 90 })),
    longitude: field(fc.double({ min: -180, max: 180 })),
    limit: field(fc.integer({ min: -5, max: 120 })),
    candidate_ids: field(fc.array(fc.uuid(), { maxLength: 3 })),
    exclude_user_ids: field(fc.array(hostileString, { maxLength: 3 })),
    single_best_match: field(fc.boolean()),
    max_distance: field(hostileNumber),
    age_range: field(fc.array(hostileNumber, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

function expectSafe(res: request.Response): void {
  expect([200, 400, 404, 413, 415, 429]).toContain(res.status);
  if (res.status !== 200) expect(errorBodySchema.safeParse(res.body).success).toBe(true);
}

describe('hostile input (property-based)', () => {
  it('when thousands of generated bodies hit the public routes, then every answer is 200 or a docs/api.md 4xx', async () => {
    const auth = `Bearer ${await tokenFor(member.id)}`;
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/api/ml-matching/search', '/api/ml-matching/prompt-search'),
        async (payload, path) => {
          expectSafe(
            await request(gateway.app)
              .post(path)
              .set('Authorization', auth)
              .send(JSON.stringify(payload))
              .set('Content-Type', 'application/json'),
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  it('when thousands of generated bodies hit the internal route, then every answer is 200 or a docs/api.md 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const withUser = payload.user_id === undefined ? { ...payload, user_id: member.id } : payload;
        expectSafe(
          await request(matching.app)
            .post('/api/ml/match')
            .set('X-API-Key', API_KEY)
            .send(JSON.stringify(withUser))
            .set('Content-Type', 'application/json'),
        );
      }),
      { numRuns: 600 },
    );
  });

  it('when raw garbage, wrong types or huge arrays are sent, then 4xx JSON', async () => {
    const auth = `Bearer ${await tokenFor(member.id)}`;
    for (const raw of [
      '',
      '{',
      '[]',
      'null',
      '"text"',
      '123',
      '{"prompt":',
      '\u0000\u0001',
      '{"__proto__":{"polluted":true},"prompt":"x"}',
    ]) {
      expectSafe(
        await request(gateway.app)
          .post('/api/ml-matching/search')
          .set('Authorization', auth)
          .set('Content-Type', 'application/json')
          .send(raw),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const huge = { user_id: member.id, candidate_ids: Array.from({ length: 10_000 }, () => member.id) };
    expectSafe(await request(matching.app).post('/api/ml/match').set('X-API-Key', API_KEY).send(huge));
    expectSafe(
      await request(gateway.app)
        .post('/api/ml-matching/search')
        .set('Authorization', auth)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('prompt=hiking'),
    );
  });

  it('when all that is over, then both services are still healthy', async () => {
    expect((await request(matching.app).get('/health')).status).toBe(200);
    expect((await request(gateway.app).get('/api/ml-matching/health')).status).toBe(200);
  });
});
