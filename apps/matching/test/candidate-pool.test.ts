import { matchResponseSchema } from '@circle-match/contracts';
import { seedProfiles } from '@circle-match/seed';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * docs/semantics.md pool rule at scale: 50,000 synthetic members elsewhere, and around the requester only 15 eligible
 * hikers, farther away than 300 eligible non-hikers. The pool (100 here) holds far fewer than the non-hikers, yet
 * a hiking prompt must return all 15 hikers first: topic matches are never pushed out by nearer profiles.
 */
const REYKJAVIK = { latitude: 64.1466, longitude: -21.9426 };
const near = (km: number, bearing: number) => ({
  latitude: REYKJAVIK.latitude + (km / 111.2) * Math.cos(bearing),
  longitude: REYKJAVIK.longitude + (km / (111.2 * Math.cos((REYKJAVIK.latitude * Math.PI) / 180))) * Math.sin(bearing),
});

let db: TestDatabase;
let service: TestApp;
const requester = profile({ ...REYKJAVIK, age: 30, interests: [], about: '' });
const hikers = Array.from({ length: 15 }, (_, i) =>
  profile({
    ...near(20 + i, i),
    age: 30,
    interests: [i % 2 ? 'Hiking' : 'trekking', 'cooking'],
    about: 'Glaciers and lava fields',
  }),
);
const nearerNonHikers = Array.from({ length: 300 }, (_, i) =>
  profile({ ...near(1 + (i % 15), i), age: 30, interests: ['chess', 'jazz'] }),
);
// Beyond the nearer non-hikers too: pooled only as topic matches, by bio or by a word outside the lexicon.
const bioOnlyHiker = profile({
  ...near(36, 3),
  age: 30,
  interests: ['chess'],
  about: 'Most weekends I go trekking in the highlands.',
});
const origamiFolder = profile({ ...near(37, 4), age: 30, interests: ['origami'], about: '' });
const ineligibleHikers = [
  profile({ ...near(5, 0), interests: ['hiking'], is_suspended: true }),
  profile({ ...near(5, 1), interests: ['hiking'], deleted_at: new Date() }),
  profile({ ...near(80, 2), interests: ['hiking'] }),
];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedProfiles(await db.client(), { count: 50_000, seed: 7 });
  await insertProfiles(db.url, [
    requester,
    ...hikers,
    ...nearerNonHikers,
    ...ineligibleHikers,
    bioOnlyHiker,
    origamiFolder,
  ]);
  service = await matchingApp(db.url, { poolSize: 100 });
}, 180_000);

afterAll(async () => {
  await service.close();
  await db.close();
});

describe('candidate pool', () => {
  it('when 50,000 members exist and 15 eligible hikers are in range, then a hiking prompt returns all 15 first', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'hiking enthusiasts', limit: 20 });
    expect(res.status).toBe(200);
    const body = matchResponseSchema.parse(res.body);
    expect(body.total_candidates).toBe(100);
    expect(
      body.matches
        .slice(0, 15)
        .map((m) => m.id)
        .sort(),
    ).toEqual(hikers.map((h) => h.id).sort());
    for (const m of body.matches.slice(0, 15)) expect(m.explanation.evidence.matched_prompt_terms).toEqual(['hiking']);
  });

  it('when the prompt has no topic, then the pool is the nearest eligible members', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'someone near me', limit: 100 });
    const body = matchResponseSchema.parse(res.body);
    expect(body.total_candidates).toBe(100);
    expect(Math.max(...body.matches.map((m) => m.distance_km ?? Infinity))).toBeLessThanOrEqual(16);
  });

  it('when preferences name an interest, then profiles with it are pooled first too', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, preferences: { interests: ['hill walking'] }, limit: 15 });
    const body = matchResponseSchema.parse(res.body);
    expect(body.matches.map((m) => m.id).sort()).toEqual(hikers.map((h) => h.id).sort());
  });

  const pooledIds = async (body: object): Promise<string[]> => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, limit: 100, ...body });
    expect(res.status).toBe(200);
    return matchResponseSchema.parse(res.body).matches.map((m) => m.id);
  };

  it('when a member mentions the topic only in their bio, then they are pooled as a topic match', async () => {
    expect(await pooledIds({ prompt: 'hiking enthusiasts' })).toContain(bioOnlyHiker.id);
  });

  it('when the prompt names a word outside the lexicon, then members who mention it are pooled first', async () => {
    const ids = await pooledIds({ prompt: 'origami' });
    expect(ids).toContain(origamiFolder.id);
    expect(ids).not.toContain(bioOnlyHiker.id);
  });

  it('when the prompt names a concept and a word outside the lexicon, then members of both are pooled', async () => {
    const ids = await pooledIds({ prompt: 'hiking or origami' });
    expect(ids).toEqual(expect.arrayContaining([...hikers.map((h) => h.id), bioOnlyHiker.id, origamiFolder.id]));
  });

  it('when candidate ids are given, then the topic matches among them come first', async () => {
    const ids = await pooledIds({
      prompt: 'hiking',
      candidate_ids: [...nearerNonHikers.slice(0, 150).map((p) => p.id), hikers[0]!.id, bioOnlyHiker.id],
    });
    expect(ids.length).toBe(100);
    expect(ids).toEqual(expect.arrayContaining([hikers[0]!.id, bioOnlyHiker.id]));
  });
});
