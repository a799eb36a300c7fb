import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  composeEnvironment,
  createTestDatabase,
  findNginx,
  freePort,
  startNginx,
  type RunningNginx,
  type TestDatabase,
} from '@circle-match/test-support';

/**
 * The production topology on one machine: the built matching and gateway services as processes, configured from
 * docker-compose.production.yml, behind a real nginx running the repo's nginx/ configuration with its ports
 * templated, on a real database.
 */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const API_KEY = 'e2e-internal-key-0123456789';
export const JWT_SECRET = 'e2e-jwt-secret-0123456789-0123456789-xyz';

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
  /** Each service's own address, as Prometheus reaches it inside the network (nginx keeps /metrics closed). */
  internal: { matching: string; gateways: [string, string] };
  db: TestDatabase;
  matching: ChildProcess;
  /** The two gateway replicas nginx balances over, as production runs them. */
  gateways: [ChildProcess, ChildProcess];
  logs: { matching: string[]; gateway: string[] };
  /** nginx's access and error logs so far. */
  nginxLog(): string;
  /**
   * SIGTERM one gateway replica, wait for it to exit, start it again and wait until it is healthy; resolves with
   * the old process's exit code.
   */
  restartGateway(index: 0 | 1): Promise<number | null>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Rewrites of the rendered nginx site (e.g. a higher per-address rate for load from one address). */
  siteOverrides?: Array<[string, string]>;
  /** Extra gateway environment over the compose file's. */
  gatewayEnv?: Record<string, string>;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv, sink: string[]): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => sink.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => sink.push(d.toString()));
  return child;
}

/** SIGTERM (SIGKILL after 10 s); resolves with the exit code, null when it had to be killed. */
async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Starts database, matching, two gateways and nginx; `prepare` fills the database first. */
export async function startStack(prepare: (databaseUrl: string) => Promise<void>, options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  await prepare(db.url);
  const [matchingPort, nginxPort] = [await freePort(), await freePort()];
  const gatewayPorts = [await freePort(), await freePort()] as const;
  const logs = { matching: [] as string[], gateway: [] as string[] };
  const base = { PATH: process.env.PATH, LOG_LEVEL: 'info', INTERNAL_API_KEY: API_KEY };

  const matching = launch(
    process.execPath,
    [join(REPO, 'apps/matching/dist/main.js')],
    {
      ...base,
      ...composeEnvironment('matching'),
      DATABASE_URL: db.url,
      MATCHING_PORT: String(matchingPort),
      MATCHING_HOST: '127.0.0.1',
    },
    logs.matching,
  );
  const startGateway = (port: number): ChildProcess =>
    launch(
      process.execPath,
      [join(REPO, 'apps/gateway/dist/main.js')],
      {
        ...base,
        ...composeEnvironment('gateway'),
        JWT_SECRET,
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`,
        ...options.gatewayEnv,
      },
      logs.gateway,
    );
  const gateways: [ChildProcess, ChildProcess] = [startGateway(gatewayPorts[0]), startGateway(gatewayPorts[1])];
  const gatewayHealth = (index: 0 | 1) => `http://127.0.0.1:${gatewayPorts[index]}/api/ml-matching/health`;
  let nginx: RunningNginx | null = null;
  const stop = async (): Promise<void> => {
    await Promise.all([nginx?.stop(), ...gateways.map(stopChild), stopChild(matching)]);
    await db.close();
  };
  try {
    nginx = startNginx({
      port: nginxPort,
      gatewayUpstreams: [`127.0.0.1:${gatewayPorts[0]}`, `127.0.0.1:${gatewayPorts[1]}`],
      matchingUpstream: `127.0.0.1:${matchingPort}`,
      siteOverrides: options.siteOverrides,
    });
    await waitFor(`http://127.0.0.1:${matchingPort}/readyz`, (s) => s === 200); // index loaded
    await waitFor(gatewayHealth(0), (s) => s === 200);
    await waitFor(gatewayHealth(1), (s) => s === 200);
    await waitFor(`${nginx.url}/api/ml/health`, (s) => s === 200);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nmatching: ${logs.matching.join('')}\ngateway: ${logs.gateway.join('')}`, { cause: error });
  }
  const running = nginx;
  return {
    url: running.url,
    internal: {
      matching: `http://127.0.0.1:${matchingPort}`,
      gateways: [`http://127.0.0.1:${gatewayPorts[0]}`, `http://127.0.0.1:${gatewayPorts[1]}`],
    },
    db,
    matching,
    gateways,
    logs,
    nginxLog: () => running.log(),
    async restartGateway(index) {
      const code = await stopChild(gateways[index]);
      gateways[index] = startGateway(gatewayPorts[index]);
      await waitFor(gatewayHealth(index), (s) => s === 200);
      return code;
    },
    stop,
  };
}
