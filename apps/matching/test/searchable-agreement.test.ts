import { matchResponseSchema } from '@circle-match/contracts';
import { activeWithinSql, SEARCHABLE_SQL } from '@circle-match/db';
import {
  createTestDatabase,
  insertProfiles,
  profile,
  type ProfileFixture,
  type TestDatabase,
} from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * "Searchable member" is written twice, in two languages: SQL (SEARCHABLE_SQL, activeWithinSql in packages/db: the
 * index's load, its change reloads and the per-answer re-check) and TypeScript (the index's activity test in its
 * pool walk). On every combination of Circle's flags and activities around the cut-off, the members the index offers
 * (total_candidates, before any re-check) are exactly those the SQL selects.
 */
const INACTIVE_DAYS = 45;
const DAY_MS = 86_400_000;
let db: TestDatabase;
let service: TestApp;
const requester = profile({ interests: ['chess'] });
const members: ProfileFixture[] = [];
for (const is_suspended of [false, true])
  for (const deleted_at of [null, new Date(Date.now() - DAY_MS)])
    for (const is_deleted of [false, true, null])
      for (const invisible_mode of [false, true])
        for (const last_active of [
          new Date(),
          new Date(Date.now() - (INACTIVE_DAYS - 0.1) * DAY_MS),
          new Date(Date.now() - (INACTIVE_DAYS + 0.1) * DAY_MS),
          null,
        ])
          members.push(profile({ is_suspended, deleted_at, is_deleted, invisible_mode, last_active }));

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, ...members]);
  service = await matchingApp(db.url, { inactiveDays: INACTIVE_DAYS });
});

afterAll(async () => {
  await service.close();
  await db.close();
});

it("when members hold every combination of Circle's flags and activity, then the index offers exactly those the SQL filter selects", async () => {
  const { rows } = await (
    await db.client()
  ).query<{ id: string }>(
    `SELECT p.id FROM profiles p WHERE ${SEARCHABLE_SQL} AND ${activeWithinSql('$1')} AND p.id <> $2`,
    [INACTIVE_DAYS, requester.id],
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(members.length / 4);

  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: requester.id, limit: 100 });
  const body = matchResponseSchema.parse(res.body);
  expect(body.total_candidates).toBe(rows.length);
  expect(body.matches.map((m) => m.id).sort()).toEqual(rows.map((r) => r.id).sort());
});
