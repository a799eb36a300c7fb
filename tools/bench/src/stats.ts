/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function summarise(times: readonly number[]): { p50: number; p99: number } {
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
