import { syncTopicConcepts } from '@circle-match/db';
import { searchConcepts } from '@circle-match/scoring';
import { createTestDatabase, insertProfiles, profile, type TestDatabase } from '@circle-match/test-support';
import pg from 'pg';

/**
 * The topic points (migration 0002) are kept in step with Circle's `profiles` by triggers, whoever writes the table,
 * and rebuilt when the lexicon changes. These run on a real database with the real migrations.
 */
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await db.close();
});

beforeEach(async () => {
  await client.query('DELETE FROM profiles');
});

/** The concepts a member has topic points for, sorted. */
async function conceptsOf(id: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT c.name FROM cm_topic_points t JOIN cm_topic_concepts c ON c.id = t.concept WHERE t.profile_id = $1 ORDER BY c.name',
    [id],
  );
  return rows.map((r) => r.name);
}

describe('topic points', () => {
  it('when a member is inserted, then they get a point per concept their interests, needs or bio mention', async () => {
    const member = profile({ interests: ['Trekking', 'chess'], about: 'I bake sourdough on Sundays.' });
    await insertProfiles(db.url, [member]);
    expect(await conceptsOf(member.id)).toEqual(['baking', 'board games', 'hiking']);
  });

  it('when a member is inserted in bulk with others, then each gets their own points, at their privacy cell', async () => {
    const members = [profile({ interests: ['hiking'] }), profile({ interests: ['yoga'], latitude: 48.8566, longitude: 2.3522 })];
    await insertProfiles(db.url, members);
    expect(await conceptsOf(members[0]!.id)).toEqual(['hiking']);
    expect(await conceptsOf(members[1]!.id)).toEqual(['yoga']);
    const { rows } = await client.query<{ same: boolean }>(
      'SELECT t.point = cm_cell_point(p.latitude, p.longitude) AS same FROM cm_topic_points t JOIN profiles p ON p.id = t.profile_id',
    );
    expect(rows.map((r) => r.same)).toEqual([true, true]);
  });

  it('when interests, location, age or gender change, then the points follow', async () => {
    const member = profile({ interests: ['hiking'], age: 30, gender: 'female' });
    await insertProfiles(db.url, [member]);
    await client.query(`UPDATE profiles SET interests = '{yoga}', latitude = 40.4168, longitude = -3.7038, age = 41, gender = 'male' WHERE id = $1`, [member.id]);
    expect(await conceptsOf(member.id)).toEqual(['yoga']);
    const { rows } = await client.query<{ here: boolean; age: number; gender: string }>(
      `SELECT t.point = cm_cell_point(40.4168, -3.7038) AS here, t.age, t.gender FROM cm_topic_points t WHERE t.profile_id = $1`,
      [member.id],
    );
    expect(rows).toEqual([{ here: true, age: 41, gender: 'male' }]);
  });

  it('when a member is suspended, deleted or loses their coordinates, then their points go, and come back when reinstated', async () => {
    const [suspended, deleted, unlocated] = [profile({ interests: ['hiking'] }), profile({ interests: ['hiking'] }), profile({ interests: ['hiking'] })];
    await insertProfiles(db.url, [suspended, deleted, unlocated]);
    await client.query('UPDATE profiles SET is_suspended = true WHERE id = $1', [suspended.id]);
    await client.query('UPDATE profiles SET deleted_at = now() WHERE id = $1', [deleted.id]);
    await client.query('UPDATE profiles SET latitude = NULL, longitude = NULL WHERE id = $1', [unlocated.id]);
    for (const m of [suspended, deleted, unlocated]) expect(await conceptsOf(m.id)).toEqual([]);
    await client.query('UPDATE profiles SET is_suspended = false WHERE id = $1', [suspended.id]);
    expect(await conceptsOf(suspended.id)).toEqual(['hiking']);
  });

  it('when rows are deleted or the table truncated, then their points go too', async () => {
    const [gone, kept] = [profile({ interests: ['hiking'] }), profile({ interests: ['hiking'] })];
    await insertProfiles(db.url, [gone, kept]);
    await client.query('DELETE FROM profiles WHERE id = $1', [gone.id]);
    expect(await conceptsOf(gone.id)).toEqual([]);
    expect(await conceptsOf(kept.id)).toEqual(['hiking']);
    await client.query('TRUNCATE profiles');
    expect((await client.query('SELECT 1 FROM cm_topic_points')).rowCount).toBe(0);
  });

  it('when only last_active changes, then the points are not rewritten', async () => {
    const member = profile({ interests: ['hiking'] });
    await insertProfiles(db.url, [member]);
    const version = async () => (await client.query<{ xmin: string }>('SELECT xmin::text FROM cm_topic_points WHERE profile_id = $1', [member.id])).rows[0]?.xmin;
    const before = await version();
    await client.query('UPDATE profiles SET last_active = now() WHERE id = $1', [member.id]);
    expect(await version()).toBe(before);
    await client.query(`UPDATE profiles SET about = 'new bio' WHERE id = $1`, [member.id]);
    expect(await version()).not.toBe(before);
  });
});

describe('lexicon sync', () => {
  afterEach(async () => {
    await syncTopicConcepts(client);
  });

  it('when the lexicon is unchanged, then the sync changes nothing', async () => {
    expect(await syncTopicConcepts(client)).toBe(false);
  });

  it('when the lexicon changes, then every member is re-indexed by the new concepts', async () => {
    const member = profile({ interests: ['underwater hockey', 'hiking'] });
    await insertProfiles(db.url, [member]);
    expect(await conceptsOf(member.id)).toEqual(['hiking']);
    const changed = [...searchConcepts(), { name: 'underwater hockey', phrases: ['underwater hockey', 'octopush'] }];
    expect(await syncTopicConcepts(client, changed)).toBe(true);
    expect(await conceptsOf(member.id)).toEqual(['hiking', 'underwater hockey']);
  });
});
