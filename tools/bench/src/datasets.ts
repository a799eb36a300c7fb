import { migrate } from '@circle-match/db';
import { seedProfiles } from '@circle-match/seed';
import pg from 'pg';

/**
 * A database on the benchmark server holding exactly `size` synthetic profiles (seed 1) and their relations
 * (blocks, friendships, interactions), reused across runs; one seeded before relations existed, or more than a day
 * ago (members' activity counts back from the day they were seeded: older, some would have aged past the 45-day
 * line), is seeded again.
 */
export async function ensureDataset(serverUrl: string, size: number, log: (m: string) => void): Promise<string> {
  const name = `cm_bench_${size}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString(), { recommendedIndexes: true });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string; relations: boolean; recent: boolean | null }>(
      `SELECT count(*) AS n, EXISTS (SELECT 1 FROM explore_interactions) AS relations,
         max(last_active) > now() - interval '1 day' AS recent
       FROM profiles`,
    );
    const have = Number(rows[0]?.n ?? 0);
    if (have !== size || !rows[0]?.relations || !rows[0]?.recent) {
      if (have > 0) await client.query('TRUNCATE profiles, blocks, friendships, explore_interactions');
      log(`seeding ${size.toLocaleString('en-US')} profiles and their relations into ${name} (npm run seed's loader)…`);
      const started = Date.now();
      await seedProfiles(client, { count: size, seed: 1 });
      log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.end();
  }
  return url.toString();
}
