import { SEARCHABLE_SQL, unrelatedToSql } from '@circle-match/db';
import pg from 'pg';
import { percentile } from './stats.js';

/**
 * How long an edit takes to reach search (docs/performance.md: ≤ 5 s p99): a member's interests are set to a word nobody else
 * uses, then the same search (for that word, that member as the only candidate) is repeated until the member's
 * score says it matched the word — the score comes from the index, the display fields from the database, so only
 * the score can tell. Each sample is the time from the UPDATE's commit to the first such answer.
 */
export async function measureFreshness(
  databaseUrl: string,
  matchingUrl: string,
  apiKey: string,
  samples: number,
): Promise<{ p50: number; p99: number; samples: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Two searchable, active members, the second not hidden from the first by a block, friendship, pass or like.
    const active = `${SEARCHABLE_SQL} AND p.latitude IS NOT NULL AND (p.last_active IS NULL OR p.last_active > now() - interval '30 days')`;
    const first = await client.query<{ id: string }>(
      `SELECT p.id FROM profiles p WHERE ${active} ORDER BY p.id LIMIT 1`,
    );
    const second = first.rows[0]
      ? await client.query<{ id: string }>(
          `SELECT p.id FROM profiles p WHERE ${active} AND p.id <> $1 AND ${unrelatedToSql('$1::uuid', '30')} ORDER BY p.id LIMIT 1`,
          [first.rows[0].id],
        )
      : { rows: [] };
    const rows = [...first.rows, ...second.rows];
    const [requester, member] = rows;
    if (!requester || !member) throw new Error('freshness: the dataset has too few members');
    const { rows: original } = await client.query<{ interests: string[] }>(
      'SELECT interests FROM profiles WHERE id = $1',
      [member.id],
    );
    const times: number[] = [];
    try {
      for (let i = 0; i < samples; i++) {
        // Letters only: the prompt parser reads digits as ages and distances.
        const word = `zqfresh${String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26))}${Date.now()
          .toString(36)
          .replace(/[0-9]/g, (d) => String.fromCharCode(103 + Number(d)))}`;
        await client.query('UPDATE profiles SET interests = $2 WHERE id = $1', [member.id, [word]]);
        const committed = performance.now();
        for (;;) {
          const res = await fetch(`${matchingUrl}/api/ml/match`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey },
            // Anywhere on earth: the two members may live in different cities.
            body: JSON.stringify({
              user_id: requester.id,
              prompt: word,
              candidate_ids: [member.id],
              preferences: { max_distance: 20000 },
            }),
          });
          const body = (await res.json()) as {
            matches?: Array<{ explanation: { evidence: { matched_prompt_terms: string[] } } }>;
          };
          if (body.matches?.[0]?.explanation.evidence.matched_prompt_terms.includes(word)) break;
          if (performance.now() - committed > 15_000) break; // counted as 15 s: a miss
          await new Promise((r) => setTimeout(r, 20));
        }
        times.push(performance.now() - committed);
      }
    } finally {
      await client.query('UPDATE profiles SET interests = $2 WHERE id = $1', [member.id, original[0]?.interests ?? []]);
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99), samples: times.length };
  } finally {
    await client.end();
  }
}
