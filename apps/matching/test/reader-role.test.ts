import { matchResponseSchema } from '@circle-match/contracts';
import { randomBytes } from 'node:crypto';
import { grantReader } from '@circle-match/db';
import {
  createTestDatabase,
  insertProfiles,
  insertRelations,
  profile,
  type TestDatabase,
} from '@circle-match/test-support';
import pg from 'pg';
import request from 'supertest';
import { Database } from '../src/data-access/database.js';
import { IndexSource } from '../src/data-access/index-source.js';
import { API_KEY, matchingApp, type TestApp } from './support.js';

/**
 * Least privilege (docs/operations.md, docs/reliability.md): matching runs as a role that can only read. Granted with `npm run migrate --
 * --grant-reader ROLE` (grantReader), the role serves searches, loads and refreshes the index and prunes the change
 * feed, and can change neither a member's data nor the schema.
 */
const role = `cm_reader_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');
const [requester, hiker, blocked] = [
  profile({ interests: ['hiking'] }),
  profile({ interests: ['hiking'] }),
  profile({ interests: ['hiking'] }),
];

let db: TestDatabase;
let readerUrl: string;
let service: TestApp;

async function asOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await insertProfiles(db.url, [requester, hiker, blocked]);
  await insertRelations(db.url, { blocks: [[requester.id, blocked.id]] });
  await asOwner(db.url, async (client) => {
    await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await grantReader(client, role);
  });
  const url = new URL(db.url);
  url.username = role;
  url.password = password;
  readerUrl = url.toString();
  service = await matchingApp(readerUrl);
});

afterAll(async () => {
  await service?.close();
  await db.close();
  await asOwner(process.env.TEST_DATABASE_URL!, (client) => client.query(`DROP ROLE IF EXISTS ${role}`));
});

describe('matching as a read-only role', () => {
  it('when it searches, then it reads the requester, their relations, the index and the re-check', async () => {
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'hiking' });
    expect(res.status).toBe(200);
    expect(matchResponseSchema.parse(res.body).matches.map((m) => m.id)).toEqual([hiker.id]);
  });

  it('when members change, then it follows the change feed and prunes it', async () => {
    const newcomer = profile({ interests: ['hiking'] });
    await insertProfiles(db.url, [newcomer]);
    await service.catchUp();
    const res = await request(service.app)
      .post('/api/ml/match')
      .set('X-API-Key', API_KEY)
      .send({ user_id: requester.id, prompt: 'hiking' });
    expect(matchResponseSchema.parse(res.body).matches.map((m) => m.id)).toContain(newcomer.id);
    const source = new IndexSource(new Database(service.connections, { maxWaiting: 10 }));
    await expect(source.pruneChanges(0)).resolves.toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['update a profile', `UPDATE profiles SET about = 'changed'`],
    ['delete a block', 'DELETE FROM blocks'],
    ['write the change feed', 'INSERT INTO cm_profile_changes (profile_id) VALUES (NULL)'],
    ['create a table', 'CREATE TABLE cm_intruder (id int)'],
    ['drop a trigger', 'DROP TRIGGER cm_changes_update ON profiles'],
  ])('when it tries to %s, then PostgreSQL refuses', async (_what, sql) => {
    await expect(service.connections.query(sql)).rejects.toThrow(/permission denied|must be owner/);
  });
});
