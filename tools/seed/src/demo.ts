import type pg from 'pg';
import { activeWithinSql, SEARCHABLE_SQL } from '@circle-match/db';
import { seedProfiles } from './seed.js';

/** How many synthetic members the demo holds (`npm start`, `npm run seed -- --demo`). */
export const DEMO_PROFILES = 5000;

/** The demo member, and three of their nearest hikers whom they blocked, befriended and passed on. */
export interface Demo {
  member: string;
  hidden: Array<{ id: string; name: string; why: string }>;
}

/**
 * The demo of `npm start` and of the Docker path (`npm run seed -- --demo`): DEMO_PROFILES synthetic members when the
 * database has none, a demo member near central London, and three of their nearest hikers aged 25–35 — the people
 * the demo prompt asks for — one blocked, one a friend, one passed on a moment ago, so the first search shows
 * Circle's relations honoured. Idempotent: a second run finds the same member and adds nothing.
 */
export async function prepareDemo(
  client: pg.Client,
  options: { onSeeding?: (profiles: number) => void } = {},
): Promise<Demo> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM profiles');
  if (Number(rows[0]?.n ?? 0) === 0) {
    options.onSeeding?.(DEMO_PROFILES);
    await seedProfiles(client, { count: DEMO_PROFILES, seed: 1 });
  }
  // The demo member: an active one near central London, where many demo profiles live.
  const searchable = `${SEARCHABLE_SQL} AND p.latitude IS NOT NULL AND ${activeWithinSql('30')}`;
  const nearestTo = `ORDER BY (p.latitude - o.latitude) ^ 2 + ((p.longitude - o.longitude) * cos(radians(o.latitude))) ^ 2, p.id`;
  const demo = await client.query<{ id: string }>(
    `SELECT p.id FROM profiles p, (SELECT 51.5074 AS latitude, -0.1278 AS longitude) o WHERE ${searchable} ${nearestTo} LIMIT 1`,
  );
  const member = demo.rows[0]?.id;
  if (!member) throw new Error('the database has no active profile to demonstrate with');
  // Three of the demo member's nearest hikers, the very people the demo prompt asks for: one blocked, one a friend,
  // one passed on a moment ago, so the printed curl shows Circle's relations honoured (once: they are kept).
  const hikers = await client.query<{ id: string; name: string }>(
    `SELECT p.id, trim(p.first_name || ' ' || p.last_name) AS name
     FROM profiles p, (SELECT latitude, longitude FROM profiles WHERE id = $1) o
     WHERE p.id <> $1 AND ${searchable} AND array_to_string(p.interests, ' ') ILIKE '%hik%' AND p.age BETWEEN 25 AND 35
     ${nearestTo} LIMIT 3`,
    [member],
  );
  const [blocked, friend, passed] = hikers.rows;
  if (blocked)
    await client.query(
      'INSERT INTO blocks (id, blocker_id, blocked_id, reason) VALUES (gen_random_uuid(), $1, $2, $3) ON CONFLICT DO NOTHING',
      [member, blocked.id, 'demo'],
    );
  if (friend) {
    await client.query(
      `INSERT INTO friendships (id, user1_id, user2_id, status, created_at, sender_id) VALUES (gen_random_uuid(), $1, $2, 'accepted', now(), $1) ON CONFLICT DO NOTHING`,
      [member, friend.id],
    );
  }
  if (passed) {
    await client.query(
      `INSERT INTO explore_interactions (id, user_id, target_user_id, action_type, created_at) SELECT gen_random_uuid(), $1, $2, 'pass', now()
       WHERE NOT EXISTS (SELECT 1 FROM explore_interactions WHERE user_id = $1 AND target_user_id = $2 AND action_type = 'pass')`,
      [member, passed.id],
    );
  }
  const why = ['blocked', 'a friend', 'passed on'];
  return { member, hidden: hikers.rows.map((h, i) => ({ ...h, why: why[i]! })) };
}
