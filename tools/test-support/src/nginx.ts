import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** nginx's binary, or null when it is not installed. */
export function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'])
    if (existsSync(candidate)) return candidate;
  const which = spawnSync('which', ['nginx'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** ${VAR} replaced for the given variables only (as the nginx image's envsubst does); nginx's own $vars stay. */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

export interface NginxOptions {
  port: number;
  /** The two gateway replicas' host:port (the same one twice for a single gateway). */
  gatewayUpstreams: [string, string];
  matchingUpstream: string;
  /** Rewrites applied to the rendered site, e.g. a higher rate limit for a single-address load test. */
  siteOverrides?: Array<[string, string]>;
}

export interface RunningNginx {
  url: string;
  process: ChildProcess;
  /** Access and error log so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * A real nginx with the repo's nginx/ configuration: the site template rendered with these ports, the main config
 * with this run's pid and log paths; `nginx -t` first.
 */
export function startNginx(options: NginxOptions): RunningNginx {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx-light)');
  const dir = mkdtempSync(join(tmpdir(), 'circle-nginx-'));
  let site = renderTemplate(readFileSync(join(REPO, 'nginx/templates/circle-match.conf.template'), 'utf8'), {
    NGINX_PORT: `127.0.0.1:${options.port}`,
    GATEWAY_UPSTREAM: options.gatewayUpstreams[0],
    GATEWAY_UPSTREAM_2: options.gatewayUpstreams[1],
    MATCHING_UPSTREAM: options.matchingUpstream,
  });
  for (const [from, to] of options.siteOverrides ?? []) site = site.replaceAll(from, to);
  writeFileSync(join(dir, 'circle-match.conf'), site);
  const main = readFileSync(join(REPO, 'nginx/nginx.conf'), 'utf8')
    .replace('/etc/nginx/conf.d/*.conf', join(dir, 'circle-match.conf'))
    .replace('pid /tmp/nginx.pid;', `pid ${join(dir, 'nginx.pid')};`)
    .replace('/var/log/nginx/error.log', join(dir, 'error.log'))
    .replace('/var/log/nginx/access.log', join(dir, 'access.log'));
  writeFileSync(join(dir, 'nginx.conf'), main);
  const check = spawnSync(binary, ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t failed: ${check.stderr}`);
  }
  const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const read = (name: string): string => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  return {
    url: `http://127.0.0.1:${options.port}`,
    process: child,
    log: () => read('access.log') + read('error.log'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
