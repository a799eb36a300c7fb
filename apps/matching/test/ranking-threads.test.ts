import { matchResponseSchema } from '@circle-match/contracts';
import { resolveConstraints } from '@circle-match/scoring';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * The ranking threads as the service runs them (RANKING_THREADS=1): a thread that ends is replaced and sent the
 * index, requests meanwhile are answered (the service thread ranks), and a change reaches the new thread too.
 */
let db: TestDatabase;
let service: TestApp;
const requester = profile({ interests: ['hiking'] });
const hikers = Array.from({ length: 30 }, (_, i) =>
  profile({ interests: ['hiking'], latitude: 51.5 + i * 0.001, longitude: -0.12 }),
);

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, ...hikers]);
  service = await matchingApp(db.url, { rankingThreads: 1 });
});

afterAll(async () => {
  await service.close();
  await db.close();
});

/** The ids returned, and how many the pool held (read from the index of whoever ranked). */
async function search(app = service.app): Promise<{ ids: string[]; pooled: number }> {
  const res = await request(app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: requester.id, prompt: 'hiking', limit: 50 });
  expect(res.status).toBe(200);
  const body = matchResponseSchema.parse(res.body);
  return { ids: body.matches.map((m) => m.id), pooled: body.total_candidates };
}

describe('ranking threads', () => {
  it('when a ranking thread ends, then requests are still answered and a new thread follows the index', async () => {
    const threads = service.service.threads!;
    const before = (await search()).ids;
    expect(before.length).toBe(hikers.length);
    const [ended] = threads.workers;
    const answered = threads.ranked.inThreads;
    await ended!.terminate();
    // Answered at once, by the service thread or the replacement: the same members.
    expect((await search()).ids.sort()).toEqual([...before].sort());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(threads.workers[0]).not.toBe(ended);
    // The replacement has the index and its changes: a member removed is gone from its pools, not only from the
    // answers (which the re-check would ensure anyway).
    const sql = await db.client();
    await sql.query('UPDATE profiles SET is_suspended = true WHERE id = $1', [hikers[0]!.id]);
    await service.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rankedBefore = threads.ranked.inThreads;
    const after = await search();
    expect(threads.ranked.inThreads).toBe(rankedBefore + 1); // ranked by the new thread
    expect(after.ids).not.toContain(hikers[0]!.id);
    expect(after.pooled).toBe(hikers.length - 1);
    expect(rankedBefore).toBeGreaterThanOrEqual(answered);
  });

  it('when a ranking thread ends between ranking and explaining, then the pool is ranked again here and the page explained', async () => {
    const threads = service.service.threads!;
    const origin = { latitude: 51.5, longitude: -0.12 };
    const query = {
      requesterId: requester.id,
      origin,
      maxDistanceKm: 50,
      ageRange: null,
      gender: null,
      candidateIds: null,
      excludeIds: [],
      inactiveDays: 30,
      topicConcepts: ['hiking'],
      topicPhrases: [],
      poolSize: 500,
      now: Date.now(),
    };
    const rankRequest = {
      requester: { age: 30, about: '', interests: ['hiking'], needs: [], location: origin },
      prompt: null,
      constraints: resolveConstraints(null, { requestLocation: origin }),
    };
    const inThreads = threads.ranked.inThreads;
    const ranking = (await threads.rank(query, rankRequest, 5))!;
    expect(threads.ranked.inThreads).toBe(inThreads + 1); // ranked in the thread, which holds it
    const [ended] = threads.workers;
    const gone = new Promise((resolve) => ended!.once('exit', resolve));
    await ended!.terminate();
    await gone;
    const best = await ranking.best(20); // more than the thread sent: asked of the thread, which is gone
    expect(best).toHaveLength(20);
    expect(best.slice(0, 5).map((s) => s.id)).toEqual((await ranking.best(5)).map((s) => s.id)); // the same order
    const byId = new Map(hikers.map((h) => [h.id, h]));
    const page = best.slice(0, 3).map((scored) => ({ scored, profile: byId.get(scored.id)! }));
    const explained = await ranking.explain(page);
    ranking.close();
    expect(explained.map((m) => m.profile.id)).toEqual(page.map((p) => p.scored.id));
    expect(explained.map((m) => m.score)).toEqual(page.map((p) => p.scored.score));
    expect(explained.every((m) => m.explanation.reasons.length > 0)).toBe(true);
    expect((await search()).ids).toHaveLength(hikers.length - 1); // answered again (the first test suspended one)
  });

  it('when a request is alone in flight, then the service thread ranks it (as the service runs by default)', async () => {
    const alone = await matchingApp(db.url, { rankingThreads: 1, rankAloneHere: true });
    try {
      const threads = alone.service.threads!;
      for (let i = 0; i < 3; i++) await search(alone.app);
      expect(threads.ranked).toEqual({ inThreads: 0, here: 3 });
    } finally {
      await alone.close();
    }
  });
});
