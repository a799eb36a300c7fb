import { matchRequestSchema } from '@circle-match/contracts';
import { generateProfile, generateProfiles } from '@circle-match/synthetic';

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
  });
});

describe('synthetic profile ids', () => {
  it('when 200,000 are generated, then no id repeats', () => {
    const ids = new Set<string>();
    for (const p of generateProfiles(200_000, { seed: 1 })) ids.add(p.id);
    expect(ids.size).toBe(200_000);
  });
});
