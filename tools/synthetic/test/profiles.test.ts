import { matchRequestSchema } from '@circle-match/contracts';
import { generateProfile, generateProfiles, RelationsGenerator, type SyntheticRelation } from '@circle-match/synthetic';

describe('synthetic profiles', () => {
  it('when generated twice with one seed, then they are identical; another seed differs', () => {
    const a = [...generateProfiles(50, { seed: 7 })];
    const b = [...generateProfiles(50, { seed: 7 })];
    const c = [...generateProfiles(50, { seed: 8 })];
    expect(b).toEqual(a);
    expect(c.map((p) => p.id)).not.toEqual(a.map((p) => p.id));
  });

  it('when generated in batches, then profile i is the same as in one run', () => {
    const whole = [...generateProfiles(20, { seed: 3 })];
    const second = [...generateProfiles(10, { seed: 3, offset: 10 })];
    expect(second).toEqual(whole.slice(10));
    expect(generateProfile(15, { seed: 3 })).toEqual(whole[15]);
  });

  it('when 5,000 are generated, then ids are unique valid uuids and fields are in range', () => {
    const profiles = [...generateProfiles(5000, { seed: 1 })];
    expect(new Set(profiles.map((p) => p.id)).size).toBe(5000);
    for (const p of profiles.slice(0, 200)) expect(matchRequestSchema.safeParse({ user_id: p.id }).success).toBe(true);
    for (const p of profiles) {
      if (p.age !== null) expect(p.age).toBeGreaterThanOrEqual(18);
      expect(p.interests.length).toBeGreaterThanOrEqual(2);
      expect(p.needs.length).toBeGreaterThanOrEqual(1);
    }
    const share = (f: (p: (typeof profiles)[number]) => boolean): number => profiles.filter(f).length / profiles.length;
    expect(share((p) => p.is_suspended)).toBeGreaterThan(0.005);
    expect(share((p) => p.deleted_at !== null)).toBeGreaterThan(0.002);
    expect(share((p) => p.latitude === null)).toBeGreaterThan(0.01);
    expect(share((p) => p.gender === 'non-binary')).toBeGreaterThan(0.01);
    expect(share((p) => p.invisible_mode)).toBeGreaterThan(0.015);
    expect(share((p) => p.is_deleted)).toBeGreaterThan(0.001);
    // Circle's columns are NOT NULL: every member has an age and a bio (possibly empty).
    expect(profiles.every((p) => p.age !== null && p.about !== null)).toBe(true);
  });

  it('when generated on any date, then about 6% are inactive past 45 days counted from now, and none is near that line', () => {
    const day = 86_400_000;
    const today = Math.floor(Date.now() / day) * day;
    const active = [...generateProfiles(5000, { seed: 1 })].flatMap((p) => (p.last_active ? [p.last_active] : []));
    const inactive = active.filter((at) => Date.now() - at.getTime() > 45 * day).length / 5000;
    expect(inactive).toBeGreaterThan(0.03);
    expect(inactive).toBeLessThan(0.1);
    // Counted from the start of today, nobody is 44–46 days back: from any moment of today, the line is clear.
    const daysBack = active.map((at) => (today - at.getTime()) / day);
    expect(daysBack.filter((d) => d >= 44 && d < 46)).toEqual([]);
    expect(Math.min(...daysBack)).toBeGreaterThanOrEqual(0);
  });

  it('when generated with a date, then activity counts back from it', () => {
    const now = new Date(Date.UTC(2030, 0, 1));
    const [p] = [...generateProfiles(1, { seed: 1, now })];
    const [q] = [...generateProfiles(1, { seed: 1, now: new Date(now.getTime() + 86_400_000) })];
    expect(q!.last_active!.getTime() - p!.last_active!.getTime()).toBe(86_400_000);
  });
});

describe('synthetic profile ids', () => {
  it('when 200,000 are generated, then no id repeats', () => {
    const ids = new Set<string>();
    for (const p of generateProfiles(200_000, { seed: 1 })) ids.add(p.id);
    expect(ids.size).toBe(200_000);
  });
});

describe('synthetic relations', () => {
  const world = (seed: number): SyntheticRelation[] => {
    const generator = new RelationsGenerator(seed, Date.UTC(2026, 10, 30));
    return [...generateProfiles(5000, { seed })].flatMap((p, i) => generator.relationsOf(p, i));
  };

  it('when 5,000 members are generated, then they block, befriend, pass and like one another at realistic rates', () => {
    const relations = world(1);
    const count = (f: (r: SyntheticRelation) => boolean): number => relations.filter(f).length;
    expect(count((r) => r.kind === 'block') / 5000).toBeGreaterThan(0.02);
    expect(count((r) => r.kind === 'block') / 5000).toBeLessThan(0.1);
    expect(count((r) => r.kind === 'friendship') / 5000).toBeGreaterThan(1.5);
    expect(count((r) => r.kind === 'interaction') / 5000).toBeGreaterThan(8);
    for (const action of ['view', 'like', 'super_like', 'pass'] as const)
      expect(count((r) => r.kind === 'interaction' && r.action === action)).toBeGreaterThan(100);
    for (const status of ['accepted', 'active', 'pending', 'inactive'] as const)
      expect(count((r) => r.kind === 'friendship' && r.status === status)).toBeGreaterThan(100);
    const recentPasses = count(
      (r) =>
        r.kind === 'interaction' && r.action === 'pass' && r.at.getTime() > Date.UTC(2026, 10, 30) - 30 * 86_400_000,
    );
    expect(recentPasses).toBeGreaterThan(0);
    expect(recentPasses).toBeLessThan(count((r) => r.kind === 'interaction' && r.action === 'pass'));
  });

  it('when relations are made, then they join two distinct members of one city, earlier ones as targets, and repeat with the seed', () => {
    const profiles = [...generateProfiles(5000, { seed: 1 })];
    const position = new Map(profiles.map((p, i) => [p.id, i]));
    const relations = world(1);
    for (const r of relations) {
      expect(r.from).not.toBe(r.to);
      expect(position.get(r.to)!).toBeLessThan(position.get(r.from)!);
      expect(profiles[position.get(r.to)!]!.city).toBe(profiles[position.get(r.from)!]!.city);
    }
    expect(world(1)).toEqual(relations);
  });
});
