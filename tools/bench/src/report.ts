import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One line of the benchmark table: a measured figure next to its docs/performance.md target. */
export interface BenchRow {
  what: string;
  value: number;
  unit: string;
  /** e.g. ">= 200000" or "<= 6"; absent for figures reported without a target. */
  target?: { op: '>=' | '<='; value: number };
  note?: string;
}

export function verdict(row: BenchRow): 'PASS' | 'MISS' | '' {
  if (!row.target) return '';
  const ok = row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value;
  return ok ? 'PASS' : 'MISS';
}

function format(n: number): string {
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 100) / 100);
}

export function printTable(rows: readonly BenchRow[]): void {
  const lines = rows.map((r) => [
    r.what,
    `${format(r.value)} ${r.unit}`,
    r.target ? `${r.target.op} ${format(r.target.value)}` : '',
    verdict(r),
    r.note ?? '',
  ]);
  const header = ['what', 'measured', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

export function writeResults(dir: string, rows: readonly BenchRow[], meta: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}.json`);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, ...meta, rows: rows.map((r) => ({ ...r, verdict: verdict(r) })) }, null, 2)}\n`,
  );
  return file;
}
