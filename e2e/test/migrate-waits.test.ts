import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startRestartableDatabase, type RestartableDatabase } from '@circle-match/test-support';
import { REPO } from './stack.js';

/**
 * The migrate job starts as soon as compose sees PostgreSQL healthy, which can be a moment before it takes TCP
 * connections: `npm run migrate` (the built CLI the job runs) waits for the database instead of failing.
 */
let db: RestartableDatabase;

beforeAll(async () => {
  db = await startRestartableDatabase();
});

afterAll(async () => {
  await db.close();
});

describe('npm run migrate', () => {
  it('when the database comes up only after migrate started, then migrate waits for it and succeeds', async () => {
    await db.stop();
    const child = spawn(process.execPath, [join(REPO, 'packages/db/dist/cli/migrate.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await db.start();
    expect(await exited).toBe(0);
    expect(output).toMatch(/database not reachable yet/);
    expect(output).toMatch(/database is up to date|applied:/);
  });
});
