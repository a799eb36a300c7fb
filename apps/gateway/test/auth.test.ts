import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { errorBodySchema } from '@circle-match/contracts';
import { SignJWT, importPKCS8 } from 'jose';
import request from 'supertest';
import { DEAD_URL, gatewayApp, JWT_SECRET, tokenFor, type TestGateway } from './support.js';

/**
 * Authentication on its own: the matching service is unreachable here, so a request that passes the token check
 * ends in 503 (it was forwarded) and one that fails it ends in 401 (it was not).
 */
const USER = randomUUID();
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await gatewayApp({ matchingUrl: DEAD_URL });
});
afterAll(() => gateway.close());

const search = (authorization?: string) => {
  const req = request(gateway.app).post('/api/ml-matching/prompt-search');
  return (authorization === undefined ? req : req.set('Authorization', authorization)).send({ prompt: 'hiking' });
};

function expect401(res: request.Response, message: string, code = 'UNAUTHORIZED'): void {
  expect(res.status).toBe(401);
  expect(errorBodySchema.parse(res.body)).toMatchObject({ success: false, code, error: message });
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gateway authentication (HS256)', () => {
  it('when a valid token is sent, then the request is forwarded (503: matching is down)', async () => {
    expect((await search(`Bearer ${await tokenFor(USER)}`)).status).toBe(503);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['"Bearer" alone', 'Bearer'],
    ['"Bearer " with a space', 'Bearer '],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
  ])('when there is %s, then 401 "Missing Bearer token"', async (_label, header) => {
    expect401(await search(header), 'Missing Bearer token');
  });

  it('when the token is "Bearer undefined", then 401 "Invalid token", not a crash', async () => {
    expect401(await search('Bearer undefined'), 'Invalid token');
  });

  it('when the token expired, then 401 "Token expired"', async () => {
    const expired = await tokenFor(USER, { exp: Math.floor(Date.now() / 1000) - 60 });
    expect401(await search(`Bearer ${expired}`), 'Token expired', 'TOKEN_EXPIRED');
  });

  it('when the token is not yet valid (nbf in the future), then 401', async () => {
    expect401(
      await search(`Bearer ${await tokenFor(USER, { nbf: Math.floor(Date.now() / 1000) + 3600 })}`),
      'Invalid token',
    );
  });

  it('when the token has no exp, then 401', async () => {
    const forever = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(USER)
      .sign(new TextEncoder().encode(JWT_SECRET));
    expect401(await search(`Bearer ${forever}`), 'Invalid token');
  });

  it('when the token is signed with another secret, then 401', async () => {
    expect401(
      await search(`Bearer ${await tokenFor(USER, {}, 'another-secret-0123456789-0123456789')}`),
      'Invalid token',
    );
  });

  it.each(['HS384', 'HS512'])(
    'when the token is %s, signed with the right secret, then 401: the algorithm is pinned to HS256',
    async (alg) => {
      const other = await new SignJWT({})
        .setProtectedHeader({ alg })
        .setSubject(USER)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(JWT_SECRET));
      expect401(await search(`Bearer ${other}`), 'Invalid token');
      // The same claims as HS256 pass authentication (matching is down here: 503, not 401).
      expect((await search(`Bearer ${await tokenFor(USER)}`)).status).toBe(503);
    },
  );

  it('when the token says alg "none", then 401', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: USER, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    expect401(await search(`Bearer ${unsigned}`), 'Invalid token');
  });

  it('when the signature is tampered with, then 401', async () => {
    const token = await tokenFor(USER);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url({ sub: randomUUID(), exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`;
    expect401(await search(`Bearer ${forged}`), 'Invalid token');
  });

  it('when the token has no subject, then 401', async () => {
    expect401(await search(`Bearer ${await tokenFor(undefined)}`), 'Invalid token');
  });

  it('when the subject is not a uuid, then 401 naming the subject', async () => {
    expect401(await search(`Bearer ${await tokenFor('admin')}`), 'Invalid token: its subject is not a user id');
  });
});

describe('gateway authentication (RS256, issuer and audience)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let rsGateway: TestGateway;

  beforeAll(async () => {
    rsGateway = await gatewayApp({
      matchingUrl: DEAD_URL,
      auth: { publicKey: publicPem, algorithm: 'RS256', issuer: 'circle', audience: 'circle-app' },
    });
  });
  afterAll(() => rsGateway.close());

  const rsSearch = (token: string) =>
    request(rsGateway.app)
      .post('/api/ml-matching/search')
      .set('Authorization', `Bearer ${token}`)
      .send({ prompt: 'hiking' });
  const rsToken = async (claims: { iss?: string; aud?: string } = { iss: 'circle', aud: 'circle-app' }) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setSubject(USER).setExpirationTime('1h');
    if (claims.iss) jwt = jwt.setIssuer(claims.iss);
    if (claims.aud) jwt = jwt.setAudience(claims.aud);
    return jwt.sign(await importPKCS8(privatePem, 'RS256'));
  };

  it('when an RS256 token with the right issuer and audience is sent, then it is accepted', async () => {
    expect((await rsSearch(await rsToken())).status).toBe(503);
  });

  it('when the issuer or audience is wrong or missing, then 401', async () => {
    expect((await rsSearch(await rsToken({ iss: 'evil', aud: 'circle-app' }))).status).toBe(401);
    expect((await rsSearch(await rsToken({ iss: 'circle', aud: 'other' }))).status).toBe(401);
    expect((await rsSearch(await rsToken({}))).status).toBe(401);
  });

  it('when a token is HMAC-signed with the public key as secret (HS/RS confusion), then 401', async () => {
    const confused = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(USER)
      .setIssuer('circle')
      .setAudience('circle-app')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(publicPem));
    expect((await rsSearch(confused)).status).toBe(401);
  });
});

describe('verified tokens remembered', () => {
  it('when a token verified before expires, then it is refused as expired though remembered', async () => {
    const { createTokenVerifier } = await import('../src/entry-points/api/auth.js');
    let clock = Date.now();
    const verify = await createTokenVerifier({ secret: JWT_SECRET, algorithm: 'RS256' }, () => clock);
    const token = await tokenFor(USER, { exp: Math.floor(clock / 1000) + 20 });
    expect((await verify(token)).userId).toBe(USER);
    clock += 10_000;
    expect((await verify(token)).userId).toBe(USER); // remembered
    clock += 20_000; // past exp and its 5 s of tolerance, within the minute a verification is remembered
    await expect(verify(token)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('when a remembered token is altered by one character, then it is refused', async () => {
    const { createTokenVerifier } = await import('../src/entry-points/api/auth.js');
    const verify = await createTokenVerifier({ secret: JWT_SECRET, algorithm: 'RS256' });
    const token = await tokenFor(USER);
    await verify(token);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    await expect(verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).rejects.toThrow();
  });

  it('when a remembered token is sent again through the gateway, then it is accepted again', async () => {
    const token = await tokenFor(USER);
    expect((await search(`Bearer ${token}`)).status).toBe(503);
    expect((await search(`Bearer ${token}`)).status).toBe(503);
  });
});

describe('development tokens', () => {
  it('when npm run token mints a token, then the gateway accepts it for that member', async () => {
    const { mintDevToken } = await import('@circle-match/dev-token');
    const { createTokenVerifier } = await import('../src/entry-points/api/auth.js');
    const verify = await createTokenVerifier({ secret: JWT_SECRET, algorithm: 'RS256' });
    expect((await verify(await mintDevToken(USER, JWT_SECRET, { ttl: '5m' }))).userId).toBe(USER);
  });
});
