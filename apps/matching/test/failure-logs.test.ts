import { createLogger } from '@circle-match/service-kit';
import { leaksIn, logSink } from '@circle-match/test-support';
import request from 'supertest';
import { API_KEY, matchingBehindProxy, type ProxiedMatching } from './support.js';

/**
 * Matching's logs when its database fails mid-request (docs/reliability.md): the failure is logged, with its cause, but no line
 * holds the API key, the prompt, the coordinates or the body.
 */
const logs = logSink();
let fixture: ProxiedMatching;

beforeAll(async () => {
  fixture = await matchingBehindProxy({
    connectionTimeoutMillis: 500,
    logger: createLogger('matching', 'debug', logs.stream),
  });
});

afterAll(() => fixture.close());

const PROMPT = 'secret-prompt-51c2 hikers';
const search = () =>
  request(fixture.service.app)
    .post('/api/ml/match')
    .set('X-API-Key', API_KEY)
    .send({ user_id: fixture.requesterId, prompt: PROMPT, latitude: 48.856613, longitude: 2.352222 });

describe('matching logs on failure paths', () => {
  it.each([
    ['the database is cut before the request', async () => fixture.proxy.cut()],
    ['the database answers too slowly (connection timeout)', () => Promise.resolve(fixture.proxy.setDelay(2000))],
  ])('when %s, then 503 and no log line holds the key, prompt, coordinates or body', async (_label, fault) => {
    await fault();
    try {
      const res = await search();
      expect(res.status).toBe(503);
    } finally {
      fixture.proxy.setDelay(0);
      await fixture.proxy.restore();
    }
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(
      leaksIn(logs.text(), {
        apiKey: API_KEY,
        prompt: 'secret-prompt-51c2',
        latitude: '48.856613',
        longitude: '2.352222',
        body: '"prompt"',
      }),
    ).toEqual([]);
  });
});
