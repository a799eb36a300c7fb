import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** docker-compose.production.yml as compose reads it (YAML merge keys resolved). */
export function readCompose(): unknown {
  return parse(readFileSync(join(REPO, 'docker-compose.production.yml'), 'utf8'), { merge: true });
}

/**
 * `${VAR}`, `${VAR:-default}` and `${VAR:?message}` as compose substitutes them, from `env`: empty when unset with
 * no default (where compose would stop with the message, the caller supplies the value itself).
 */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_match, name: string, kind: string | undefined, rest: string | undefined) => {
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      return kind === '-' ? (rest ?? '') : '';
    },
  );
}

/** The compose service that runs each app (the prototype's runbook calls matching `ml-matching`). */
export const COMPOSE_SERVICE = { matching: 'ml-matching', gateway: 'gateway' } as const;

/**
 * A service's environment as docker-compose.production.yml sets it (NODE_OPTIONS included), substitutions resolved
 * from `env` and empty values left out, so tests and benchmarks run what production runs.
 */
export function composeEnvironment(app: 'matching' | 'gateway', env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const compose = readCompose() as { services: Record<string, { environment?: Record<string, string | number> }> };
  return Object.fromEntries(
    Object.entries(compose.services[COMPOSE_SERVICE[app]]?.environment ?? {})
      .map(([k, v]) => [k, interpolate(String(v), env)] as const)
      // A value left incomplete by a missing secret (DATABASE_URL without its password) is the caller's to give.
      .filter(([, v]) => v !== '' && !/:\/\/[^:]*:@/.test(v)),
  );
}
