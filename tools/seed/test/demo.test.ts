import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@circle-match/test-support';

/**
 * `npm run seed -- --demo` (and `docker compose --profile tools run --rm tools node tools/seed/dist/cli.js --demo`): the
 * demo of `npm start` on any database — 5,000 members, a demo member near London, three related hikers.
 */
const CLI = join(import.meta.dirname, '../dist/cli.js');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.close();
});

const seedDemo = () =>
  spawnSync(process.execPath, [CLI, '--demo'], {
    env: { PATH: process.env.PATH, DATABASE_URL: db.url },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('seed --demo', () => {
  it('when run on an empty database, then it seeds the demo, relates three hikers to the demo member and prints whom to search as', async () => {
    const run = seedDemo();
    expect(run.status).toBe(0);
    const member = /demo member: ([0-9a-f-]{36})/.exec(run.stdout)?.[1];
    expect(member).toBeDefined();
    expect(run.stdout.match(/left out of their searches: .+ \((blocked|a friend|passed on)\)/g)).toHaveLength(3);
    const client = await db.client();
    const { rows } = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM profiles) AS profiles,
         (SELECT count(*) FROM blocks WHERE blocker_id = $1 AND reason = 'demo') AS blocked,
         (SELECT count(*) FROM friendships WHERE user1_id = $1 AND sender_id = $1 AND status = 'accepted') AS friends,
         (SELECT count(*) FROM explore_interactions WHERE user_id = $1 AND action_type = 'pass' AND created_at > now() - interval '1 hour') AS passed`,
      [member],
    );
    expect(rows[0]).toMatchObject({ profiles: '5000', blocked: '1', passed: '1' });
    expect(Number(rows[0]!.friends)).toBeGreaterThanOrEqual(1);
    // A second run finds the same member and adds nothing.
    const again = seedDemo();
    expect(/demo member: ([0-9a-f-]{36})/.exec(again.stdout)?.[1]).toBe(member);
    const after = await client.query<{ profiles: string; blocked: string }>(
      `SELECT (SELECT count(*) FROM profiles) AS profiles, (SELECT count(*) FROM blocks WHERE reason = 'demo') AS blocked`,
    );
    expect(after.rows[0]).toEqual({ profiles: '5000', blocked: '1' });
  });
});
