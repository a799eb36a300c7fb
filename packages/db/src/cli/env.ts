import { parseEnv } from '@circle-match/service-kit';
import { z } from 'zod';

/** The database the command works on: DATABASE_URL (from the environment or a .env file). */
export function databaseUrlFromEnv(): string {
  return parseEnv(
    z.object({
      DATABASE_URL: z
        .string({ error: 'is required: the database to work on (postgres://user:password@host:5432/database)' })
        .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' }),
    }),
  ).DATABASE_URL;
}

export function fail(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
