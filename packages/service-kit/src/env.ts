import { config as loadDotenv } from 'dotenv';
import type { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Completes process.env from a `.env` file in the working directory, when there is one; variables already set win.
 * The one place that file is read: by parseEnv for the services, and by the tools (npm start, the bench).
 */
export function loadEnvFile(): void {
  loadDotenv({ quiet: true });
}

/**
 * Parses the environment once, at start: the process's, completed by a `.env` file in the working directory when
 * there is one (the one place that file is read; variables already set win). A bad or missing value stops the
 * service with a message naming each variable and what is wrong with it, never its value (it may be a secret).
 * With `env` given (tests), exactly that is parsed.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env?: NodeJS.ProcessEnv): z.output<S> {
  if (env === undefined) loadEnvFile();
  const result = schema.safeParse(env ?? process.env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

/**
 * Runs a service's or a command's start: a configuration error is printed as its message (it names the variable),
 * anything else with its stack; either exits 1.
 */
export function runMain(main: () => void | Promise<void>): void {
  const fail = (error: unknown): never => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  };
  try {
    void Promise.resolve(main()).catch(fail);
  } catch (error) {
    fail(error);
  }
}
