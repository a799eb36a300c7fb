import { parseEnv } from '@circle-match/service-kit';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? undefined : s));

/** Every setting of the gateway (README, Configuration; docs/reliability.md), read from the environment once, at start. */
export const gatewayEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    GATEWAY_HOST: z.string().default('0.0.0.0'),
    ML_SERVICE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:8090'),
    INTERNAL_API_KEY: z
      .string({ error: 'is required: the key the gateway presents to the matching service' })
      // While keys rotate the variable may list several; the gateway sends the first.
      .transform((s) => s.split(',')[0]?.trim() ?? '')
      .pipe(z.string().min(16, { error: 'must be at least 16 characters' })),
    JWT_SECRET: optionalText.pipe(z.string().min(32, { error: 'must be at least 32 characters (HS256)' }).optional()),
    JWT_PUBLIC_KEY: optionalText,
    // Keys fetched over plain http could be swapped by anyone on the path: https only.
    JWKS_URL: optionalText.pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional()),
    JWT_ALGORITHM: z.enum(['RS256', 'ES256']).default('RS256'),
    JWT_ISSUER: optionalText,
    JWT_AUDIENCE: optionalText,
    MATCHING_TIMEOUT_MS: positiveInt(3000, 60_000),
    /** Failure share over the rolling window that opens the circuit to matching. */
    CIRCUIT_ERROR_PERCENT: positiveInt(50, 100),
    /** How long the circuit stays open before one trial request. */
    CIRCUIT_RESET_MS: positiveInt(5000, 600_000),
    RATE_LIMIT_WINDOW_MS: positiveInt(1000, 3_600_000),
    RATE_LIMIT_PER_USER: positiveInt(20, 1_000_000),
    RATE_LIMIT_PER_IP: positiveInt(40, 1_000_000),
    /** Searches of one member in flight at once (docs/reliability.md: a couple). */
    MAX_IN_FLIGHT_PER_USER: positiveInt(2, 100),
    /** Quotas against bulk scraping: searches of one member per hour and per day. */
    RATE_LIMIT_HOURLY_PER_USER: positiveInt(300, 1_000_000),
    RATE_LIMIT_DAILY_PER_USER: positiveInt(2000, 10_000_000),
    /** Distinct ~1 km cells a member may search from in an hour. */
    MAX_ORIGINS_PER_HOUR: positiveInt(20, 100_000),
    /** Where every replica keeps its limits' counts (redis://…); unset: each process counts alone. */
    REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
    /** Refuse tokens whose session Circle revoked (`revoked:jti:<jti>` in the Redis of REDIS_URL), as Circle's API does. */
    ENFORCE_SESSION_REVOCATION: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    /** The most a request waits for that lookup before going on unchecked (fail open). */
    SESSION_CHECK_TIMEOUT_MS: positiveInt(20, 1000),
  })
  .superRefine((env, ctx) => {
    if (env.ENFORCE_SESSION_REVOCATION && env.REDIS_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENFORCE_SESSION_REVOCATION'],
        message: "needs REDIS_URL: Circle's revoked sessions live in its Redis",
      });
    }
    const verifiers = [env.JWT_SECRET, env.JWT_PUBLIC_KEY, env.JWKS_URL].filter((v) => v !== undefined).length;
    if (verifiers !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message:
          verifiers === 0
            ? 'one of JWT_SECRET (HS256), JWT_PUBLIC_KEY or JWKS_URL (RS256/ES256) is required'
            : 'set only one of JWT_SECRET, JWT_PUBLIC_KEY and JWKS_URL: the token algorithm is pinned by it',
      });
    }
  });

export type GatewayConfig = z.output<typeof gatewayEnvSchema>;

export function loadGatewayConfig(env?: NodeJS.ProcessEnv): GatewayConfig {
  return parseEnv(gatewayEnvSchema, env);
}
