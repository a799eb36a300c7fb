import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starting a built service and waiting until it answers: the one way `npm start`, the bench and the e2e tests run
 * `apps/<name>/dist/main.js` as a process.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type ServiceName = 'matching' | 'gateway';

export interface RunningService {
  name: ServiceName;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface StartOptions {
  /**
   * Where its logs go: 'inherit' to ours (npm start), 'stderr' only its stderr to ours (the bench), or an array
   * that collects both streams (tests read them).
   */
  logs?: 'inherit' | 'stderr' | string[];
  /**
   * Its own process group (npm start): a terminal's Ctrl-C then reaches only the stack, which stops each service
   * with one SIGTERM (sharing the group, a service got both signals and took the second as "exit now", skipping
   * its drain).
   */
  ownProcessGroup?: boolean;
}

/** Starts `apps/<name>/dist/main.js` with exactly the environment given (nothing of ours leaks in). */
export function startService(name: ServiceName, env: NodeJS.ProcessEnv, options: StartOptions = {}): RunningService {
  const logs = options.logs ?? 'inherit';
  const stdio = logs === 'inherit' ? 'inherit' : logs === 'stderr' ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/${name}/dist/main.js`], {
    env,
    stdio: ['ignore', stdio, logs === 'stderr' ? 'inherit' : stdio],
    detached: options.ownProcessGroup ?? false,
  });
  if (Array.isArray(logs)) {
    child.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  }
  // We die without stopping it: it goes too. The hook goes with it, so that a test starting many keeps none.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  return { name, child, exited };
}

/** Polls `url` until it answers 2xx; fails when the time is up, or the service whose URL it is exits first. */
export async function waitUntilHealthy(
  url: string,
  options: { service?: RunningService; timeoutMs?: number } = {},
): Promise<void> {
  const { service, timeoutMs = 30_000 } = options;
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service?.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${service?.name ?? url} did not become healthy at ${url}${exited ? ' (it exited; see its log)' : ` within ${timeoutMs} ms`}`,
  );
}

/** SIGTERM, then SIGKILL after `killAfterMs`; resolves with the exit code (null when it had to be killed). */
export async function stopService(service: RunningService, killAfterMs = 10_000): Promise<number | null> {
  const { child } = service;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await service.exited;
    clearTimeout(timer);
  }
  return service.exited;
}
