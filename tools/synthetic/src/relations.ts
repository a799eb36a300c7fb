import type { SyntheticProfile } from './profiles.js';
import { Random } from './random.js';

/** A row of Circle's blocks, friendships or explore_interactions (docs/operations.md), without its id. */
export type SyntheticRelation =
  | { kind: 'block'; from: string; to: string; at: Date }
  | { kind: 'friendship'; from: string; to: string; status: 'pending' | 'accepted' | 'active' | 'inactive'; at: Date }
  | { kind: 'interaction'; from: string; to: string; action: 'view' | 'like' | 'super_like' | 'pass'; at: Date };

const DAY_MS = 86_400_000;
/** Members of a city one may meet: the most recent this many generated there. */
const ACQUAINTANCES = 400;

function weighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  let r = random.next();
  for (const [value, weight] of choices) {
    if (r < weight) return value;
    r -= weight;
  }
  return choices[choices.length - 1]![0];
}

/**
 * The relations of a synthetic world, at rates a social app sees: each member, as they are generated, meets
 * members of their own city generated before them: 3% block one or two, friendships average about two started
 * each (60% accepted, 20% active, 12% pending, 8% inactive), and about 12 explore interactions each (45% views,
 * 30% passes, 20% likes, 5% super-likes) spread over the last 120 days, so a quarter of the passes are within a
 * 30-day cooldown. Who relates to whom is deterministic for one seed and one generation order; times count back
 * from `now` (the seeding moment by default), so a freshly seeded world has recent passes whatever the date.
 */
export class RelationsGenerator {
  private readonly recent = new Map<string, string[]>();

  constructor(
    private readonly seed: number,
    private readonly now = Date.now(),
  ) {}

  /** The relations `member` (profile `index`) starts with those met before; then remembers them. */
  relationsOf(member: SyntheticProfile, index: number): SyntheticRelation[] {
    const random = new Random((this.seed * 0x2c1b3c6d) ^ Math.imul(index + 1, 0x297a2d39));
    const known = this.recent.get(member.city) ?? [];
    const relations: SyntheticRelation[] = [];
    const at = (maxDays: number): Date => new Date(this.now - random.next() * maxDays * DAY_MS);
    if (known.length > 0) {
      const met = (n: number): string[] => random.sample(known, n);
      if (random.chance(0.03))
        for (const to of met(random.int(1, 2))) relations.push({ kind: 'block', from: member.id, to, at: at(365) });
      for (const to of met(random.int(0, 4))) {
        const status = weighted(random, [
          ['accepted', 0.6],
          ['active', 0.2],
          ['pending', 0.12],
          ['inactive', 0.08],
        ] as const);
        relations.push({ kind: 'friendship', from: member.id, to, status, at: at(365) });
      }
      for (const to of met(random.int(0, 24))) {
        const action = weighted(random, [
          ['view', 0.45],
          ['pass', 0.3],
          ['like', 0.2],
          ['super_like', 0.05],
        ] as const);
        relations.push({ kind: 'interaction', from: member.id, to, action, at: at(120) });
      }
    }
    known.push(member.id);
    if (known.length > ACQUAINTANCES) known.shift();
    this.recent.set(member.city, known);
    return relations;
  }
}
