import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayEnvSchema } from '@circle-match/gateway';
import { matchingEnvSchema } from '@circle-match/matching';
import { validate } from 'dockerfile-utils';
import { composeEnvironment, readCompose } from '@circle-match/test-support';
import { parse } from 'yaml';
import { REPO } from './stack.js';

/**
 * Static checks of the deployment files (no Docker engine here): the compose file as docker-compose reads it and
 * as our policy wants it, the Dockerfiles through a Dockerfile linter and the same policy, and the documented
 * environment against what the services actually read.
 */
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

interface Service {
  image?: string;
  ports?: string[];
  restart?: string;
  healthcheck?: { test?: unknown; disable?: boolean };
  mem_limit?: string;
  depends_on?: Record<string, { condition: string }>;
  env_file?: string;
  environment?: Record<string, string>;
  networks?: string[];
  profiles?: string[];
  container_name?: string;
}
const compose = readCompose() as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
};
const megabytes = (limit: string | undefined): number => {
  const m = /^(\d+)([mg])$/i.exec(limit ?? '');
  return m ? Number(m[1]) * (m[2]?.toLowerCase() === 'g' ? 1024 : 1) : Number.POSITIVE_INFINITY;
};

describe('docker-compose.production.yml', () => {
  const services = compose.services;

  it('when docker-compose validates the file, then it is accepted', () => {
    const tool = spawnSync('docker-compose', ['--version'], { encoding: 'utf8' });
    if (tool.status !== 0) {
      if (process.env.REQUIRE_E2E === '1') throw new Error('REQUIRE_E2E=1 but docker-compose is not installed');
      process.stdout.write(
        'compose validation by docker-compose skipped: not installed (apt-get install docker-compose)\n',
      );
      return;
    }
    // `config` needs the env_file to exist: a copy of the file beside the example as .env.production.
    const dir = mkdtempSync(join(tmpdir(), 'circle-compose-'));
    copyFileSync(join(REPO, 'docker-compose.production.yml'), join(dir, 'docker-compose.production.yml'));
    copyFileSync(join(REPO, '.env.production.example'), join(dir, '.env.production'));
    const result = spawnSync(
      'docker-compose',
      ['--env-file', '.env.production', '-f', 'docker-compose.production.yml', 'config', '-q'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('when ports are published, then only nginx publicly; ml-matching (and monitoring) on the host loopback only, as the runbook has it', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(
      published.filter(([, s]) => s.ports!.some((p) => !p.startsWith('127.0.0.1:'))).map(([name]) => name),
    ).toEqual(['nginx']);
    expect(published.map(([name]) => name).sort()).toEqual(['grafana', 'ml-matching', 'nginx', 'prometheus']);
    expect(services['ml-matching']?.ports).toEqual(['127.0.0.1:8090:8090']);
    expect(services['ml-matching']?.container_name).toBe('circle-ml-matching');
    expect(compose.networks.backend?.internal).toBe(true);
    // Only the services with a loopback port join the network that carries it.
    const onLoopback = Object.entries(services)
      .filter(([, s]) => s.networks?.includes('host-loopback'))
      .map(([name]) => name);
    expect(onLoopback.sort()).toEqual(['grafana', 'ml-matching', 'prometheus']);
  });

  it('when the monitoring profile is read, then Prometheus scrapes every service and Grafana is provisioned with the dashboard', () => {
    expect([services.prometheus?.profiles, services.grafana?.profiles]).toEqual([['monitoring'], ['monitoring']]);
    const prometheus = parse(read('monitoring/prometheus.yml')) as {
      scrape_configs: Array<{ job_name: string; metrics_path: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
    expect(targets.sort()).toEqual(['gateway-2:8080', 'gateway:8080', 'ml-matching:8090']);
    for (const target of targets) expect(services[target.split(':')[0]!]?.networks).toContain('backend');
    expect(prometheus.scrape_configs.every((job) => job.metrics_path === '/metrics')).toBe(true);
    // Every file compose mounts into them exists, and Grafana's provider reads the folder the dashboard is in.
    for (const name of ['prometheus', 'grafana']) {
      for (const volume of (services[name] as Service & { volumes: string[] }).volumes.filter((v) =>
        v.startsWith('./'),
      )) {
        expect(existsSync(join(REPO, volume.split(':')[0]!))).toBe(true);
      }
    }
    const provider = parse(read('monitoring/grafana/provisioning/dashboards/circle-match.yml')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect((services.grafana as Service & { volumes: string[] }).volumes).toContain(
      `./monitoring/grafana/dashboards:${provider.providers[0]!.options.path}:ro`,
    );
    const dashboard = JSON.parse(read('monitoring/grafana/dashboards/circle-match.json')) as {
      panels: Array<{ title: string; datasource: { uid: string } }>;
    };
    const datasource = parse(read('monitoring/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: Array<{ uid: string; url: string }>;
    };
    expect(dashboard.panels.every((p) => p.datasource.uid === datasource.datasources[0]!.uid)).toBe(true);
    expect(datasource.datasources[0]!.url).toBe('http://prometheus:9090');
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['throughput', 'latency', 'errors by code', 'circuit breaker', 'index', 'freshness', 'pool'])
      expect(titles).toContain(topic);
  });

  it('when the stack starts, then order is postgres → migrate → matching → gateway → nginx, gated on health', () => {
    expect(services.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services['ml-matching']?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services['ml-matching']?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services.gateway?.depends_on?.['ml-matching']?.condition).toBe('service_healthy');
    expect(services.nginx?.depends_on?.gateway?.condition).toBe('service_healthy');
  });

  it('when services run, then each long-running one has a health check, a restart policy and a memory limit (matching ≤ 300 MB)', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, megabytes(service.mem_limit) <= 1024]).toEqual([name, true]);
      if (name === 'migrate' || name === 'tools') {
        // One-shot: the migrate job, and the operator's commands (profile tools).
        expect(service.restart).toBe('no');
        continue;
      }
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
      expect([name, service.healthcheck?.test !== undefined]).toEqual([name, true]);
    }
    expect(megabytes(services['ml-matching']?.mem_limit)).toBeLessThanOrEqual(300);
  });

  it('when matching runs, then its heap is bounded well below its memory limit', () => {
    const heap = /--max-old-space-size=(\d+)/.exec(services['ml-matching']?.environment?.NODE_OPTIONS ?? '')?.[1];
    expect(heap).toBeDefined();
    expect(Number(heap)).toBeLessThanOrEqual(megabytes(services['ml-matching']?.mem_limit) / 2);
  });

  it('when a Node.js service runs, then its young generation is set rather than sized by V8 from the bounded heap', () => {
    // Node 24 gives a 96–128 MB heap 1 MB semi-spaces: every in-flight request's objects were promoted and full
    // collections took half the CPU at 64 concurrent searches (docs/performance.md, "Young generation"). Matching
    // admits a few searches at a time, so 4 MB holds them; the gateway has every request in flight at once.
    for (const [name, megabytes] of [
      ['ml-matching', 4],
      ['gateway', 16],
    ] as const) {
      const semiSpace = /--max-semi-space-size=(\d+)/.exec(services[name]?.environment?.NODE_OPTIONS ?? '')?.[1];
      expect([name, Number(semiSpace)]).toEqual([name, megabytes]);
    }
  });

  it('when secrets are needed, then each service gets only its own, from .env.production, never written in the compose file', () => {
    const keys = (name: string): string[] => Object.keys(services[name]?.environment ?? {});
    for (const service of Object.values(services)) expect(service.env_file).toBeUndefined(); // no service reads the whole file
    expect(keys('gateway')).not.toEqual(expect.arrayContaining(['DATABASE_URL']));
    expect(keys('gateway').filter((k) => /DATABASE|POSTGRES|MATCHING_DB/.test(k))).toEqual([]);
    expect(keys('ml-matching').filter((k) => /JWT|POSTGRES/.test(k))).toEqual([]);
    expect(keys('postgres').filter((k) => /JWT|INTERNAL_API_KEY|MATCHING_DB/.test(k))).toEqual([]);
    expect(keys('nginx').filter((k) => /JWT|INTERNAL_API_KEY|DATABASE|PASSWORD/.test(k))).toEqual([]);
    // Matching connects as the read-only role the migrate job grants; only the one-shot migrate job and the operator's
    // tools (seeding) hold the owner's password.
    expect(services['ml-matching']?.environment?.DATABASE_URL).toMatch(
      /^postgres:\/\/\$\{MATCHING_DB_USER:-circle_match\}:\$\{MATCHING_DB_PASSWORD:\?/,
    );
    expect(services.migrate?.environment?.DATABASE_URL).toMatch(
      /^postgres:\/\/\$\{POSTGRES_USER:-circle\}:\$\{POSTGRES_PASSWORD:\?/,
    );
    expect(JSON.stringify(services.migrate)).toContain('--grant-reader');
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET|PASSWORD|API_KEY|DATABASE_URL/.test(key))
          expect([name, key, String(value)]).toEqual([name, key, expect.stringMatching(/\$\{/)]);
      }
    }
  });
});

describe('.env.production.example', () => {
  const example = read('.env.production.example');
  const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('when a service reads a variable, then the example or the compose file documents it', () => {
    const composeSet = new Set(Object.values(compose.services).flatMap((s) => Object.keys(s.environment ?? {})));
    const read = [...Object.keys(matchingEnvSchema.shape), ...Object.keys(gatewayEnvSchema.shape)];
    const missing = read.filter((name) => !documented.has(name) && !composeSet.has(name) && !/_HOST$/.test(name));
    expect(missing).toEqual([]);
  });

  it('when a tuning variable is set in .env.production, then compose passes it to the service that reads it', () => {
    const reads = { matching: Object.keys(matchingEnvSchema.shape), gateway: Object.keys(gatewayEnvSchema.shape) };
    const tuning = [...example.slice(example.indexOf('# --- tuning')).matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=(.*)$/gm)]
      .map((m) => [m[1]!, m[2]!] as const)
      .filter(([name]) => !['PUBLIC_PORT', 'IMAGE_TAG'].includes(name));
    expect(tuning.length).toBeGreaterThanOrEqual(20);
    for (const [name, shown] of tuning) {
      const services = (['matching', 'gateway'] as const).filter((s) => reads[s].includes(name));
      expect([name, services.length > 0]).toEqual([name, true]);
      for (const service of services) {
        // Set, it arrives in the compose service that runs the app; unset, the service gets the default the example shows (or its own, when compose gives none).
        expect([name, composeEnvironment(service, { [name]: 'set-by-operator' })[name]]).toEqual([
          name,
          'set-by-operator',
        ]);
        const unset = composeEnvironment(service, {})[name];
        if (unset !== undefined) expect([name, unset]).toEqual([name, shown]);
      }
    }
  });

  it('when it holds secrets, then only placeholders', () => {
    for (const line of example
      .split('\n')
      .filter((l) => /^(INTERNAL_API_KEY|JWT_SECRET|POSTGRES_PASSWORD|MATCHING_DB_PASSWORD)=/.test(l))) {
      expect(line).toMatch(/change-me/);
    }
  });
});

describe.each(['docker/Dockerfile.matching', 'docker/Dockerfile.gateway'])('%s', (file) => {
  const text = read(file);
  const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
  const runtime = text.slice(text.lastIndexOf('\nFROM '));

  it('when linted, then it has no problems', () => {
    expect(
      validate(text).map(
        (d) => `${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
      ),
    ).toEqual([]);
  });

  it('when built, then it is multi-stage on a pinned slim image of the Node.js LTS that package.json engines name', () => {
    const froms = instructions.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const major = /^>=(\d+)/.exec(engines)?.[1];
    expect(Number(major) % 2).toBe(0); // even majors are the LTS lines
    for (const from of froms) expect(from).toMatch(new RegExp(`^FROM node:${major}\\.\\d+-[a-z]+-slim AS \\w+$`));
  });

  it('when it runs, then as a non-root user, in production mode, with production dependencies only and a health check', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).toMatch(/^CMD \["node", "apps\/\w+\/dist\/main\.js"\]$/m);
  });
});

it('when the build context is sent, then .dockerignore leaves out dependencies, builds, data and secrets', () => {
  const ignore = read('.dockerignore');
  for (const entry of ['**/node_modules', '**/dist', '.data', '.git', '**/.env']) expect(ignore).toContain(entry);
});
