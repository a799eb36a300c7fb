import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, writeResults, type BenchRow } from './report.js';
import { benchScorer } from './scorer-bench.js';

/** `npm run bench [-- --quick]`: measures the SPEC §9 rows, prints a table, writes bench/results/<date>.json. */
const quick = process.argv.includes('--quick');
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

const rows: BenchRow[] = [];
console.log(`Circle Match benchmarks${quick ? ' (quick)' : ''}\n`);
rows.push(...benchScorer([100, 500, 2000], quick ? 1.5 : 4));

console.log('');
printTable(rows);
const file = writeResults(resultsDir, rows, { quick });
console.log(`\nwritten: ${file}`);
