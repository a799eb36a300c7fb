import { createTestDatabase, testDatabaseSchema, type TestDatabase } from '@circle-match/test-support';
import type pg from 'pg';

/**
 * What the migrations leave (docs/operations.md): on a database built from Circle's table definitions, Circle's tables exactly
 * as Circle defined them; on an empty one, the same tables created as Circle defines them. This suite runs in both
 * jest projects of apps/matching.
 */
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = await db.client();
});

afterAll(() => db.close());

async function columns(table: string): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string; type: string; nullable: string }>(
    `SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM information_schema.columns WHERE table_name = $1`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.type}${r.nullable === 'NO' ? ' not null' : ''}`]));
}

async function indexes(table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 ORDER BY 1',
    [table],
  );
  return rows.map((r) => r.name);
}

describe(`migrations on ${testDatabaseSchema() === 'circle' ? "Circle's schema" : 'an empty database'}`, () => {
  it('when migrated, then the relation tables and profile flags are there as Circle defines them', async () => {
    expect(await columns('blocks')).toMatchObject({ blocker_id: 'uuid not null', blocked_id: 'uuid not null' });
    expect(await columns('friendships')).toMatchObject({
      user1_id: 'uuid not null',
      user2_id: 'uuid not null',
      status: 'character varying not null',
    });
    expect(await columns('explore_interactions')).toMatchObject({
      user_id: 'uuid not null',
      target_user_id: 'uuid not null',
      action_type: 'text not null',
    });
    expect(await columns('profiles')).toMatchObject({
      invisible_mode: 'boolean not null',
      is_deleted: 'boolean',
      updated_at: 'timestamp with time zone',
    });
  });

  if (testDatabaseSchema() === 'circle') {
    it("when the database is Circle's, then its column types are left as they are and no index is added to its tables", async () => {
      expect(await columns('profiles')).toMatchObject({
        latitude: 'numeric',
        longitude: 'numeric',
        age: 'integer not null',
        about: 'character varying not null',
        username: 'text', // a column of Circle's that matching never reads, still there
      });
      expect(await indexes('blocks')).toEqual(['blocks_blocker_id_blocked_id_key', 'blocks_pkey']);
      expect(await indexes('explore_interactions')).toEqual(['explore_interactions_pkey']);
      await expect(client.query(`INSERT INTO profiles (id, about) VALUES (gen_random_uuid(), '')`)).rejects.toThrow(
        /"age"/,
      );
    });
  } else {
    it('when the database is ours, then coordinates are float8 and the recommended indexes are built', async () => {
      expect(await columns('profiles')).toMatchObject({ latitude: 'double precision', age: 'integer' });
      expect(await indexes('blocks')).toContain('cm_blocks_blocked_idx');
      expect(await indexes('friendships')).toContain('cm_friendships_user2_idx');
      expect(await indexes('explore_interactions')).toContain('cm_explore_interactions_user_idx');
    });
  }

  it('when the change feed is installed, then the triggers on profiles never hold a write back', async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'profiles'::regclass AND NOT tgisinternal ORDER BY 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'cm_changes_delete',
      'cm_changes_insert',
      'cm_changes_truncate',
      'cm_changes_update',
    ]);
  });
});
