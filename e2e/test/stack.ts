import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@circle-match/test-support';
import { parse } from 'yaml';

/**
 * The production topology on one machine: the built matching and gateway services as processes, configured from
 * docker-compose.production.yml, behind a real nginx running the repo's nginx/ configuration with its ports
 * templated, on a real database.
 */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const API_KEY = 'e2e-internal-key-0123456789';
export const JWT_SECRET = 'e2e-jwt-secret-0123456789-0123456789-xyz';

/** nginx's binary, or null. */
export function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  const which = spawnSync('which', ['nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/**
 * Whether the e2e suites can run here. Without nginx they are skipped with a printed reason, unless REQUIRE_E2E=1
 * (CI installs nginx and sets it), when a missing nginx fails the run.
 */
export function e2eAvailable(): boolean {
  if (findNginx()) return true;
  if (process.env.REQUIRE_E2E === '1') throw new Error('REQUIRE_E2E=1 but nginx is not installed (apt-get install nginx-light)');
  process.stdout.write('e2e: skipped: nginx is not installed here (apt-get install nginx-light, or set REQUIRE_E2E=1 to fail instead)\n');
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface ComposeService {
  environment?: Record<string, string | number>;
}

/** A service's environment as docker-compose.production.yml sets it, so the tests run what production runs. */
export function composeEnvironment(service: 'matching' | 'gateway'): Record<string, string> {
  const compose = parse(readFileSync(join(REPO, 'docker-compose.production.yml'), 'utf8')) as { services: Record<string, ComposeService> };
  return Object.fromEntries(Object.entries(compose.services[service]?.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

/** ${VAR} replaced for the given variables only (as the nginx image's envsubst does); nginx's own $vars stay. */
export function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

async function waitFor(url: string, ok: (status: number) => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (ok((await fetch(url, { signal: AbortSignal.timeout(1000) })).status)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export interface Stack {
  url: string;
  db: TestDatabase;
  matching: ChildProcess;
  gateway: ChildProcess;
  nginx: ChildProcess;
  logs: { matching: string[]; gateway: string[]; nginx: string[] };
  /** nginx's access and error logs so far. */
  nginxLog(): string;
  stop(): Promise<void>;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv, sink: string[]): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => sink.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => sink.push(d.toString()));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts database, matching, gateway and nginx; `prepare` fills the database first. */
export async function startStack(prepare: (databaseUrl: string) => Promise<void>): Promise<Stack> {
  const nginxBinary = findNginx();
  if (!nginxBinary) throw new Error('nginx is not installed');
  const db = await createTestDatabase();
  await prepare(db.url);
  const [matchingPort, gatewayPort, nginxPort] = [await freePort(), await freePort(), await freePort()];
  const logs = { matching: [] as string[], gateway: [] as string[], nginx: [] as string[] };
  const base = { PATH: process.env.PATH, LOG_LEVEL: 'info', INTERNAL_API_KEY: API_KEY };

  const matching = launch(
    process.execPath,
    [join(REPO, 'apps/matching/dist/main.js')],
    { ...base, ...composeEnvironment('matching'), DATABASE_URL: db.url, MATCHING_PORT: String(matchingPort), MATCHING_HOST: '127.0.0.1' },
    logs.matching,
  );
  const gateway = launch(
    process.execPath,
    [join(REPO, 'apps/gateway/dist/main.js')],
    {
      ...base,
      ...composeEnvironment('gateway'),
      JWT_SECRET,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_HOST: '127.0.0.1',
      ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`,
    },
    logs.gateway,
  );
  const dir = mkdtempSync(join(tmpdir(), 'circle-nginx-'));
  let nginx: ChildProcess | null = null;
  const stop = async (): Promise<void> => {
    await Promise.all([nginx && stopChild(nginx), stopChild(gateway), stopChild(matching)]);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const site = render(readFileSync(join(REPO, 'nginx/templates/circle-match.conf.template'), 'utf8'), {
      NGINX_PORT: `127.0.0.1:${nginxPort}`,
      GATEWAY_UPSTREAM: `127.0.0.1:${gatewayPort}`,
      MATCHING_UPSTREAM: `127.0.0.1:${matchingPort}`,
    });
    writeFileSync(join(dir, 'circle-match.conf'), site);
    // The repo's main config with this run's paths: the site include, the pid file and the two log files.
    const main = readFileSync(join(REPO, 'nginx/nginx.conf'), 'utf8')
      .replace('/etc/nginx/conf.d/*.conf', join(dir, 'circle-match.conf'))
      .replace('pid /tmp/nginx.pid;', `pid ${join(dir, 'nginx.pid')};`)
      .replace('/var/log/nginx/error.log', join(dir, 'error.log'))
      .replace('/var/log/nginx/access.log', join(dir, 'access.log'));
    writeFileSync(join(dir, 'nginx.conf'), main);
    const check = spawnSync(nginxBinary, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
    nginx = launch(nginxBinary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { PATH: process.env.PATH }, logs.nginx);
    await waitFor(`http://127.0.0.1:${matchingPort}/health`, (s) => s === 200);
    await waitFor(`http://127.0.0.1:${gatewayPort}/api/ml-matching/health`, (s) => s === 200);
    await waitFor(`http://127.0.0.1:${nginxPort}/api/ml/health`, (s) => s === 200);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nmatching: ${logs.matching.join('')}\ngateway: ${logs.gateway.join('')}\nnginx: ${logs.nginx.join('')}`, {
      cause: error,
    });
  }
  const stack: Stack = {
    url: `http://127.0.0.1:${nginxPort}`,
    db,
    matching,
    gateway,
    nginx,
    logs,
    nginxLog: () => {
      const read = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
      return read('access.log') + read('error.log');
    },
    stop,
  };
  return stack;
}
