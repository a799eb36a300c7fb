import { jest } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';

/**
 * The API-key check compares in constant time: SHA-256 digests of equal length through crypto.timingSafeEqual,
 * against every accepted key, whatever was sent. A plain `===` would pass every functional test, so this one
 * watches the comparison itself.
 */
const actual = await import('node:crypto');
const timingSafeEqual = jest.fn(actual.timingSafeEqual);
jest.unstable_mockModule('node:crypto', () => ({ ...actual, timingSafeEqual }));
const { requireApiKey } = await import('../src/entry-points/api/api-key.js');

const KEYS = ['new-key-0123456789abcdef', 'old-key-0123456789abcdef'];

function check(header: string | undefined): unknown {
  let passed: unknown = 'not called';
  const next = ((error?: unknown) => (passed = error ?? null)) as NextFunction;
  requireApiKey(KEYS)(
    { headers: header === undefined ? {} : { 'x-api-key': header } } as Request,
    {} as Response,
    next,
  );
  return passed;
}

describe('API key comparison', () => {
  beforeEach(() => timingSafeEqual.mockClear());

  it.each([
    ['a wrong key of another length', 'x'],
    ['a prefix of the key', 'new-key-0123'],
    ['the key with one character changed at the end', 'new-key-0123456789abcdeX'],
    ['the second (rotating) key', KEYS[1]!],
  ])('when %s is sent, then every accepted key is compared, as 32-byte digests', (_label, presented) => {
    check(presented);
    expect(timingSafeEqual).toHaveBeenCalledTimes(KEYS.length);
    for (const [a, b] of timingSafeEqual.mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });

  it('when the right key is sent, then it passes; a wrong one gets INVALID_API_KEY', () => {
    expect(check(KEYS[0])).toBeNull();
    expect(check(KEYS[1])).toBeNull();
    expect(check('wrong-key-0123456789abcd')).toMatchObject({ code: 'INVALID_API_KEY' });
    expect(check(undefined)).toMatchObject({ code: 'INVALID_API_KEY', message: 'Missing X-API-Key header' });
  });
});
