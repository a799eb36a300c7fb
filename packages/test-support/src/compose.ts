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
 * A service's environment as docker-compose.production.yml sets it (NODE_OPTIONS included), so tests and benchmarks
 * run what production runs.
 */
export function composeEnvironment(service: 'matching' | 'gateway'): Record<string, string> {
  const compose = readCompose() as { services: Record<string, { environment?: Record<string, string | number> }> };
  return Object.fromEntries(Object.entries(compose.services[service]?.environment ?? {}).map(([k, v]) => [k, String(v)]));
}
