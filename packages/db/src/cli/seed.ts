import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedProfiles } from '../seed.js';
import { databaseUrlFromEnv, fail } from './env.js';

/** `npm run seed -- --profiles N [--seed S] [--offset K]`: loads N synthetic profiles into DATABASE_URL. */
function options(): { profiles: number; seed: number; offset: number } {
  const { values } = parseArgs({
    options: { profiles: { type: 'string' }, seed: { type: 'string', default: '1' }, offset: { type: 'string', default: '0' } },
  });
  const number = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min} (got ${raw ?? 'nothing'})`);
    return n;
  };
  return { profiles: number('profiles', values.profiles, 1), seed: number('seed', values.seed, 0), offset: number('offset', values.offset, 0) };
}

const { profiles, seed, offset } = options();
const client = new pg.Client({ connectionString: databaseUrlFromEnv() });
try {
  await client.connect();
  const started = Date.now();
  const added = await seedProfiles(client, {
    count: profiles,
    seed,
    offset,
    onProgress: (done) => process.stdout.write(`  ${done.toLocaleString('en-US')} rows generated\n`),
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`seeded ${added.toLocaleString('en-US')} new profiles (seed ${seed}) in ${seconds.toFixed(1)} s`);
} catch (error) {
  fail(error);
} finally {
  await client.end().catch(() => undefined);
}
