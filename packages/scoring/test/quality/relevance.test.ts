import { parsePrompt, rankCandidates, resolveConstraints, type CandidateProfile, type EffectiveConstraints, type RankedMatch } from '@circle-match/scoring';
import { distanceKm, snapToGrid } from '@circle-match/scoring';
import { CENTRE, PROFILES } from './profiles.js';
import { QUERIES } from './queries.js';

/**
 * NDCG@10 of the scorer over the hand-graded relevance set. The threshold was set from an honest measurement
 * (see the issue note) a little below it, so a change that makes ranking worse fails here.
 */
const NDCG_THRESHOLD = 0.9;
const K = 10;

/** The hard filters the candidate query applies in SQL, for profiles held in memory. */
function eligible(profile: CandidateProfile, c: EffectiveConstraints): boolean {
  if (c.ageRange && (profile.age === null || profile.age < c.ageRange[0] || profile.age > c.ageRange[1])) return false;
  if (c.gender && profile.gender !== c.gender) return false;
  if (c.origin && profile.latitude !== null && profile.longitude !== null) {
    const cell = snapToGrid({ latitude: profile.latitude, longitude: profile.longitude });
    if (distanceKm(c.origin, cell) > c.maxDistanceKm) return false;
  }
  return true;
}

const dcg = (gains: number[]): number => gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);

function evaluate(prompt: string, grades: Record<string, number>): { ndcg: number; top: string[]; ranked: RankedMatch[] } {
  const intent = parsePrompt(prompt);
  const constraints = resolveConstraints(intent, { requestLocation: CENTRE });
  const pool = PROFILES.filter((p) => eligible(p, constraints));
  const ranked = rankCandidates({
    // A new member: a location and an age, nothing else yet, so the prompt decides.
    requester: { age: 30, about: null, interests: [], needs: [], location: CENTRE },
    prompt: intent,
    constraints,
    candidates: pool,
    limit: pool.length,
  });
  const top = ranked.slice(0, K).map((m) => m.profile.id);
  const ideal = pool.map((p) => grades[p.id] ?? 0).sort((a, b) => b - a).slice(0, K);
  const idcg = dcg(ideal);
  return { ndcg: idcg === 0 ? 1 : dcg(top.map((id) => grades[id] ?? 0)) / idcg, top, ranked };
}

describe('relevance set', () => {
  const results = QUERIES.map((q) => ({ ...q, ...evaluate(q.prompt, q.grades) }));

  it('when the set is built, then it has at least 40 profiles and 20 prompts', () => {
    expect(PROFILES.length).toBeGreaterThanOrEqual(40);
    expect(QUERIES.length).toBeGreaterThanOrEqual(20);
  });

  it(`when every prompt is ranked, then mean NDCG@${K} is at least ${NDCG_THRESHOLD}`, () => {
    const mean = results.reduce((s, r) => s + r.ndcg, 0) / results.length;
    const report = results.map((r) => `${r.ndcg.toFixed(3)}  ${r.prompt}  → ${r.top.slice(0, 5).join(' ')}`).join('\n');
    process.stdout.write(`mean NDCG@${K} = ${mean.toFixed(4)} over ${results.length} prompts\n${report}\n`);
    expect(mean).toBeGreaterThanOrEqual(NDCG_THRESHOLD);
  });

  it.each(QUERIES.filter((q) => q.never).map((q) => [q.prompt, q.never!] as const))(
    'when the prompt is %p, then the traps %p are filtered out or get no prompt points',
    (prompt, never) => {
      const { ranked } = evaluate(prompt, {});
      for (const match of ranked.filter((m) => never.includes(m.profile.id))) {
        expect(match.explanation.evidence.matched_prompt_terms).toEqual([]);
        expect(match.explanation.factors.prompt.points).toBe(0);
      }
    },
  );

  it('when a prompt has a best profile, then that profile is ranked first', () => {
    const firstIsPerfect = results.filter((r) => r.top[0] !== undefined && r.grades[r.top[0]] === 3).length;
    expect(firstIsPerfect / results.length).toBeGreaterThanOrEqual(0.8);
  });
});
