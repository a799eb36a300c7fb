import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by processes during a measurement, from /proc (Linux): where a request's time goes when the
 * machine is saturated, which is what bounds throughput on a fixed number of cores.
 */

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** User + system CPU of one process so far, ms; NaN when it is gone or /proc is absent. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at "state"; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Every PostgreSQL server process on this machine (the postmaster and all backends). */
function postgresPids(): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function snapshot(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
}

export interface CpuSpent<T> {
  result: T;
  /** CPU ms of each watched process (by label), and of all PostgreSQL processes. */
  byLabel: Record<string, number>;
  postgresMs: number;
  wallMs: number;
}

/**
 * Runs `work` and reports the CPU the given processes and PostgreSQL spent meanwhile. Backends started during the
 * work count from zero; one that exits before its end is not counted (the services' pools keep theirs open).
 */
export async function withCpu<T>(watched: Record<string, number>, work: () => Promise<T>): Promise<CpuSpent<T>> {
  const before = snapshot([...Object.values(watched), ...postgresPids()]);
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const spent = (pid: number): number => {
    const end = processCpuMs(pid);
    if (Number.isNaN(end)) return 0;
    return end - (before.get(pid) ?? 0);
  };
  const byLabel = Object.fromEntries(Object.entries(watched).map(([label, pid]) => [label, spent(pid)]));
  const postgresMs = postgresPids().reduce((sum, pid) => sum + spent(pid), 0);
  return { result, byLabel, postgresMs, wallMs };
}
