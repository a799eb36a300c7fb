import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@circle-match/service-kit';
import { loadGatewayConfig } from '../src/config.js';

const valid = { INTERNAL_API_KEY: 'a-key-of-sixteen-chars', JWT_SECRET: 'a-secret-of-at-least-thirty-two-chars!' };

describe('gateway configuration', () => {
  it('when only the required variables are set, then the documented defaults apply', () => {
    expect(loadGatewayConfig(valid)).toMatchObject({
      GATEWAY_PORT: 8080,
      ML_SERVICE_URL: 'http://127.0.0.1:8090',
      MATCHING_TIMEOUT_MS: 3000,
    });
  });

  it('when session revocation is enforced with a Redis, then it is on with a timeout of a few ms', () => {
    expect(loadGatewayConfig(valid)).toMatchObject({ ENFORCE_SESSION_REVOCATION: false });
    expect(
      loadGatewayConfig({ ...valid, REDIS_URL: 'redis://cache:6379', ENFORCE_SESSION_REVOCATION: 'true' }),
    ).toMatchObject({
      ENFORCE_SESSION_REVOCATION: true,
      SESSION_CHECK_TIMEOUT_MS: 20,
    });
  });

  it('when INTERNAL_API_KEY lists rotating keys, then the gateway sends the first', () => {
    expect(
      loadGatewayConfig({ ...valid, INTERNAL_API_KEY: 'new-key-0123456789,old-key-0123456789' }).INTERNAL_API_KEY,
    ).toBe('new-key-0123456789');
  });

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    [
      'no JWT key at all',
      { INTERNAL_API_KEY: valid.INTERNAL_API_KEY },
      /JWT_SECRET: one of JWT_SECRET \(HS256\), JWT_PUBLIC_KEY or JWKS_URL/,
    ],
    [
      'two JWT keys',
      { ...valid, JWKS_URL: 'https://idp.example/jwks.json' },
      /set only one of JWT_SECRET, JWT_PUBLIC_KEY and JWKS_URL/,
    ],
    ['a short JWT_SECRET', { ...valid, JWT_SECRET: 'short' }, /JWT_SECRET: must be at least 32 characters/],
    ['no INTERNAL_API_KEY', { JWT_SECRET: valid.JWT_SECRET }, /INTERNAL_API_KEY: is required/],
    ['a bad ML_SERVICE_URL', { ...valid, ML_SERVICE_URL: 'ftp://x' }, /ML_SERVICE_URL/],
    ['an unknown JWT_ALGORITHM', { ...valid, JWT_ALGORITHM: 'none' }, /JWT_ALGORITHM/],
    [
      'a JWKS_URL over plain http',
      { INTERNAL_API_KEY: valid.INTERNAL_API_KEY, JWKS_URL: 'http://idp.example/jwks.json' },
      /JWKS_URL: must be an https:\/\/ URL/,
    ],
    ['a REDIS_URL that is not redis://', { ...valid, REDIS_URL: 'http://cache:6379' }, /REDIS_URL/],
    [
      'session revocation enforced without REDIS_URL',
      { ...valid, ENFORCE_SESSION_REVOCATION: 'true' },
      /ENFORCE_SESSION_REVOCATION: needs REDIS_URL/,
    ],
    [
      'ENFORCE_SESSION_REVOCATION neither true nor false',
      { ...valid, ENFORCE_SESSION_REVOCATION: 'yes' },
      /ENFORCE_SESSION_REVOCATION: must be true or false/,
    ],
  ])('when %s, then start-up fails naming the variable', (_label, env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('when the environment comes from the process, then a .env file in the working directory completes it, set variables winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-dotenv-'));
    const cwd = process.cwd();
    const saved = { ...process.env };
    try {
      writeFileSync(
        join(dir, '.env'),
        `INTERNAL_API_KEY=${valid.INTERNAL_API_KEY}\nJWT_SECRET=${valid.JWT_SECRET}\nMATCHING_TIMEOUT_MS=1234\nGATEWAY_PORT=9999\n`,
      );
      for (const key of ['INTERNAL_API_KEY', 'JWT_SECRET', 'MATCHING_TIMEOUT_MS', 'JWT_PUBLIC_KEY', 'JWKS_URL'])
        delete process.env[key];
      process.env.GATEWAY_PORT = '8181';
      process.chdir(dir);
      expect(loadGatewayConfig()).toMatchObject({
        JWT_SECRET: valid.JWT_SECRET,
        MATCHING_TIMEOUT_MS: 1234,
        GATEWAY_PORT: 8181,
      });
    } finally {
      process.chdir(cwd);
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
