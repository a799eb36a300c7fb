import { matchResponseSchema } from '@circle-match/contracts';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * Open vocabulary (docs/semantics.md), learned associations: words the lexicon and WordNet do not know ("fortnite") are
 * understood through the concepts they go with across members' own profiles, learned when the index loads.
 */
const here = { latitude: 51.5074, longitude: -0.1278 };
const near = (i: number) => ({
  latitude: here.latitude + (i % 20) * 0.004,
  longitude: here.longitude + Math.floor(i / 20) * 0.004,
});
const fortniters = Array.from({ length: 30 }, (_, i) =>
  profile({ ...near(i), interests: ['video games', 'pizza'], about: 'Fortnite every night with my squad' }),
);
// A gamer who never writes the word: found only through what the others taught.
const quietGamer = profile({ ...near(40), interests: ['gaming'], about: 'Weekend player' }); // the only 'weekend'
const others = Array.from({ length: 200 }, (_, i) =>
  profile({ ...near(i + 50), interests: ['cooking'], about: 'Dinner every night with friends' }),
);
const requester = profile({ ...here, interests: ['chess'], about: 'Chess on Sundays' });

let db: TestDatabase;
let service: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, quietGamer, ...fortniters, ...others]);
  service = await matchingApp(db.url);
});

afterAll(async () => {
  await service.close();
  await db.close();
});

describe('learned vocabulary', () => {
  it('when the index loads, then it learns what a word goes with, and nothing from words everyone uses', () => {
    const index = service.service.maintainer.index!;
    expect(index.associationsOf('fortnit')).toEqual([{ concept: 'video games', members: 30 }]);
    expect(index.associationsOf('night')).toEqual([]); // in most profiles: says nothing
    expect(index.associationsOf('squad')).toEqual([{ concept: 'video games', members: 30 }]);
  });

  it('when a word is in most profiles and goes with nothing, then it is generic; a word of one kind of member or a rare word is not', () => {
    const index = service.service.maintainer.index!;
    expect(index.isGenericWord('night')).toBe(true);
    expect(index.isGenericWord('fortnit')).toBe(false);
    expect(index.isGenericWord('weekend')).toBe(false); // one member: nothing to judge by
    expect(index.isGenericWord('unheard')).toBe(false);
  });

  it('when a prompt adds a generic word to a specific one, then the generic word selects nobody', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'fortnite at night', limit: 100 });
    const matches = matchResponseSchema.parse(res.body).matches;
    expect(
      matches
        .filter((m) => m.explanation.matches_request)
        .map((m) => m.id)
        .sort(),
    ).toEqual(fortniters.map((p) => p.id).sort());
  });

  it('when a member asks for a word profiles explain, then those who write it answer, and members with the learned concept come next, with the reason', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'fortnite', limit: 100 });
    expect(res.status).toBe(200);
    const matches = matchResponseSchema.parse(res.body).matches;
    const answering = matches.filter((m) => m.explanation.matches_request).map((m) => m.id);
    expect(answering.sort()).toEqual(fortniters.map((p) => p.id).sort());
    // An association ranks but does not answer: the quiet gamer leads everyone who is not a fortniter.
    expect(matches[30]!.id).toBe(quietGamer.id);
    const quiet = matches[30]!;
    expect(quiet.explanation.factors.prompt.points).toBeGreaterThan(0);
    expect(quiet.explanation.reasons).toContain(
      "Matches your search for fortnite (video games, learned from 30 members' profiles)",
    );
  });
});
