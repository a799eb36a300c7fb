import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** docker-compose.production.yml as compose reads it (YAML merge keys resolved). */
export function readCompose(): unknown {
  return parse(readFileSync(join(REPO, 'docker-compose.production.yml'), 'utf8'), { merge: true });
}

/** `${VAR}` and `${VAR:-default}` as compose substitutes them, from `env` (empty when unset and no default). */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
    const set = env[name];
    return set !== undefined && set !== '' ? set : (fallback ?? '');
  });
}

/**
 * A service's environment as docker-compose.production.yml sets it (NODE_OPTIONS included), substitutions resolved
 * from `env` and empty values left out, so tests and benchmarks run what production runs.
 */
export function composeEnvironment(service: 'matching' | 'gateway', env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const compose = readCompose() as { services: Record<string, { environment?: Record<string, string | number> }> };
  return Object.fromEntries(
    Object.entries(compose.services[service]?.environment ?? {})
      .map(([k, v]) => [k, interpolate(String(v), env)] as const)
      .filter(([, v]) => v !== ''),
  );
}
