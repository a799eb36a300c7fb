import { CandidateIndex } from '@circle-match/matching';
import {
  parsePrompt,
  Ranking,
  resolveConstraints,
  snapToGrid,
  type CandidateProfile,
  type RequesterProfile,
} from '@circle-match/scoring';
import { CITIES, generateProfiles } from '@circle-match/synthetic';
import type { BenchRow } from './report.js';
import { PROMPTS } from './workload.js';

const POPULATION = 20_000;

/**
 * Candidate scorings per second on one core, as the service scores: the pool's features read from the candidate
 * index's columns (the objects the ranking reads, made per request), the six factors over the whole pool, the best
 * ten selected and explained; cycling through several prompts and pools.
 */
export function benchScorer(poolSizes: readonly number[], seconds: number): BenchRow[] {
  const london = CITIES[0]!;
  const requester: RequesterProfile = {
    age: 31,
    about: 'Weekend hiker, amateur photographer and terrible cook. Looking for people to explore with.',
    interests: ['hiking', 'photography', 'coffee', 'board games'],
    needs: ['friendship', 'activity partner'],
    location: { latitude: london.latitude, longitude: london.longitude },
  };
  const intents = PROMPTS.map((p) => parsePrompt(p));
  const population = [...generateProfiles(POPULATION, { seed: 42 })];
  const index = new CandidateIndex();
  index.beginBulkLoad();
  const byId = new Map<string, CandidateProfile>();
  for (const p of population) {
    const cell =
      p.latitude !== null && p.longitude !== null ? snapToGrid({ latitude: p.latitude, longitude: p.longitude }) : null;
    index.upsert({
      ...p,
      cellLatitude: cell?.latitude ?? null,
      cellLongitude: cell?.longitude ?? null,
      lastActive: p.last_active,
    });
    byId.set(p.id, p);
  }
  // As the service does after a full load; a pool is then a run of neighbouring slots, as a search pools them.
  index.orderSpatially();
  const slots = Int32Array.from({ length: index.columns.size }, (_, slot) => slot);
  const rows: BenchRow[] = [];
  for (const size of poolSizes) {
    const pools: Int32Array[] = [];
    for (let start = 0; start + size <= slots.length && pools.length < 20; start += size)
      pools.push(slots.slice(start, start + size));
    const run = (i: number): void => {
      const prompt = intents[i % intents.length] ?? null;
      const pool = index.columns.pool(pools[i % pools.length] ?? new Int32Array(0));
      const constraints = resolveConstraints(prompt, { requestLocation: requester.location });
      const ranking = new Ranking(pool, { requester, prompt, constraints });
      for (const best of ranking.best(10)) ranking.explain(best, byId.get(best.id)!);
    };
    // Warm-up: let the JIT settle before timing.
    const warmUntil = performance.now() + Math.min(1500, seconds * 400);
    for (let i = 0; performance.now() < warmUntil; i++) run(i);
    let iterations = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    while (performance.now() < until) run(iterations++);
    const elapsed = (performance.now() - start) / 1000;
    rows.push({
      what: `scorer alone, pool ${size}, one core`,
      value: (iterations * size) / elapsed,
      unit: 'scorings/s',
      target: { op: '>=', value: 1_000_000 },
      note: `${((elapsed * 1000) / iterations).toFixed(2)} ms per request; features read from the index's columns`,
    });
  }
  rows.push({
    what: 'candidate index: bytes per member',
    value: index.bytes / index.size,
    unit: 'B',
    note: `${POPULATION.toLocaleString('en-US')} synthetic members; columns, lists, id table and tiles`,
  });
  return rows;
}
