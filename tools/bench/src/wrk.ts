import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processCpuMs } from './cpu.js';

import type { Call, LoadResult } from './service-bench.js';

/** Whether wrk (Debian package `wrk`) is installed: the load generator of the performance targets' measurements. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** A Lua string literal that holds any text: a long bracket whose level the text does not close. */
function luaString(text: string): string {
  let level = 0;
  while (text.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  return `[${eq}[${text}]${eq}]`;
}

const SCRIPT_RAN = 'circle-match calls script ran';

/** The wrk script cycling through the calls (each of wrk's threads from its own offset). */
function script(calls: readonly Call[]): string {
  const entries = calls.map((call) => {
    const headers = Object.entries({ 'Content-Type': 'application/json', ...call.headers })
      .map(([name, value]) => `[ ${luaString(name)} ] = ${luaString(value)}`)
      .join(', ');
    return `  { path = ${luaString(call.path)}, headers = { ${headers} }, body = ${luaString(call.body)} },`;
  });
  return [
    'local calls = {',
    ...entries,
    '}',
    'local i = math.random(#calls)',
    'request = function()',
    '  i = i % #calls + 1',
    '  local c = calls[i]',
    '  return wrk.format("POST", c.path, c.headers, c.body)',
    'end',
    // A script wrk could not read would leave it sending GET / instead: the marker proves this one ran.
    `done = function() io.write("${SCRIPT_RAN}\\n") end`,
    '',
  ].join('\n');
}

/** Milliseconds from wrk's "1.23ms" / "456.00us" / "1.20s". */
function ms(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

/** wrk at a fixed concurrency with two threads, cycling through the calls. */
export async function wrkLoad(
  baseUrl: string,
  calls: readonly Call[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-wrk-'));
  const file = path.join(dir, 'calls.lua');
  writeFileSync(file, script(calls));
  try {
    const child = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', file, baseUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Its CPU, sampled while it runs (the last sample is at most 200 ms before its end).
    let cpuMs = 0;
    const sampler = setInterval(() => {
      const now = processCpuMs(child.pid!);
      if (!Number.isNaN(now)) cpuMs = now;
    }, 200);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    if (code !== 0 || !out.includes(SCRIPT_RAN)) throw new Error(`wrk failed (${code}): ${out}`);
    const number = (pattern: RegExp): number => Number(pattern.exec(out)?.[1] ?? 0);
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
      p50: ms(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
      p99: ms(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
      errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      non2xx: number(/Non-2xx or 3xx responses:\s+(\d+)/),
      generator: 'wrk',
      generatorCpuMs: cpuMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
