import { matchResponseSchema } from '@circle-match/contracts';
import {
  createTestDatabase,
  insertProfiles,
  profile,
  testDatabaseSchema,
  type TestDatabase,
} from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, PERFECT_FIT, type TestApp } from './support.js';

/**
 * docs/semantics.md eligibility: a perfect-looking candidate that breaks one hard filter is never returned. Every trap
 * below shares the requester's interests, needs, bio, age and place: only the filter keeps it out.
 */
const DAY = 86_400_000;
const perfect = PERFECT_FIT;
const requester = profile({ ...perfect, first_name: 'Requester' });
const eligible = profile({ ...perfect, first_name: 'Eligible' });
const neverActive = profile({ ...perfect, first_name: 'NeverActive', last_active: null });
const traps = {
  suspended: profile({ ...perfect, is_suspended: true }),
  deleted: profile({ ...perfect, deleted_at: new Date(Date.now() - DAY) }),
  inactive: profile({ ...perfect, last_active: new Date(Date.now() - 46 * DAY) }),
  tooYoung: profile({ ...perfect, age: 24 }),
  tooOld: profile({ ...perfect, age: 41 }),
  // docs/operations.md's first table allows a member without an age; Circle's own (age NOT NULL) cannot hold one.
  ...(testDatabaseSchema() === 'ours' ? { noAge: profile({ ...perfect, age: null }) } : {}),
  male: profile({ ...perfect, gender: 'male' }),
  noGender: profile({ ...perfect, gender: null }),
  tooFar: profile({ ...perfect, latitude: 51.5074 + 0.5 }), // ~55 km north
  noCoordinates: profile({ ...perfect, latitude: null, longitude: null }),
  excluded: profile({ ...perfect }),
};
const outsideCandidateList = profile({ ...perfect, first_name: 'NotListed' });

let db: TestDatabase;
let service: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, eligible, neverActive, outsideCandidateList, ...Object.values(traps)]);
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

async function ids(body: object): Promise<string[]> {
  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ limit: 100, ...body });
  expect(res.status).toBe(200);
  return matchResponseSchema.parse(res.body).matches.map((m) => m.id);
}

const filtered = {
  user_id: requester.id,
  preferences: { age_range: [25, 40], gender_preference: 'female', max_distance: 50 },
  exclude_user_ids: [traps.excluded.id],
};

describe('hard filters', () => {
  it('when every filter applies, then only the eligible candidates are returned', async () => {
    const found = await ids(filtered);
    expect(found.sort()).toEqual([eligible.id, neverActive.id, outsideCandidateList.id].sort());
  });

  it.each(Object.entries(traps))('when a perfect candidate is %s, then it is never returned', async (_name, trap) => {
    expect(await ids(filtered)).not.toContain(trap.id);
    expect(await ids({ ...filtered, prompt: 'hiking photography friends' })).not.toContain(trap.id);
  });

  it('when the requester searches, then they never find themselves', async () => {
    expect(await ids({ user_id: requester.id })).not.toContain(requester.id);
  });

  it('when last_active is NULL, then the member counts as active', async () => {
    expect(await ids({ user_id: requester.id })).toContain(neverActive.id);
  });

  it('when candidate_ids is given, then only those candidates are considered', async () => {
    expect(await ids({ ...filtered, candidate_ids: [eligible.id, traps.male.id] })).toEqual([eligible.id]);
  });

  it('when no filters are given, then suspended, deleted and inactive members are still excluded', async () => {
    const found = await ids({ user_id: requester.id });
    for (const trap of [traps.suspended, traps.deleted, traps.inactive]) expect(found).not.toContain(trap.id);
    // Within the default 50 km, members without coordinates cannot be placed and are left out.
    expect(found).not.toContain(traps.noCoordinates.id);
    expect(found).toContain(traps.male.id);
  });

  it('when the prompt asks for women 25-40 within 50 km, then the prompt filters like the fields', async () => {
    const found = await ids({
      user_id: requester.id,
      prompt: 'women aged 25-40 within 50 km',
      exclude_user_ids: [traps.excluded.id],
    });
    expect(found.sort()).toEqual([eligible.id, neverActive.id, outsideCandidateList.id].sort());
  });

  it('when the prompt and the fields both limit age, then the intersection applies', async () => {
    const older = profile({ ...perfect, age: 38 });
    await insertProfiles(db.url, [older]);
    await service.catchUp(); // the index sees a new member through the change feed
    expect(await ids({ user_id: requester.id, prompt: 'in their 30s', preferences: { age_range: [35, 60] } })).toEqual([
      older.id,
    ]);
  });

  it('when prompt and fields contradict each other, then no matches and no error', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'looking for men', preferences: { gender_preference: 'female' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, matches: [], total_candidates: 0 });
  });

  it('when the request gives a location, then distances are from there, not the profile', async () => {
    const paris = profile({ ...perfect, latitude: 48.8566, longitude: 2.3522 });
    await insertProfiles(db.url, [paris]);
    await service.catchUp(); // the index sees a new member through the change feed
    expect(await ids({ user_id: requester.id, latitude: 48.86, longitude: 2.35 })).toEqual([paris.id]);
  });

  it('when the requester has no location anywhere, then distance does not filter', async () => {
    const nowhere = profile({ ...perfect, latitude: null, longitude: null });
    await insertProfiles(db.url, [nowhere]);
    await service.catchUp(); // the index sees a new member through the change feed
    const found = await ids({ user_id: nowhere.id });
    expect(found).toContain(traps.tooFar.id);
    expect(found).toContain(traps.noCoordinates.id);
  });
});
