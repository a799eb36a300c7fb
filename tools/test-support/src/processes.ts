import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB (Linux /proc); NaN once it is gone (a comparison with NaN fails). */
export function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
