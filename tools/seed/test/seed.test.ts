import { seedProfiles } from '@circle-match/seed';
import { createTestDatabase, type TestDatabase } from '@circle-match/test-support';

/** `npm run seed`: synthetic members and their relations (blocks, friendships, interactions) by COPY, on a real database. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(() => db.close());

async function counts(): Promise<Record<string, number>> {
  const { rows } = await (
    await db.client()
  ).query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM profiles) AS profiles, (SELECT count(*) FROM blocks) AS blocks,
       (SELECT count(*) FROM friendships) AS friendships, (SELECT count(*) FROM explore_interactions) AS interactions,
       (SELECT count(*) FROM profiles WHERE invisible_mode) AS invisible, (SELECT count(*) FROM profiles WHERE is_deleted) AS is_deleted`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

describe('seeder', () => {
  it('when 3,000 members are seeded, then their relations come with them, every one between two seeded members', async () => {
    expect(await seedProfiles(await db.client(), { count: 3000, seed: 5 })).toBe(3000);
    const seeded = await counts();
    expect(seeded).toMatchObject({ profiles: 3000 });
    expect(seeded.blocks).toBeGreaterThan(30);
    expect(seeded.friendships).toBeGreaterThan(4000);
    expect(seeded.interactions).toBeGreaterThan(20_000);
    expect(seeded.invisible).toBeGreaterThan(30);
    expect(seeded.is_deleted).toBeGreaterThan(0);
    const { rows } = await (
      await db.client()
    ).query<{ dangling: string }>(
      `SELECT count(*) AS dangling FROM (
         SELECT blocker_id AS a, blocked_id AS b FROM blocks UNION ALL SELECT user1_id, user2_id FROM friendships
         UNION ALL SELECT user_id, target_user_id FROM explore_interactions) r
       WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.a) OR NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.b)`,
    );
    expect(Number(rows[0]!.dangling)).toBe(0);
  });

  it('when the same members are seeded again, then nothing is added twice; more members bring their own relations', async () => {
    const before = await counts();
    expect(await seedProfiles(await db.client(), { count: 3000, seed: 5 })).toBe(0);
    expect(await counts()).toEqual(before);
    expect(await seedProfiles(await db.client(), { count: 1000, seed: 5, offset: 3000 })).toBe(1000);
    const after = await counts();
    expect(after.profiles).toBe(4000);
    expect(after.interactions).toBeGreaterThan(before.interactions!);
  });
});
