import { matchRequestSchema, type MatchRequestInput } from '@circle-match/contracts';
import { planMatch, queryCandidatePool, useCandidateSession, type CandidateQuery, type MatchSettings, type RequesterRow } from '@circle-match/matching';
import pg from 'pg';
import { percentile } from './stats.js';

/** The candidate queries the matching service runs for the workload (same planner). */
export async function queriesFor(client: pg.Client, workload: readonly MatchRequestInput[], settings: MatchSettings): Promise<Array<CandidateQuery | null>> {
  const queries: Array<CandidateQuery | null> = [];
  for (const input of workload) {
    const request = matchRequestSchema.parse(input);
    const { rows } = await client.query<RequesterRow>(
      'SELECT id, age, about, interests, needs, latitude, longitude, is_suspended FROM profiles WHERE id = $1',
      [request.user_id],
    );
    queries.push(rows[0] ? planMatch(rows[0], settings, request).query : null);
  }
  return queries;
}

/**
 * The bare candidate SQL (the service's own pool query: same statements, same session settings), one connection,
 * sequentially: latency per request in ms after a warm-up pass.
 */
export async function timeQueries(databaseUrl: string, queries: ReadonlyArray<CandidateQuery | null>, rounds: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await useCandidateSession(client);
  const real = queries.filter((q): q is CandidateQuery => q !== null);
  try {
    for (const q of real) await queryCandidatePool(client, q);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of real) {
        const started = performance.now();
        await queryCandidatePool(client, q);
        times.push(performance.now() - started);
      }
    }
    return times;
  } finally {
    await client.end();
  }
}

export function summarise(times: readonly number[]): { p50: number; p99: number } {
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The bare candidate SQL under load: `concurrency` loops sharing `connections` connections (as the service's pool),
 * for `seconds`. Its rate is the most the service could answer if Node cost nothing.
 */
export async function loadQueries(
  databaseUrl: string,
  queries: ReadonlyArray<CandidateQuery | null>,
  options: { connections: number; concurrency: number; seconds: number },
): Promise<{ perSecond: number; count: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.connections });
  const real = queries.filter((q): q is CandidateQuery => q !== null);
  let next = 0;
  let count = 0;
  const runOne = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      await useCandidateSession(client);
      await queryCandidatePool(client, real[next++ % real.length]!);
    } finally {
      client.release();
    }
  };
  try {
    // Warm-up: every connection open and every statement prepared on it.
    await Promise.all(Array.from({ length: options.concurrency }, () => runOne()));
    const started = performance.now();
    const until = started + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < until) {
          await runOne();
          count++;
        }
      }),
    );
    return { perSecond: (count * 1000) / (performance.now() - started), count };
  } finally {
    await pool.end();
  }
}
