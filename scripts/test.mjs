// `npm test`: every suite, then the load suites (*.load.ts) on their own. The load suites measure latency and
// error counts under a fixed concurrency; sharing the machine's cores with the other suites, which jest runs in
// parallel, would measure those instead. Arguments (e.g. a path filter) go to both runs; a run whose selection
// holds no test is skipped, and a filter that matches no test at all fails (no --passWithNoTests: a typo in a
// filter must not pass as green).
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const jest = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
const node = [process.execPath, '--experimental-vm-modules', '--no-warnings=ExperimentalWarning'];
const args = process.argv.slice(2);
/** @param {string[]} selection */
const hasTests = (selection) => {
  const listed = spawnSync(node[0], [...node.slice(1), jest, ...selection, '--listTests', '--json', ...args], {
    encoding: 'utf8',
  }).stdout;
  const json = listed.slice(listed.indexOf('['), listed.lastIndexOf(']') + 1);
  return json !== '' && JSON.parse(json).length > 0;
};
/** @param {string[]} selection */
const run = (selection) =>
  spawnSync(node[0], [...node.slice(1), jest, ...selection, ...args], { stdio: 'inherit' }).status ?? 1;

const selections = [
  ['--ignoreProjects', 'load'],
  ['--selectProjects', 'load'],
].filter(hasTests);
if (selections.length === 0) {
  process.stderr.write(`npm test: no test matches ${args.join(' ') || '(no arguments)'}\n`);
  process.exit(1);
}
let status = 0;
for (const selection of selections) status = run(selection) || status;
process.exit(status);
