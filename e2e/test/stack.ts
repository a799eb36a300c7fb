import type { ChildProcess } from 'node:child_process';
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
import { startService, stopService, waitUntilHealthy, type RunningService } from '@circle-match/local-stack';

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
  if (process.env.REQUIRE_E2E === '1')
    throw new Error('REQUIRE_E2E=1 but nginx is not installed (apt-get install nginx-light)');
  process.stdout.write(
    'e2e: skipped: nginx is not installed here (apt-get install nginx-light, or set REQUIRE_E2E=1 to fail instead)\n',
  );
  return false;
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

/** Starts database, matching, two gateways and nginx; `prepare` fills the database first. */
export async function startStack(
  prepare: (databaseUrl: string) => Promise<void>,
  options: StackOptions = {},
): Promise<Stack> {
  const db = await createTestDatabase();
  await prepare(db.url);
  const [matchingPort, nginxPort] = [await freePort(), await freePort()];
  const gatewayPorts = [await freePort(), await freePort()] as const;
  const logs = { matching: [] as string[], gateway: [] as string[] };
  const base = { PATH: process.env.PATH, LOG_LEVEL: 'info', INTERNAL_API_KEY: API_KEY };

  const matching = startService(
    'matching',
    {
      ...base,
      ...composeEnvironment('matching'),
      DATABASE_URL: db.url,
      MATCHING_PORT: String(matchingPort),
      MATCHING_HOST: '127.0.0.1',
    },
    { logs: logs.matching },
  );
  const startGateway = (port: number): RunningService =>
    startService(
      'gateway',
      {
        ...base,
        ...composeEnvironment('gateway'),
        JWT_SECRET,
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        ML_SERVICE_URL: `http://127.0.0.1:${matchingPort}`,
        ...options.gatewayEnv,
      },
      { logs: logs.gateway },
    );
  const gateways: [RunningService, RunningService] = [startGateway(gatewayPorts[0]), startGateway(gatewayPorts[1])];
  const gatewayHealth = (index: 0 | 1) => `http://127.0.0.1:${gatewayPorts[index]}/api/ml-matching/health`;
  let nginx: RunningNginx | null = null;
  const stop = async (): Promise<void> => {
    await Promise.all([nginx?.stop(), ...gateways.map((g) => stopService(g)), stopService(matching)]);
    await db.close();
  };
  try {
    nginx = startNginx({
      port: nginxPort,
      gatewayUpstreams: [`127.0.0.1:${gatewayPorts[0]}`, `127.0.0.1:${gatewayPorts[1]}`],
      matchingUpstream: `127.0.0.1:${matchingPort}`,
      siteOverrides: options.siteOverrides,
    });
    await waitUntilHealthy(`http://127.0.0.1:${matchingPort}/readyz`, { service: matching }); // index loaded
    await waitUntilHealthy(gatewayHealth(0), { service: gateways[0] });
    await waitUntilHealthy(gatewayHealth(1), { service: gateways[1] });
    await waitUntilHealthy(`${nginx.url}/api/ml/health`);
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}\nmatching: ${logs.matching.join('')}\ngateway: ${logs.gateway.join('')}`,
      { cause: error },
    );
  }
  const running = nginx;
  return {
    url: running.url,
    internal: {
      matching: `http://127.0.0.1:${matchingPort}`,
      gateways: [`http://127.0.0.1:${gatewayPorts[0]}`, `http://127.0.0.1:${gatewayPorts[1]}`],
    },
    db,
    get matching() {
      return matching.child;
    },
    get gateways(): [ChildProcess, ChildProcess] {
      return [gateways[0].child, gateways[1].child];
    },
    logs,
    nginxLog: () => running.log(),
    async restartGateway(index) {
      const code = await stopService(gateways[index]);
      gateways[index] = startGateway(gatewayPorts[index]);
      await waitUntilHealthy(gatewayHealth(index), { service: gateways[index] });
      return code;
    },
    stop,
  };
}
