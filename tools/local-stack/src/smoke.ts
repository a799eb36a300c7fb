import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { errorBodySchema, promptSearchResponseSchema, publicHealthSchema } from '@circle-match/contracts';
import { mintDevToken } from '@circle-match/dev-token';

/**
 * `npm run smoke -- --url URL [--token JWT | --user UUID] [--prompt TEXT]`: checks a running deployment from
 * outside, as the prototype's test_service.py did — the public health route, an authenticated search (with
 * `--token`, or a token minted for `--user` with JWT_SECRET) and the docs/api.md error shapes. One line per check;
 * exit 0 when all pass, 1 otherwise.
 */
interface Check {
  name: string;
  run: () => Promise<string>;
}

function options(): { url: string; token?: string; user?: string; prompt: string } {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      user: { type: 'string' },
      prompt: { type: 'string', default: 'hiking near me' },
    },
  });
  if (!values.url || !/^https?:\/\//.test(values.url)) {
    process.stderr.write(
      'usage: npm run smoke -- --url http(s)://host[:port] [--token JWT | --user UUID] [--prompt TEXT]\n',
    );
    process.exit(2);
  }
  return { url: values.url.replace(/\/$/, ''), token: values.token, user: values.user, prompt: values.prompt };
}

async function json(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new Error(`${res.status} with content-type "${type}", not JSON`);
  return res.json();
}

async function expectError(res: Response, status: number, code: string): Promise<string> {
  const body = errorBodySchema.parse(await json(res));
  if (res.status !== status || body.code !== code)
    throw new Error(`${res.status} ${body.code}, expected ${status} ${code}`);
  return `${status} ${code}`;
}

async function main(): Promise<void> {
  const { url, token: given, user, prompt } = options();
  const secret = process.env.JWT_SECRET;
  const token = given ?? (secret ? await mintDevToken(user ?? randomUUID(), secret, { ttl: '5m' }) : undefined);
  const search = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${url}/api/ml-matching/prompt-search`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  const checks: Check[] = [
    {
      name: 'health',
      run: async () => {
        const res = await fetch(`${url}/api/ml-matching/health`, { signal: AbortSignal.timeout(10_000) });
        const body = publicHealthSchema.parse(await json(res));
        if (res.status !== 200 || body.status !== 'healthy') throw new Error(`${res.status} ${body.status}`);
        return 'healthy';
      },
    },
    {
      name: 'search',
      run: async () => {
        if (!token) throw new Error('no token: pass --token, or set JWT_SECRET (with --user) to mint one');
        const res = await search({ prompt, limit: 5 });
        // A member unknown to this deployment's database gets the documented 404; that still proves the path works.
        if (res.status === 404 && !given && !user)
          return `${await expectError(res, 404, 'PROFILE_NOT_FOUND')} (no --user: a random member)`;
        const body = promptSearchResponseSchema.parse(await json(res));
        if (res.status !== 200) throw new Error(`${res.status}`);
        return `200, ${body.count} matches`;
      },
    },
    {
      name: 'no token → 401',
      run: async () => expectError(await search({ prompt }, { Authorization: '' }), 401, 'UNAUTHORIZED'),
    },
    {
      name: 'bad token → 401',
      run: async () =>
        expectError(await search({ prompt }, { Authorization: 'Bearer not.a.token' }), 401, 'UNAUTHORIZED'),
    },
    {
      name: 'invalid body → 400',
      run: async () => {
        if (!token) throw new Error('needs a token');
        return expectError(await search({ prompt, limit: 'many' }), 400, 'VALIDATION_ERROR');
      },
    },
    {
      name: 'unknown route → JSON 404',
      run: async () => {
        const res = await fetch(`${url}/api/ml/match`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
        if (res.status !== 404 && res.status !== 401)
          throw new Error(`${res.status}: the internal API answers from outside`);
        errorBodySchema.parse(await json(res));
        return `${res.status}, JSON`;
      },
    },
  ];
  let failed = 0;
  for (const check of checks) {
    try {
      process.stdout.write(`ok   ${check.name}: ${await check.run()}\n`);
    } catch (error) {
      failed++;
      process.stdout.write(`FAIL ${check.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.stdout.write(`${checks.length - failed}/${checks.length} checks passed against ${url}\n`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
