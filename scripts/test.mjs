// `npm test`: every suite, then the load suites (*.load.ts) on their own. The load suites measure latency and
// error counts under a fixed concurrency; sharing the machine's cores with the other suites, which jest runs in
// parallel, would measure those instead. Arguments (e.g. a path filter) go to both runs.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const jest = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
const args = process.argv.slice(2);
/** @param {string[]} selection */
const run = (selection) =>
  spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, ...selection, '--passWithNoTests', ...args], {
    stdio: 'inherit',
  }).status ?? 1;

const suites = run(['--ignoreProjects', 'load']);
const load = run(['--selectProjects', 'load']);
process.exit(suites || load);
