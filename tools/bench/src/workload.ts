import type { MatchRequestInput } from '@circle-match/contracts';
import pg from 'pg';

/** Prompts of the mix: topics, constraints, paraphrases. */
export const PROMPTS = [
  'Looking for hiking enthusiasts near me, 25-35',
  'women into photography and travel',
  'new friends for board games',
  'a mentor in tech startups',
  'someone to go running with, within 10 km',
  'guys who love cooking, over 30',
  'live music and craft beer',
  'yoga and meditation buddies',
];

/** Preference-only requests of the mix (no prompt). */
const PREFERENCES = [
  { interests: ['hiking', 'camping'], max_distance: 30 },
  { interests: ['jazz'], age_range: [25, 45] as [number, number] },
  { needs: ['friendship'], max_distance: 20 },
  { interests: ['coffee', 'reading'], gender_preference: 'female' },
];

/**
 * A request mix over several members in several cities: half prompt requests, half preference-only, every one
 * located (the members' own coordinates are on their profiles; half the requests pass them explicitly).
 */
export async function buildWorkload(databaseUrl: string, count = 64): Promise<MatchRequestInput[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Members spread over the table (every n-th active, located member), deterministic.
    const { rows } = await client.query<{ id: string; latitude: number; longitude: number }>(
      `SELECT id, latitude, longitude FROM profiles
       WHERE deleted_at IS NULL AND is_deleted IS NOT TRUE AND NOT is_suspended AND latitude IS NOT NULL
       ORDER BY id LIMIT $1`,
      [count],
    );
    return rows.map((member, i) => {
      const located = i % 2 === 0 ? { latitude: member.latitude, longitude: member.longitude } : {};
      return i % 4 < 2
        ? { user_id: member.id, prompt: PROMPTS[i % PROMPTS.length], ...located }
        : { user_id: member.id, preferences: PREFERENCES[i % PREFERENCES.length], ...located };
    });
  } finally {
    await client.end();
  }
}

export function isPromptRequest(request: MatchRequestInput): boolean {
  return request.prompt !== undefined;
}
