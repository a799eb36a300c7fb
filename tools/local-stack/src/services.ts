import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningService {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a built service (`apps/<name>/dist/main.js`) with the given environment; its logs go to ours. */
export function startService(name: string, env: NodeJS.ProcessEnv): RunningService {
  // Its own process group: a terminal's Ctrl-C reaches only the stack, which stops each service with one SIGTERM
  // (sharing the group, a service got both signals and took the second as "exit now", skipping its drain).
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/${name}/dist/main.js`], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  process.once('exit', () => child.kill('SIGTERM')); // the stack dying without stopAll takes its services along
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Polls a health URL until it answers 200, the service exits, or the time is up. */
export async function waitUntilHealthy(service: RunningService, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not become healthy at ${url}${exited ? ' (it exited; see its log above)' : ''}`);
}

export async function stopService(service: RunningService): Promise<void> {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGTERM');
  await service.exited;
}
