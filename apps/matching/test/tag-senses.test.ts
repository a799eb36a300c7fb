import { matchResponseSchema, type Match } from '@circle-match/contracts';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * Tag senses (docs/semantics.md "Open vocabulary"): the lexicon files "backpacking" under hiking, but the members of
 * this community who write it are budget travellers — they tag travel too and show no other sign of hiking. The
 * index learns that when it loads, and reads their tag, the requester's and the request's word in that sense.
 */
const here = { latitude: 51.5074, longitude: -0.1278 };
const near = (i: number) => ({
  latitude: here.latitude + (i % 20) * 0.004,
  longitude: here.longitude + Math.floor(i / 20) * 0.004,
});
const backpackers = Array.from({ length: 30 }, (_, i) =>
  profile({ ...near(i), interests: ['backpacking', 'travel'], about: 'Wanderlust: hostels and night buses' }),
);
const hikers = Array.from({ length: 30 }, (_, i) =>
  profile({ ...near(i + 30), interests: ['hiking', 'hillwalking'], about: 'Summits at the weekend' }),
);
const cooks = Array.from({ length: 200 }, (_, i) =>
  profile({ ...near(i + 60), interests: ['cooking'], about: 'Dinner with friends' }),
);
const requester = profile({ ...here, interests: ['chess'], about: 'Chess on Sundays' });

let db: TestDatabase;
let service: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, ...backpackers, ...hikers, ...cooks]);
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

async function search(body: Record<string, unknown>): Promise<Match[]> {
  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: requester.id, limit: 100, ...body });
  expect(res.status).toBe(200);
  return matchResponseSchema.parse(res.body).matches;
}

const ids = (profiles: ReadonlyArray<{ id: string }>): string[] => profiles.map((p) => p.id).sort();
const answering = (matches: Match[]): string[] => ids(matches.filter((m) => m.explanation.matches_request));

describe('tag senses', () => {
  it('when a tag’s members show another concept and none of its own, then the index reads it in theirs, and only that tag', () => {
    const senses = service.service.maintainer.index!.senses;
    expect(senses.all).toEqual([{ key: 'backpack', concepts: ['travel'], loose: ['hiking'], members: 30 }]);
  });

  it('when a member searches for hiking, then the hikers answer and the backpackers only rank next, above the rest', async () => {
    const matches = await search({ prompt: 'hiking' });
    expect(answering(matches)).toEqual(ids(hikers));
    expect(ids(matches.slice(30, 60))).toEqual(ids(backpackers));
    const backpacker = matches[30]!;
    expect(backpacker.explanation.factors.prompt.points).toBeGreaterThan(0);
    expect(backpacker.explanation.factors.prompt.points).toBeLessThan(matches[0]!.explanation.factors.prompt.points);
  });

  it('when a member searches for backpacking, then the travellers answer, with the sense and where it was learned', async () => {
    const matches = await search({ prompt: 'backpacking' });
    expect(answering(matches)).toEqual(ids(backpackers));
    // The lexicon's sense still counts a little in the prompt factor: hikers rank next.
    expect(ids(matches.slice(30, 60))).toEqual(ids(hikers));
    const asPreference = await search({ preferences: { interests: ['backpacking'] } });
    expect(answering(asPreference)).toEqual(ids(backpackers));
    expect(matches[0]!.explanation.reasons).toContain(
      "Answers your search: backpacking (travel, learned from 30 members' profiles)",
    );
  });

  it('when a member who tags backpacking joins after the load, then their tag is read in the same sense', async () => {
    const newcomer = profile({ ...near(300), interests: ['backpacking'], about: 'New in town' });
    await insertProfiles(db.url, [newcomer]);
    await service.service.maintainer.catchUp();
    const matches = await search({ prompt: 'travel' });
    expect(answering(matches)).toEqual(ids([...backpackers, newcomer]));
    const hiking = await search({ prompt: 'hiking' });
    expect(answering(hiking)).not.toContain(newcomer.id);
  });
});
