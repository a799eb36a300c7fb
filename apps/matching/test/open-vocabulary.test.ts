import { matchResponseSchema } from '@circle-match/contracts';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { WordNetSynonyms } from '../src/data-access/wordnet-synonyms.js';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * Open vocabulary (docs/semantics.md), general synonyms: a topic word the built-in lexicon does not know is matched through
 * WordNet 3.1's synonyms of its most frequent sense, in the pool and in the score.
 */
describe('WordNet synonyms', () => {
  const wordnet = new WordNetSynonyms();
  afterAll(() => wordnet.close());

  it.each([
    ['sneakers', ['gym shoe', 'tennis shoe']],
    ['photographs', ['photo', 'exposure', 'picture', 'pic']],
    ['gym', ['gymnasium']],
  ])('when asked for "%s", then it gives the other words of its most frequent sense', (word, expected) => {
    expect(wordnet.synonymsOf(word)).toEqual(expected);
  });

  it('when a word has rarer senses, then they are left out ("sneaker" is also a snitch)', () => {
    expect(wordnet.synonymsOf('sneaker')).not.toContain('snitch');
  });

  it('when a word is not in WordNet or is not a word, then there are no synonyms', () => {
    expect(wordnet.synonymsOf('fortnite')).toEqual([]);
    expect(wordnet.synonymsOf("'; DROP TABLE profiles; --")).toEqual([]);
    expect(wordnet.synonymsOf('')).toEqual([]);
  });
});

describe('matching with synonyms', () => {
  let db: TestDatabase;
  let service: TestApp;
  const here = { latitude: 51.5074, longitude: -0.1278 };
  const requester = profile({ ...here, interests: ['chess'], about: 'Chess on Sundays' });
  const collector = profile({ ...here, latitude: 51.6, interests: ['tennis shoes', 'jazz'], about: 'Collector' });
  const bioOnly = profile({
    ...here,
    latitude: 51.62,
    interests: ['cooking'],
    about: 'I queue for every new gym shoe release',
  });
  const lookalike = profile({ ...here, interests: ['chess'], about: 'Chess on Sundays' });

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertProfiles(db.url, [requester, collector, bioOnly, lookalike]);
    service = await matchingApp(db.url);
  });

  afterAll(async () => {
    await service.close();
    await db.close();
  });

  it('when the prompt names a word the lexicon does not know, then members who use its synonyms answer it and come first', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'sneakers' });
    expect(res.status).toBe(200);
    const matches = matchResponseSchema.parse(res.body).matches;
    expect(matches.map((m) => m.id)).toEqual([collector.id, bioOnly.id, lookalike.id]);
    expect(matches.map((m) => m.explanation.matches_request)).toEqual([true, true, false]);
    expect(matches[0]!.explanation.factors.prompt.similarity).toBeGreaterThan(0);
    expect(matches[0]!.explanation.reasons[0]).toBe('Answers your search: sneakers');
  });

  it('when preferences.interests name such a word, then its synonyms count the same way', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, preferences: { interests: ['sneakers'] } });
    expect(res.status).toBe(200);
    const matches = matchResponseSchema.parse(res.body).matches;
    expect(matches.map((m) => m.id)).toEqual([collector.id, bioOnly.id, lookalike.id]);
    expect(matches.map((m) => m.explanation.matches_request)).toEqual([true, true, false]);
  });
});
