import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlFromEnv } from '@circle-match/db';
import { DEMO_PROFILES, prepareDemo } from './demo.js';
import { seedProfiles } from './seed.js';

function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/**
 * `npm run seed -- --profiles N [--seed S] [--offset K]`: loads N synthetic profiles into DATABASE_URL.
 * `npm run seed -- --demo`: the demo of `npm start` (5,000 members when the database has none, a demo member near
 * London with three related hikers); prints the demo member's id to search as.
 */
function options(): { profiles: number; seed: number; offset: number; demo: boolean } {
  const { values } = parseArgs({
    options: {
      profiles: { type: 'string' },
      seed: { type: 'string', default: '1' },
      offset: { type: 'string', default: '0' },
      demo: { type: 'boolean', default: false },
    },
  });
  if (values.demo) return { profiles: DEMO_PROFILES, seed: 1, offset: 0, demo: true };
  const number = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < min)
      fail(`--${name} must be a whole number ≥ ${min} (got ${raw ?? 'nothing'})`);
    return n;
  };
  return {
    profiles: number('profiles', values.profiles, 1),
    seed: number('seed', values.seed, 0),
    offset: number('offset', values.offset, 0),
    demo: false,
  };
}

const { profiles, seed, offset, demo } = options();
const client = new pg.Client({ connectionString: databaseUrlFromEnv() });
try {
  await client.connect();
  if (demo) {
    const prepared = await prepareDemo(client, {
      onSeeding: (n) => console.log(`seeding ${n.toLocaleString('en-US')} demo profiles…`),
    });
    for (const hidden of prepared.hidden) console.log(`left out of their searches: ${hidden.name} (${hidden.why})`);
    console.log(`demo member: ${prepared.member}`);
  } else {
    const started = Date.now();
    const added = await seedProfiles(client, {
      count: profiles,
      seed,
      offset,
      onProgress: (done) => process.stdout.write(`  ${done.toLocaleString('en-US')} rows generated\n`),
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`seeded ${added.toLocaleString('en-US')} new profiles (seed ${seed}) in ${seconds.toFixed(1)} s`);
  }
} catch (error) {
  fail(error);
} finally {
  await client.end().catch(() => undefined);
}
