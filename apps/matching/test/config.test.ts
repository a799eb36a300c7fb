import { DEFAULT_WEIGHTS } from '@circle-match/scoring';
import { ConfigError } from '@circle-match/service-kit';
import { loadMatchingConfig } from '../src/config.js';

const valid = { DATABASE_URL: 'postgres://u:p@db:5432/circle', INTERNAL_API_KEY: 'a-key-of-sixteen-chars' };

describe('matching configuration', () => {
  it('when only the required variables are set, then the documented defaults apply', () => {
    const config = loadMatchingConfig(valid);
    expect(config).toMatchObject({
      MATCHING_PORT: 8090,
      CANDIDATE_POOL_SIZE: 500,
      INACTIVE_DAYS: 45,
      LOG_LEVEL: 'info',
      RANKING_THREADS: 0,
      SEARCH_CONCURRENCY: 4,
      SEARCH_MAX_WAITING: 256,
    });
    expect(config.MATCH_WEIGHTS).toEqual(DEFAULT_WEIGHTS); // their values: packages/scoring/test/weights.test.ts
    expect(config.INTERNAL_API_KEY).toEqual(['a-key-of-sixteen-chars']);
  });

  it('when INTERNAL_API_KEY lists several keys, then all are accepted for rotation', () => {
    expect(
      loadMatchingConfig({ ...valid, INTERNAL_API_KEY: 'new-key-0123456789, old-key-0123456789' }).INTERNAL_API_KEY,
    ).toEqual(['new-key-0123456789', 'old-key-0123456789']);
  });

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    ['DATABASE_URL is missing', { ...valid, DATABASE_URL: undefined }, /DATABASE_URL: is required/],
    [
      'DATABASE_URL is not postgres',
      { ...valid, DATABASE_URL: 'mysql://x' },
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    ],
    ['INTERNAL_API_KEY is missing', { ...valid, INTERNAL_API_KEY: undefined }, /INTERNAL_API_KEY: is required/],
    [
      'INTERNAL_API_KEY is short',
      { ...valid, INTERNAL_API_KEY: 'short' },
      /INTERNAL_API_KEY\.0: each key must be at least 16/,
    ],
    ['MATCHING_PORT is not a port', { ...valid, MATCHING_PORT: '99999' }, /MATCHING_PORT/],
    ['CANDIDATE_POOL_SIZE is zero', { ...valid, CANDIDATE_POOL_SIZE: '0' }, /CANDIDATE_POOL_SIZE/],
    ['MATCH_WEIGHTS is not JSON', { ...valid, MATCH_WEIGHTS: '{oops' }, /MATCH_WEIGHTS: must be JSON/],
    [
      'MATCH_WEIGHTS do not sum to 1',
      { ...valid, MATCH_WEIGHTS: '{"interests":0.5,"needs":0.5,"bio":0.5,"distance":0,"age":0,"prompt":0}' },
      /MATCH_WEIGHTS: weights must sum to 1/,
    ],
    ['LOG_LEVEL is unknown', { ...valid, LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['RANKING_THREADS is negative', { ...valid, RANKING_THREADS: '-1' }, /RANKING_THREADS/],
    ['RANKING_THREADS is not a whole number', { ...valid, RANKING_THREADS: 'two' }, /RANKING_THREADS/],
    ['SEARCH_CONCURRENCY is zero', { ...valid, SEARCH_CONCURRENCY: '0' }, /SEARCH_CONCURRENCY/],
    ['SEARCH_MAX_WAITING is not a number', { ...valid, SEARCH_MAX_WAITING: 'many' }, /SEARCH_MAX_WAITING/],
  ])('when %s, then start-up fails naming the variable', (_label, env, message) => {
    expect(() => loadMatchingConfig(env)).toThrow(ConfigError);
    expect(() => loadMatchingConfig(env)).toThrow(message);
  });

  it('when a secret is invalid, then its value is not in the message', () => {
    expect(() => loadMatchingConfig({ ...valid, INTERNAL_API_KEY: 'sekrit' })).not.toThrow(/sekrit/);
  });
});
