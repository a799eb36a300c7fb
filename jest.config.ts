import type { Config } from 'jest';

/**
 * One jest project per workspace. Tests import sibling packages from their TypeScript source, so `npm test` needs
 * no build. Modules are ESM (as in production), hence `--experimental-vm-modules` in the npm script.
 */
const project = (dir: string, extra: Partial<Config> = {}): Config => ({
  displayName: dir,
  rootDir: '.',
  roots: [`<rootDir>/${dir}`],
  testMatch: ['**/test/**/*.test.ts'],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@circle-match/(matching|gateway)$': '<rootDir>/apps/$1/src/index.ts',
    // Runtime libraries live in packages/, tooling in tools/.
    '^@circle-match/([a-z-]+)$': ['<rootDir>/packages/$1/src/index.ts', '<rootDir>/tools/$1/src/index.ts'],
    // Subpath exports (package.json "exports"), such as @circle-match/contracts/constants.
    '^@circle-match/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  ...extra,
});

const config: Config = {
  // One PostgreSQL server per run (TEST_DATABASE_URL, a container or the embedded one); suites seed in their hooks.
  globalSetup: '<rootDir>/scripts/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.mjs',
  testTimeout: 60_000,
  projects: [
    project('packages/contracts'),
    project('packages/scoring'),
    project('tools/synthetic'),
    project('tools/seed'),
    project('apps/matching'),
    // The same suite on databases built from Circle's own table definitions (tools/test-support/sql).
    project('apps/matching', {
      displayName: 'apps/matching (Circle schema)',
      setupFiles: ['<rootDir>/scripts/circle-schema-env.mjs'],
    }),
    project('apps/gateway'),
    project('e2e'),
    // Load suites run on their own after the rest (scripts/test.mjs), with the machine to themselves.
    project('e2e', { displayName: 'load', testMatch: ['**/test/**/*.load.ts'] }),
  ],
};

export default config;
