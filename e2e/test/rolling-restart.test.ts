import { backToBack, insertProfiles } from '@circle-match/test-support';
import { e2eAvailable, startStack, type Stack } from './stack.js';
import { LOAD_FROM_ONE_ADDRESS, publicCalls, town, type PublicCall } from './traffic.js';

/**
 * A rolling restart of the gateway (docs/reliability.md): with the two replicas nginx balances over, SIGTERM one, start it
 * again, then the other, all under steady traffic through nginx — every request succeeds and nginx answers no 502
 * (nor its JSON 503 for one).
 */
const members = town(200);
const CONCURRENCY = 8;

const run = e2eAvailable();
let stack: Stack;
let calls: PublicCall[];

let sent = 0;

/** One search through nginx: its status, 0 for a connection failure or timeout. */
async function searchOnce(url: string): Promise<number> {
  const call = calls[sent++ % calls.length]!;
  try {
    const res = await fetch(`${url}${call.path}`, {
      method: 'POST',
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

(run ? describe : describe.skip)('rolling restart of the gateway behind nginx', () => {
  beforeAll(async () => {
    stack = await startStack((url) => insertProfiles(url, members).then(() => undefined), LOAD_FROM_ONE_ADDRESS);
    calls = await publicCalls(members.slice(0, 40));
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('when each gateway replica is restarted in turn under load, then no request fails and nginx logs no 502', async () => {
    const load = backToBack(CONCURRENCY, () => searchOnce(stack.url));
    await new Promise((r) => setTimeout(r, 1000));
    const firstExit = await stack.restartGateway(0);
    await new Promise((r) => setTimeout(r, 500));
    const secondExit = await stack.restartGateway(1);
    await new Promise((r) => setTimeout(r, 1000));
    await load.stop();

    expect(firstExit).toBe(0);
    expect(secondExit).toBe(0);
    expect(load.results.length).toBeGreaterThan(50);
    const failed = load.results.filter((s) => s !== 200);
    expect(failed).toEqual([]);
    const accessLines = stack
      .nginxLog()
      .split('\n')
      .filter((l) => l.startsWith('{"time"'))
      .map((l) => JSON.parse(l) as { status: number; path: string });
    expect(accessLines.filter((l) => l.path.startsWith('/api/ml-matching/') && l.status !== 200)).toEqual([]);
    // Both replicas really went away and came back while traffic flowed.
    expect(stack.logs.gateway.join('').match(/shut down cleanly/g)).toHaveLength(2);
  }, 120_000);
});
