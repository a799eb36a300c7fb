import { DEFAULT_WEIGHTS, InvalidWeightsError, validateWeights, type Weights } from '@circle-match/scoring';
import { parseEnv } from '@circle-match/service-kit';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const weightsSchema = z
  .string()
  .optional()
  .transform((raw, ctx): Weights => {
    if (raw === undefined || raw.trim() === '') return { ...DEFAULT_WEIGHTS };
    try {
      return validateWeights(JSON.parse(raw));
    } catch (error) {
      const reason = error instanceof InvalidWeightsError ? error.message : 'must be JSON like {"interests":0.25,…}';
      ctx.addIssue({ code: 'custom', message: reason });
      return z.NEVER;
    }
  });

/** SEARCH_CONCURRENCY and SEARCH_MAX_WAITING by default (also what tests build the service with). */
export const SEARCH_ADMISSION = { concurrency: 4, maxWaiting: 256 } as const;

/** Every setting of the matching service (README, Configuration), read from the environment once, at start. */
export const matchingEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string({ error: 'is required (postgres://user:password@host:5432/database)' })
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' }),
  INTERNAL_API_KEY: z
    .string({ error: 'is required (one key, or several separated by commas while rotating)' })
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().min(16, { error: 'each key must be at least 16 characters' }))
        .min(1, { error: 'needs at least one key' }),
    ),
  MATCHING_PORT: port(8090),
  MATCHING_HOST: z.string().default('0.0.0.0'),
  CANDIDATE_POOL_SIZE: positiveInt(500, 5000),
  INACTIVE_DAYS: positiveInt(45, 3650),
  /** Days before a member the requester passed on may be proposed again (docs/semantics.md). */
  PASS_COOLDOWN_DAYS: positiveInt(30, 3650),
  MATCH_WEIGHTS: weightsSchema,
  /** About twice the database's cores (see docker-compose.production.yml for the measurement). */
  DB_POOL_MAX: positiveInt(4, 200),
  /** How long a request waits for a database connection before a 503. */
  DB_CONNECTION_TIMEOUT_MS: positiveInt(1000, 60_000),
  DB_STATEMENT_TIMEOUT_MS: positiveInt(2000, 60_000),
  /** Requests allowed to wait for a connection at once; more are refused with 503 rather than queued. */
  DB_MAX_WAITING: positiveInt(100, 10_000),
  /** How often the candidate index reads the change feed: an edit is searchable within about this. */
  INDEX_POLL_INTERVAL_MS: positiveInt(1000, 60_000),
  /** How often the whole index is rebuilt from the database (catches anything the change feed missed). */
  INDEX_RECONCILE_INTERVAL_S: positiveInt(900, 86_400),
  /**
   * Threads that build and score pools, each reading the one index in shared memory, the service thread ranking
   * when they are busy (docs/performance.md "Both cores"); 0: the service thread alone. One beside it on two cores.
   */
  RANKING_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /**
   * Searches worked on at once; the others wait their turn before any work (docs/performance.md "Admission"): on a
   * saturated service a few at a time keep the young generation's survivors few. Enough to keep the cores busy
   * while some wait for the database.
   */
  SEARCH_CONCURRENCY: positiveInt(SEARCH_ADMISSION.concurrency, 1000),
  /** Searches allowed to wait for their turn; more are refused with 503 (busy) rather than queued. */
  SEARCH_MAX_WAITING: positiveInt(SEARCH_ADMISSION.maxWaiting, 100_000),
  /** Change-feed rows older than this are pruned. */
  INDEX_FEED_RETENTION_S: positiveInt(3600, 7 * 86_400),
});

export type MatchingConfig = z.output<typeof matchingEnvSchema>;

export function loadMatchingConfig(env?: NodeJS.ProcessEnv): MatchingConfig {
  return parseEnv(matchingEnvSchema, env);
}
