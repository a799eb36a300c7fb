import { matchResponseSchema } from '@circle-match/contracts';
import {
  insertProfiles,
  profile,
  startRestartableDatabase,
  type RestartableDatabase,
} from '@circle-match/test-support';
import pg from 'pg';
import request from 'supertest';
import { createPool } from '@circle-match/db';
import { createLogger } from '@circle-match/service-kit';
import { Database } from '../src/data-access/database.js';
import { IndexSource } from '../src/data-access/index-source.js';
import type { CandidateIndex } from '../src/index/candidate-index.js';
import { IndexMaintainer } from '../src/index/index-maintainer.js';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * The change feed that keeps the candidate index fresh (cm_profile_changes, written by statement triggers on
 * profiles, read by position and transaction horizon). A server of its own, so that it can be restarted.
 */
let db: RestartableDatabase;
let service: TestApp;
let sql: pg.Client;
const requester = profile({ interests: ['hiking'], latitude: 51.5074, longitude: -0.1278 });
const other = profile({ interests: ['chess'], latitude: 51.51, longitude: -0.12 });

beforeAll(async () => {
  db = await startRestartableDatabase();
  await insertProfiles(db.url, [requester, other]);
  service = await matchingApp(db.url, { connectionTimeoutMillis: 500 });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql.end().catch(() => undefined);
  await service.close();
  await db.close();
});

/** Whether a search for `word` from the requester, with `id` as the only candidate, says `id` matched the word. */
async function matchesWord(id: string, word: string): Promise<boolean> {
  const res = await request(service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: requester.id, prompt: word, candidate_ids: [id] });
  if (res.status !== 200) return false;
  return (
    matchResponseSchema.parse(res.body).matches[0]?.explanation.evidence.matched_prompt_terms.includes(word) ?? false
  );
}

async function setInterests(client: pg.ClientBase, id: string, word: string): Promise<void> {
  await client.query('UPDATE profiles SET interests = $2 WHERE id = $1', [id, [word]]);
}

describe('change feed', () => {
  it('when a transaction commits after a later one was read, then its change is still applied (read by horizon)', async () => {
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await setInterests(slow, other.id, 'marmotology'); // takes the smaller seq, commits last
      const fast = profile({ interests: ['lemurology'], latitude: 51.5, longitude: -0.13 });
      await insertProfiles(db.url, [fast]); // a larger seq, committed first
      await service.catchUp();
      expect(await matchesWord(fast.id, 'lemurology')).toBe(true);
      await slow.query('COMMIT');
      await service.catchUp();
      expect(await matchesWord(other.id, 'marmotology')).toBe(true);
    } finally {
      await slow.end();
    }
  });

  it("when writing the feed fails, then Circle's write still succeeds, and the next full reload catches the member up", async () => {
    await sql.query(
      'ALTER TABLE cm_profile_changes ADD CONSTRAINT cm_test_refuse CHECK (profile_id IS NULL) NOT VALID',
    );
    try {
      const result = await sql.query('UPDATE profiles SET interests = $2 WHERE id = $1', [other.id, ['ottersurfing']]);
      expect(result.rowCount).toBe(1); // the write went through
      const { rows } = await sql.query<{ interests: string[] }>('SELECT interests FROM profiles WHERE id = $1', [
        other.id,
      ]);
      expect(rows[0]?.interests).toEqual(['ottersurfing']);
      await service.catchUp();
      expect(await matchesWord(other.id, 'ottersurfing')).toBe(false); // the feed missed it …
    } finally {
      await sql.query('ALTER TABLE cm_profile_changes DROP CONSTRAINT cm_test_refuse');
    }
    await service.service.maintainer.reload();
    expect(await matchesWord(other.id, 'ottersurfing')).toBe(true); // … the reconcile did not
  });

  it('when profiles is truncated, then the index empties', async () => {
    const before = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id });
    expect(before.status).toBe(200);
    expect(service.service.maintainer.status.members).toBeGreaterThan(0);
    await sql.query('TRUNCATE profiles');
    await service.catchUp();
    expect(service.service.maintainer.status.members).toBe(0);
    await insertProfiles(db.url, [requester, other]);
    await service.catchUp();
    expect(service.service.maintainer.status.members).toBe(2);
  });

  it('when PostgreSQL restarts, then the feed resumes where it was and later changes arrive', async () => {
    await sql.end();
    await db.stop();
    await expect(service.catchUp()).rejects.toThrow(); // the database is away: the read fails, the position stays
    await db.start();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const late = profile({ interests: ['beetlebreeding'], latitude: 51.5, longitude: -0.12 });
    await insertProfiles(db.url, [late]);
    let caughtUp = false;
    for (let attempt = 0; attempt < 20 && !caughtUp; attempt++) {
      await service.catchUp().catch(() => undefined); // the pool replaces its dead connections
      caughtUp = await matchesWord(late.id, 'beetlebreeding');
    }
    expect(caughtUp).toBe(true);
  });
});

describe('after a full load', () => {
  it('when the index is loaded and later rebuilt, then the memory hook runs after each, with the new index serving', async () => {
    const connections = createPool(db.url, { max: 2 });
    const served: Array<CandidateIndex | null> = [];
    const maintainer = new IndexMaintainer(new IndexSource(new Database(connections, { maxWaiting: 10 })), {
      pollIntervalMs: 60_000,
      reconcileIntervalMs: 3_600_000,
      feedRetentionSeconds: 3600,
      logger: createLogger('matching', 'silent'),
      afterLoad: () => served.push(maintainer.index),
    });
    try {
      await maintainer.start();
      const first = maintainer.index;
      await maintainer.reload();
      expect(served).toHaveLength(2);
      expect(served[0]).toBe(first);
      expect(served[1]).toBe(maintainer.index);
      expect(served[1]).not.toBe(first);
    } finally {
      maintainer.stop();
      await connections.end();
    }
  });
});

describe('readiness', () => {
  it('when shutdown begins, then /readyz turns 503 while /livez stays 200', async () => {
    const ready = await request(service.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      index_loaded: true,
      database_connected: true,
      accepting: true,
    });
    service.service.drain();
    const draining = await request(service.app).get('/readyz');
    expect(draining.status).toBe(503);
    expect(draining.body).toMatchObject({ accepting: false });
    expect((await request(service.app).get('/livez')).status).toBe(200);
  });
});
