import { parsePrompt, rankCandidates, resolveConstraints, type CandidateProfile, type RequesterProfile } from '@circle-match/scoring';
import { CITIES, generateProfiles } from '@circle-match/synthetic';
import type { BenchRow } from './report.js';
import { PROMPTS } from './workload.js';

/** Larger than the scorer's bio cache several times over, so the cold figure is cold. */
const COLD_POPULATION = 60_000;


/**
 * Candidate scorings per second on one core: the whole ranker (preprocessing, six factors, explanations, sort)
 * over pools of synthetic candidates, cycling through several prompts.
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
  const measure = (pools: ReadonlyArray<readonly CandidateProfile[]>, size: number): { perSecond: number; msPerRequest: number } => {
    const run = (i: number): void => {
      const prompt = intents[i % intents.length] ?? null;
      rankCandidates({
        requester,
        prompt,
        constraints: resolveConstraints(prompt, { requestLocation: requester.location }),
        candidates: pools[i % pools.length] ?? [],
        limit: 10,
      });
    };
    // Warm-up: let the JIT settle before timing.
    const warmUntil = performance.now() + Math.min(1500, seconds * 400);
    for (let i = 0; performance.now() < warmUntil; i++) run(i);
    let iterations = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    while (performance.now() < until) run(iterations++);
    const elapsed = (performance.now() - start) / 1000;
    return { perSecond: (iterations * size) / elapsed, msPerRequest: (elapsed * 1000) / iterations };
  };

  // Warm: the same candidates again, as in the service, which keeps each candidate's tokenised bio and normalised
  // tags between requests; this is the scoring cost proper. Cold: every request meets candidates not seen for a
  // while (a population six times the caches), so each bio is tokenised on the spot.
  const population = [...generateProfiles(COLD_POPULATION, { seed: 42 })];
  const rows: BenchRow[] = [];
  for (const size of poolSizes) {
    const warm = measure([population.slice(0, size)], size);
    rows.push({
      what: `scorer alone, pool ${size}, one core`,
      value: warm.perSecond,
      unit: 'scorings/s',
      target: { op: '>=', value: 200_000 },
      note: `${warm.msPerRequest.toFixed(2)} ms per request; candidates' text features cached`,
    });
  }
  for (const size of poolSizes) {
    const pools: CandidateProfile[][] = [];
    for (let start = 0; start + size <= population.length; start += size) pools.push(population.slice(start, start + size));
    const cold = measure(pools, size);
    rows.push({
      what: `scorer, pool ${size}, first sight of each candidate`,
      value: cold.perSecond,
      unit: 'scorings/s',
      note: `${cold.msPerRequest.toFixed(2)} ms per request; tokenising every bio`,
    });
  }
  return rows;
}
