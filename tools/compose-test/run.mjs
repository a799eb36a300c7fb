#!/usr/bin/env node
// `npm run test:compose`: docker-compose.production.yml brought up for real, as the README's deploy section gives it,
// in rootful podman through its Docker API (this machine kind has no Docker engine and no image registry).
//
// Clean state → `up -d --build` → every service healthy, migrate exited 0 → the demo seeded and a token minted the
// documented way → a search through nginx → the prototype's runbook commands → `npm run smoke` → a rolling restart
// of both gateways under load with no failed request → an update to a new image tag → `down -v`.
//
// Harness concerns, bridged here and not in the product: the base images the Dockerfiles and compose name are built
// locally as stand-ins (stand-ins/, from a debootstrap of Debian bookworm); podman runs no health checks without
// systemd, so they run on a tick. Skipped with the reason printed when podman cannot run, unless REQUIRE_COMPOSE=1.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '../..');
const PROJECT = 'circle-match-compose-test';
const DEMO_PROMPT = 'Looking for hiking enthusiasts near me, 25-35';
const started = Date.now();
const steps = [];

const log = (message) => process.stdout.write(`[compose-test] ${message}\n`);
const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function fail(message) {
  log(`FAILED: ${message}`);
  throw new Error(message);
}

/** Runs a command; its output is returned, and printed when it fails. */
function run(command, args, { env = {}, timeoutMs = 600_000, input, allowFailure = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && !allowFailure) {
    process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-4000));
    fail(`${command} ${args.join(' ')} exited ${result.status ?? result.signal ?? result.error?.message}`);
  }
  return result;
}

async function step(name, work) {
  const at = Date.now();
  const detail = await work();
  steps.push(`${name}: ${elapsed(at)}${detail ? ` (${detail})` : ''}`);
  log(`ok: ${name} in ${elapsed(at)}${detail ? `: ${detail}` : ''}`);
}

// --- can podman run here?
function podmanUnavailable() {
  if (process.getuid?.() !== 0) return 'rootful podman needs root';
  if (spawnSync('podman', ['--version']).status !== 0)
    return 'podman is not installed (apt-get install podman runc debootstrap)';
  if (spawnSync('docker-compose', ['version']).status !== 0)
    return 'docker-compose is not installed (apt-get install docker-compose)';
  if (spawnSync('podman', ['info'], { timeout: 30_000 }).status !== 0) return '`podman info` fails';
  // Without it the services cannot resolve each other by name (migrate: "getaddrinfo EAI_AGAIN postgres").
  const backend = spawnSync('podman', ['info', '--format', '{{.Host.NetworkBackend}}'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (backend !== 'netavark' || !existsSync('/usr/lib/podman/aardvark-dns')) {
    return `podman's network backend is ${backend || 'unknown'}: names resolve on internal networks with netavark and aardvark-dns (apt-get install netavark aardvark-dns; network_backend = "netavark" in containers.conf)`;
  }
  return null;
}

const unavailable = podmanUnavailable();
if (unavailable) {
  if (process.env.REQUIRE_COMPOSE === '1') {
    log(`REQUIRE_COMPOSE=1 but ${unavailable}`);
    process.exit(1);
  }
  log(`skipped: ${unavailable}`);
  process.exit(0);
}

// --- the base images, built locally under the names the Dockerfiles and the compose file use
const fromLines = ['docker/Dockerfile.matching', 'docker/Dockerfile.gateway', 'docker/Dockerfile.tools'].flatMap((f) =>
  [...readFileSync(join(REPO, f), 'utf8').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]),
);
const composeText = readFileSync(join(REPO, 'docker-compose.production.yml'), 'utf8');
const composeImage = (name) =>
  new RegExp(`image: (${name}:[^\\s]+)`).exec(composeText)?.[1] ?? fail(`no ${name} image in the compose file`);
const qualified = (image) => (image.includes('/') ? image : `docker.io/library/${image}`);
const STAND_INS = [
  ...[...new Set(fromLines)].map((image) => ({ image: qualified(image), file: 'node.Containerfile' })),
  { image: qualified(composeImage('postgres')), file: 'postgres.Containerfile' },
  { image: qualified(composeImage('nginx')), file: 'nginx.Containerfile' },
];
const DEBIAN = 'localhost/circle-match-stand-in/debian:bookworm';
const exists = (image) => spawnSync('podman', ['image', 'exists', image]).status === 0;

await step('stand-in base images', async () => {
  const built = [];
  if (!exists(DEBIAN)) {
    const rootfs = mkdtempSync(join(tmpdir(), 'cm-rootfs-'));
    try {
      run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, 'http://deb.debian.org/debian'], {
        timeoutMs: 900_000,
      });
      const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const imported = spawn('podman', ['import', '-', DEBIAN], { stdio: [tar.stdout, 'ignore', 'inherit'] });
      const code = await new Promise((resolve) => imported.on('exit', resolve));
      if (code !== 0) fail('podman import of the debootstrapped rootfs failed');
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
    built.push('debian');
  }
  const context = mkdtempSync(join(tmpdir(), 'cm-stand-ins-'));
  try {
    cpSync(join(HERE, 'stand-ins'), context, { recursive: true });
    copyFileSync(process.execPath, join(context, 'node'));
    // The npm running this (npm run test:compose), else the one installed beside node.
    const npmDir = process.env.npm_execpath
      ? join(dirname(process.env.npm_execpath), '..')
      : join(dirname(process.execPath), '../lib/node_modules/npm');
    cpSync(npmDir, join(context, 'npm'), { recursive: true });
    copyFileSync(
      process.env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt',
      join(context, 'ca-certificates.crt'),
    );
    for (const { image, file } of STAND_INS) {
      if (exists(image)) continue;
      run('podman', ['build', '-q', '-f', file, '-t', image, context], { timeoutMs: 900_000 });
      built.push(image);
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return built.length > 0 ? `built ${built.join(', ')}` : 'all present';
});

// --- podman's Docker API for docker-compose, and health checks on a tick
const socketDir = mkdtempSync(join(tmpdir(), 'cm-podman-'));
const socket = join(socketDir, 'podman.sock');
const service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
for (let i = 0; i < 50 && !existsSync(socket); i++) await sleep(100);
const DOCKER_HOST = `unix://${socket}`;
// A process of its own: the harness blocks in docker-compose meanwhile (up waits for health it cannot see otherwise).
const ticker = spawn(
  'sh',
  [
    '-c',
    `while true; do for id in $(podman ps -q --filter label=com.docker.compose.project=${PROJECT}); do podman healthcheck run "$id" >/dev/null 2>&1; done; sleep 2; done`,
  ],
  { stdio: 'ignore' },
);

const envFile = join(socketDir, '.env.production');
const publicPort = 18080 + Math.floor(Math.random() * 1000);
const secret = () => randomBytes(24).toString('hex');
writeFileSync(
  envFile,
  readFileSync(join(REPO, '.env.production.example'), 'utf8')
    .replace(/=change-me[^\n]*/g, () => `=${secret()}`)
    .replace(/^PUBLIC_PORT=.*$/m, `PUBLIC_PORT=${publicPort}`),
);
const compose = (args, options = {}) =>
  run('docker-compose', ['-p', PROJECT, '--env-file', envFile, '-f', 'docker-compose.production.yml', ...args], {
    ...options,
    env: { DOCKER_HOST, ...(options.env ?? {}) },
  });
const url = `http://127.0.0.1:${publicPort}`;

function containers() {
  const out = run('podman', [
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${PROJECT}`,
    '--format',
    '{{.Names}}\t{{.Status}}',
  ]).stdout;
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, status] = line.split('\t');
      return { name, status };
    });
}

async function waitUntil(what, check, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // A connection refused while containers are recreated is a "not yet", not a failure.
    const result = await Promise.resolve()
      .then(check)
      .catch(() => null);
    if (result) return result;
    if (Date.now() > until) fail(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

async function search(token) {
  const res = await globalThis.fetch(`${url}/api/ml-matching/prompt-search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt: DEMO_PROMPT, limit: 5 }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

let exitCode = 1;
try {
  await step('clean state', async () => {
    compose(['down', '-v', '--remove-orphans'], { allowFailure: true });
    return null;
  });

  await step('up -d --build', async () => {
    compose(['up', '-d', '--build'], { timeoutMs: 1_200_000 });
    return null;
  });

  await step('every service healthy, migrate exited 0', async () => {
    const wanted = ['postgres', 'ml-matching', 'gateway', 'gateway-2', 'nginx'];
    const listed = await waitUntil('healthy services', () => {
      const now = containers();
      const healthy = now.filter((c) => /\(healthy\)/.test(c.status));
      return healthy.length >= wanted.length ? now : null;
    });
    const migrate = listed.find((c) => c.name.includes('migrate'));
    if (!migrate || !/Exited \(0\)/.test(migrate.status)) fail(`migrate: ${migrate?.status ?? 'missing'}`);
    return listed.map((c) => `${c.name}: ${c.status.replace(/ ago/, '')}`).join('; ');
  });

  let token = '';
  let hidden = [];
  await step('demo seeded and a token minted, as the README gives it', async () => {
    // The tools image is built each time: `run` alone would reuse one left by an earlier run of other code.
    compose(['--profile', 'tools', 'build', 'tools'], { timeoutMs: 600_000 });
    const tools = ['--profile', 'tools', 'run', '--rm', 'tools', 'node'];
    const seeded = compose([...tools, 'tools/seed/dist/cli.js', '--demo'], { timeoutMs: 300_000 }).stdout;
    const member = /demo member: ([0-9a-f-]{36})/.exec(seeded)?.[1] ?? fail(`no demo member in: ${seeded}`);
    hidden = [...seeded.matchAll(/left out of their searches: (.+) \(/g)].map((m) => m[1]);
    token = compose([...tools, 'tools/dev-token/dist/cli.js', '--user', member])
      .stdout.trim()
      .split('\n')
      .pop();
    return `member ${member}`;
  });

  await step('search through nginx', async () => {
    // The demo was seeded after matching loaded its index: the change feed brings it in within seconds.
    const answer = await waitUntil(
      'the demo in the index',
      async () => {
        const res = await search(token);
        return res.status === 200 && res.body.matches.length > 0 ? res : null;
      },
      60_000,
    );
    const matches = answer.body.matches;
    if (!matches[0].explanation.matches_request)
      fail(`the first match does not answer the search: ${JSON.stringify(matches[0].interests)}`);
    const names = matches.map((m) => m.name);
    const leaked = names.filter((n) => hidden.includes(n));
    if (leaked.length > 0) fail(`related members shown: ${leaked.join(', ')}`);
    if (matches.some((m) => 'latitude' in m)) fail('a public match carries coordinates');
    return `${matches.length} matches, first ${names[0]} (${matches[0].interests.join(', ')}); ${hidden.length} related hikers left out`;
  });

  await step("the prototype's runbook commands", async () => {
    const logs = compose(['logs', '--tail=20', 'ml-matching']).stdout;
    if (!logs.includes('"service":"matching"')) fail('`logs ml-matching` shows no matching log line');
    // The Docker CLI over podman 4.3's API prints names less their first character: compare by container id.
    const id = run('podman', ['inspect', '--format', '{{.Id}}', 'circle-ml-matching']).stdout.trim().slice(0, 12);
    const stats = run('docker', ['stats', '--no-stream', 'circle-ml-matching'], { env: { DOCKER_HOST } }).stdout;
    if (!stats.includes(id) || !/MiB|MB/.test(stats))
      fail(`\`docker stats circle-ml-matching\` does not show it: ${stats}`);
    const health = await globalThis.fetch('http://localhost:8090/health');
    if (health.status !== 200) fail(`curl http://localhost:8090/health answered ${health.status}`);
    return 'logs -f ml-matching, docker stats circle-ml-matching, curl localhost:8090/health';
  });

  await step('npm run smoke against nginx', async () => {
    const out = run('node', ['tools/local-stack/dist/smoke.js', '--url', url, '--token', token]).stdout;
    return out.trim().split('\n').pop();
  });

  await step('rolling restart of both gateways under load, no failed request', async () => {
    let stop = false;
    const outcomes = { ok: 0, failed: [] };
    const client = async () => {
      while (!stop) {
        try {
          const res = await search(token);
          if (res.status === 200) outcomes.ok++;
          else outcomes.failed.push(res.status);
        } catch (error) {
          outcomes.failed.push(String(error.cause?.code ?? error.message));
        }
        // One member searching ~4 times a second: inside every rate limit, so any failure is the restart's.
        await sleep(250);
      }
    };
    const clients = [client()];
    for (const replica of ['gateway', 'gateway-2']) {
      // README, "Rolling restart": recreate one replica, wait until healthy, reload nginx.
      compose(['up', '-d', '--no-deps', '--force-recreate', replica], { timeoutMs: 300_000 });
      await waitUntil(`${replica} healthy`, () =>
        containers().some((c) => c.name.includes(`_${replica}_`) && /\(healthy\)/.test(c.status)),
      );
      compose(['exec', '-T', 'nginx', 'nginx', '-s', 'reload']);
      await sleep(2000);
    }
    stop = true;
    await Promise.all(clients);
    if (outcomes.failed.length > 0)
      fail(`${outcomes.failed.length} failed requests during the restart: ${outcomes.failed.slice(0, 5).join(', ')}`);
    if (outcomes.ok < 10) fail(`only ${outcomes.ok} requests were served during the restart`);
    return `${outcomes.ok} searches, 0 failed`;
  });

  await step('update, as the README gives it', async () => {
    // Update: a new image tag, rebuilt and recreated (migrate runs first), then nginx reloaded; rollback: the old tag.
    // (Rollback is the same command with the previous tag and --no-build; under podman each recreation waits
    // ~3 minutes on compose's health polling, so the test runs the update only.)
    for (const [tag, build] of [['update-test', '--build']]) {
      const at = Date.now();
      compose(['up', '-d', build], { env: { IMAGE_TAG: tag }, timeoutMs: 900_000 });
      log(`  up -d ${build} on ${tag}: ${elapsed(at)}`);
      // As the README says: nginx resolved its upstreams at start, so reload it to reach the recreated containers.
      compose(['exec', '-T', 'nginx', 'nginx', '-s', 'reload']);
      await waitUntil(`every service healthy on ${tag}`, () =>
        containers().filter((c) => /\(healthy\)/.test(c.status)).length >= 5 ? true : null,
      );
      const answer = await waitUntil(
        `a search on ${tag}`,
        async () => {
          const res = await search(token);
          return res.status === 200 && res.body.matches.length > 0 ? res : null;
        },
        60_000,
      );
      const image = run('podman', ['inspect', '--format', '{{.ImageName}}', 'circle-ml-matching']).stdout.trim();
      if (!image.endsWith(`:${tag}`)) fail(`matching runs ${image} after the ${tag} step`);
      if (!answer.body.matches[0].explanation.matches_request)
        fail(`the first match after the ${tag} step does not answer the search`);
    }
    return 'IMAGE_TAG=update-test up -d --build, nginx reloaded, searched';
  });

  await step('down -v', async () => {
    compose(['down', '-v']);
    const left = containers();
    if (left.length > 0) fail(`containers left: ${left.map((c) => c.name).join(', ')}`);
    // The update step's images, free now that no container uses them (removing them earlier silently failed).
    run('podman', ['rmi', 'circle-match/matching:update-test', 'circle-match/gateway:update-test'], {
      allowFailure: true,
    });
    return null;
  });
  exitCode = 0;
} catch (error) {
  log(`error: ${String(error.stack ?? error)}`);
  const listed = containers();
  log(`containers: ${listed.map((c) => `${c.name} ${c.status}`).join('; ')}`);
  for (const c of listed.filter((x) => !/\(healthy\)|Exited \(0\)/.test(x.status))) {
    process.stdout.write(run('podman', ['logs', '--tail', '30', c.name], { allowFailure: true }).stdout);
  }
  compose(['down', '-v', '--remove-orphans'], { allowFailure: true });
} finally {
  ticker.kill();
  service.kill();
  rmSync(socketDir, { recursive: true, force: true });
  log(`${exitCode === 0 ? 'passed' : 'failed'} in ${elapsed(started)}\n  ${steps.join('\n  ')}`);
}
process.exit(exitCode);
