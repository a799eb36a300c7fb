import {
  DEFAULT_WEIGHTS,
  effectiveWeights,
  FACTORS,
  InvalidWeightsError,
  validateWeights,
} from '@circle-match/scoring';

describe('weights', () => {
  it('when the defaults are checked, then they are the docs/semantics.md weights and valid', () => {
    expect(DEFAULT_WEIGHTS).toEqual({ interests: 0.25, needs: 0.2, bio: 0.15, distance: 0.15, age: 0.1, prompt: 0.15 });
    expect(validateWeights({ ...DEFAULT_WEIGHTS })).toEqual(DEFAULT_WEIGHTS);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 3, /must be an object/],
    ['an array', [0.5, 0.5], /must be an object/],
    ['a missing factor', { interests: 0.5, needs: 0.5, bio: 0, distance: 0, age: 0 }, /"prompt"/],
    ['an unknown factor', { ...DEFAULT_WEIGHTS, charm: 0 }, /unknown weight\(s\): charm/],
    ['a negative weight', { ...DEFAULT_WEIGHTS, interests: -0.25, needs: 0.7 }, /"interests"/],
    ['a string weight', { ...DEFAULT_WEIGHTS, age: '0.1' }, /"age"/],
    ['a sum of 1.1', { ...DEFAULT_WEIGHTS, age: 0.2 }, /sum to 1 \(they sum to 1\.1000\)/],
  ])('when weights are %s, then they are refused with a clear message', (_label, input, message) => {
    expect(() => validateWeights(input)).toThrow(InvalidWeightsError);
    expect(() => validateWeights(input)).toThrow(message);
  });

  it('when all factors are available, then effective weights are the configured ones', () => {
    const all = Object.fromEntries(FACTORS.map((f) => [f, true])) as Record<(typeof FACTORS)[number], boolean>;
    expect(effectiveWeights(DEFAULT_WEIGHTS, all)).toEqual(DEFAULT_WEIGHTS);
  });

  it('when bio and distance are unavailable, then their weight is spread in proportion', () => {
    const w = effectiveWeights(DEFAULT_WEIGHTS, {
      interests: true,
      needs: true,
      bio: false,
      distance: false,
      age: true,
      prompt: true,
    });
    expect(w.bio).toBe(0);
    expect(w.distance).toBe(0);
    expect(w.interests).toBeCloseTo(0.25 / 0.7, 10);
    expect(w.needs).toBeCloseTo(0.2 / 0.7, 10);
    expect(w.interests / w.needs).toBeCloseTo(0.25 / 0.2, 10);
    expect(FACTORS.reduce((s, f) => s + w[f], 0)).toBeCloseTo(1, 10);
  });

  it('when nothing is available, then every effective weight is 0', () => {
    const none = Object.fromEntries(FACTORS.map((f) => [f, false])) as Record<(typeof FACTORS)[number], boolean>;
    expect(Object.values(effectiveWeights(DEFAULT_WEIGHTS, none))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
