import { spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { API_KEY, JWT_SECRET, REPO } from './stack.js';

/**
 * A service whose port is taken must fail its start, not log "listening" and answer nothing: an orchestrator then
 * restarts it and a test harness sees the failure instead of waiting on the other process's port.
 */
const services = {
  matching: (port: number) => ({
    MATCHING_PORT: String(port),
    MATCHING_HOST: '127.0.0.1',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  }),
  gateway: (port: number) => ({
    GATEWAY_PORT: String(port),
    GATEWAY_HOST: '127.0.0.1',
    JWT_SECRET,
    ML_SERVICE_URL: 'http://127.0.0.1:1',
  }),
};

function run(name: keyof typeof services, port: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(REPO, `apps/${name}/dist/main.js`)], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', INTERNAL_API_KEY: API_KEY, ...services[name](port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.join('') });
    }),
  );
}

describe('start-up on a taken port', () => {
  let holder: net.Server;
  let port: number;

  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
  });

  it.each(Object.keys(services) as Array<keyof typeof services>)(
    'when the %s port is already in use, then the service exits 1 and logs why, never "listening"',
    async (name) => {
      const { code, output } = await run(name, port);
      expect(code).toBe(1);
      expect(output).toContain('cannot listen');
      expect(output).toContain('EADDRINUSE');
      expect(output).not.toContain('"msg":"listening"');
    },
    15_000,
  );
});
