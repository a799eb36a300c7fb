import fc from 'fast-check';
import {
  bestPositions,
  compareMatches,
  DEFAULT_WEIGHTS,
  expandTopics,
  FACTORS,
  parsePrompt,
  poolFromProfiles,
  rankCandidates,
  Ranking,
  resolveConstraints,
  snapToGrid,
  type CandidateProfile,
  type RankedMatch,
  type RequesterProfile,
} from '@circle-match/scoring';

const LONDON = { latitude: 51.5074, longitude: -0.1278 };

function candidate(id: string, overrides: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    id,
    first_name: 'Sam',
    last_name: id,
    age: 30,
    about: null,
    interests: [],
    needs: [],
    gender: 'female',
    latitude: LONDON.latitude,
    longitude: LONDON.longitude,
    ...overrides,
  };
}

const requester: RequesterProfile = {
  age: 30,
  about: 'Weekend hiker and amateur photographer',
  interests: ['hiking', 'photography'],
  needs: ['friendship'],
  location: LONDON,
};

type RankRows = Parameters<typeof rankCandidates>[0];

function rank(overrides: Partial<RankRows> & Pick<RankRows, 'candidates'>): RankedMatch[] {
  const prompt = overrides.prompt ?? null;
  return rankCandidates({
    requester,
    prompt,
    constraints: resolveConstraints(prompt, { requestLocation: requester.location }),
    limit: 100,
    ...overrides,
  });
}

describe('ranker', () => {
  it('when a candidate shares interests, needs, bio, age and place, then it outranks one that shares nothing', () => {
    const [first, second] = rank({
      prompt: parsePrompt('hiking'),
      candidates: [
        candidate('b', { interests: ['knitting'], needs: ['dating'], age: 60, latitude: 51.9, about: 'Quiet knitter' }),
        candidate('a', { interests: ['Trekking', 'Photos'], needs: ['new friends'], about: 'Photographer who hikes' }),
      ],
    });
    expect(first?.profile.id).toBe('a');
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(first!.explanation.evidence.shared_interests).toEqual(['Trekking', 'Photos']);
    expect(first!.explanation.reasons[0]).toBe('Answers your search: hiking');
    expect(first!.explanation.reasons[1]).toBe('Shares 2 interests: Trekking, Photos');
  });

  it('when scores tie, then the nearer candidate comes first, then the lower id', () => {
    const near = candidate('z-near', { latitude: 51.51, longitude: -0.13 });
    const farB = candidate('b-far', { latitude: 51.6, longitude: -0.13 });
    const farA = candidate('a-far', { latitude: 51.6, longitude: -0.13 });
    const weights = { interests: 1, needs: 0, bio: 0, distance: 0, age: 0, prompt: 0 };
    const ids = rank({ candidates: [farB, near, farA], weights }).map((m) => m.profile.id);
    expect(ids).toEqual(['z-near', 'a-far', 'b-far']);
  });

  it('when candidates are given in any order, then the ranking is the same', () => {
    const pool = Array.from({ length: 30 }, (_, i) =>
      candidate(`id-${String(i).padStart(2, '0')}`, {
        age: 20 + (i % 15),
        interests: i % 3 === 0 ? ['hiking'] : ['chess'],
      }),
    );
    const forward = rank({ candidates: pool }).map((m) => m.profile.id);
    const backward = rank({ candidates: [...pool].reverse() }).map((m) => m.profile.id);
    expect(backward).toEqual(forward);
  });

  it('when limit is 3, then the best three are returned', () => {
    const pool = Array.from({ length: 10 }, (_, i) => candidate(`c${i}`, { age: 30 + i }));
    const all = rank({ candidates: pool });
    expect(rank({ candidates: pool, limit: 3 })).toEqual(all.slice(0, 3));
  });

  it('when the requester has no bio, no location and no prompt, then those factors are unavailable and their weight is spread', () => {
    const [m] = rankCandidates({
      requester: { ...requester, about: null, location: null },
      prompt: null,
      constraints: resolveConstraints(null, {}),
      candidates: [candidate('a', { interests: ['hiking'] })],
      limit: 1,
    });
    const f = m!.explanation.factors;
    expect(f.bio.available).toBe(false);
    expect(f.distance.available).toBe(false);
    expect(f.prompt.available).toBe(false);
    expect(f.bio.points + f.distance.points + f.prompt.points).toBe(0);
    expect(f.interests.weight).toBeCloseTo(0.25 / 0.55, 4);
    expect(f.interests.weight + f.needs.weight + f.age.weight).toBeCloseTo(1, 3);
    expect(m!.distanceKm).toBeNull();
  });

  it('when a candidate lacks an input the requester has, then that factor is available but scores 0', () => {
    const [m] = rank({ candidates: [candidate('a', { age: null, about: null })] });
    expect(m!.explanation.factors.age).toMatchObject({ available: true, similarity: 0, points: 0 });
    expect(m!.explanation.factors.bio).toMatchObject({ available: true, similarity: 0, points: 0 });
  });

  it('when two candidates sit in one privacy cell, then distances and distance points are identical', () => {
    const centre = snapToGrid({ latitude: 51.545, longitude: -0.11 });
    const [a, b] = rank({
      candidates: [
        candidate('a', { latitude: centre.latitude - 0.0045, longitude: centre.longitude + 0.007 }),
        candidate('b', { latitude: centre.latitude + 0.0045, longitude: centre.longitude - 0.007 }),
      ],
    });
    expect(a!.distanceKm).toBe(b!.distanceKm);
    expect(a!.explanation.factors.distance).toEqual(b!.explanation.factors.distance);
    expect(a!.location).toEqual(b!.location);
    expect(a!.location).toEqual(centre);
  });

  it('when the prompt asks for a topic, then matched terms and a reason name it', () => {
    const [m] = rank({
      prompt: parsePrompt('Looking for hiking enthusiasts near me'),
      candidates: [candidate('a', { interests: ['hiking'] })],
    });
    expect(m!.explanation.evidence.matched_prompt_terms).toEqual(['hiking']);
    expect(m!.explanation.reasons).toContain('Answers your search: hiking');
    expect(m!.explanation.matches_request).toBe(true);
  });

  it('when nothing is shared, then there is still one reason', () => {
    const [m] = rankCandidates({
      requester: { age: null, about: null, interests: [], needs: [], location: null },
      prompt: null,
      constraints: resolveConstraints(null, {}),
      candidates: [candidate('a')],
      limit: 1,
    });
    expect(m!.score).toBe(0);
    expect(m!.explanation.reasons).toEqual(['Fits the filters of your search']);
  });

  it('when distance evidence is given in a reason, then it is whole km and at least 1', () => {
    const [m] = rank({
      weights: { interests: 0, needs: 0, bio: 0, distance: 1, age: 0, prompt: 0 },
      candidates: [candidate('a')],
    });
    expect(m!.explanation.reasons).toContain('About 1 km away');
  });
});

const tag = fc.constantFrom(
  'hiking',
  'Trekking',
  'photography',
  'jazz',
  'chess',
  'yoga',
  'coffee',
  'taxidermy',
  'startups',
  'art',
);
const need = fc.constantFrom('friendship', 'dating', 'networking', 'mentor', 'gym buddy', 'emotional support');
const bio = fc.option(
  fc
    .array(
      fc.constantFrom(
        'I',
        'love',
        'hiking',
        'the',
        'sourdough',
        'art',
        'start',
        'coffee',
        'mountains',
        'chess',
        'friends',
      ),
      { maxLength: 20 },
    )
    .map((w) => w.join(' ')),
);
const profileArb = fc.record({
  age: fc.option(fc.integer({ min: 18, max: 90 })),
  about: bio,
  interests: fc.array(tag, { maxLength: 6 }),
  needs: fc.array(need, { maxLength: 3 }),
  latitude: fc.option(fc.double({ min: 51, max: 52, noNaN: true })),
  longitude: fc.double({ min: -1, max: 0, noNaN: true }),
});

describe('ranker invariants (property-based)', () => {
  it('when any requester meets any candidates, then factor points sum to match_score within 0.01 and scores lie in [0, 100]', () => {
    fc.assert(
      fc.property(
        profileArb,
        fc.array(profileArb, { minLength: 1, maxLength: 20 }),
        fc.option(
          fc.constantFrom('hiking near me', 'women 25-35 into art', 'new friends for chess', 'taxidermy', '!!!'),
        ),
        (req, cands, promptText) => {
          const prompt = promptText === null ? null : parsePrompt(promptText);
          const location = req.latitude === null ? null : { latitude: req.latitude, longitude: req.longitude };
          const ranked = rankCandidates({
            requester: { age: req.age, about: req.about, interests: req.interests, needs: req.needs, location },
            prompt,
            constraints: resolveConstraints(prompt, { requestLocation: location }),
            candidates: cands.map((c, i) =>
              candidate(`c${i}`, { ...c, latitude: c.latitude, longitude: c.latitude === null ? null : c.longitude }),
            ),
            limit: 100,
            weights: DEFAULT_WEIGHTS,
          });
          expect(ranked).toHaveLength(cands.length);
          for (const m of ranked) {
            const sum = FACTORS.reduce((s, f) => s + m.explanation.factors[f].points, 0);
            expect(Math.abs(sum - m.score)).toBeLessThanOrEqual(0.01);
            expect(m.score).toBeGreaterThanOrEqual(0);
            expect(m.score).toBeLessThanOrEqual(100);
            expect(m.explanation.reasons.length).toBeGreaterThanOrEqual(1);
            expect(m.explanation.reasons.length).toBeLessThanOrEqual(4);
            const weightSum = FACTORS.reduce((s, f) => s + m.explanation.factors[f].weight, 0);
            if (FACTORS.some((f) => m.explanation.factors[f].available)) expect(weightSum).toBeCloseTo(1, 3);
          }
          const key = (m: RankedMatch) => ({
            answersRequest: m.explanation.matches_request,
            score: m.score,
            distanceKm: m.distanceKm,
            id: m.profile.id,
          });
          for (let i = 1; i < ranked.length; i++)
            expect(compareMatches(key(ranked[i - 1]!), key(ranked[i]!))).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when one pool serves many requests in turn (its TagMemo kept across them), then each ranks as over a fresh pool', () => {
    fc.assert(
      fc.property(
        fc.array(profileArb, { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.record({
            requester: profileArb,
            prompt: fc.option(fc.constantFrom('hiking near me', 'into art and jazz', 'friends for chess', 'taxidermy')),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        (cands, requests) => {
          const candidates = cands.map((c, i) => candidate(`c${i}`, { ...c, latitude: null, longitude: null }));
          const shared = poolFromProfiles(candidates);
          for (const { requester: req, prompt: promptText } of requests) {
            const prompt = promptText === null ? null : parsePrompt(promptText);
            const request = {
              requester: { age: req.age, about: req.about, interests: req.interests, needs: req.needs, location: null },
              prompt,
              constraints: resolveConstraints(prompt, {}),
            };
            const ranked = (pool: typeof shared) => {
              const ranking = new Ranking(pool, request);
              return ranking.best(100).map((s) => ranking.explain(s, candidates[s.index]!));
            };
            expect(ranked(shared)).toEqual(ranked(poolFromProfiles(candidates)));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the ask comes first (docs/semantics.md)', () => {
  const developer: RequesterProfile = {
    age: 30,
    about: 'Software engineer, I write code all week and build side projects at night',
    interests: ['programming', 'open source', 'startups'],
    needs: ['networking'],
    location: LONDON,
  };
  // People like the requester, nearer and more alike: they win on interests, bio, needs and distance.
  const lookalikes = ['dev1', 'dev2', 'dev3'].map((id) =>
    candidate(id, {
      interests: ['programming', 'open source', 'startups'],
      needs: ['networking'],
      about: 'I write code and build side projects',
    }),
  );
  const dancers = [
    candidate('salsa', {
      interests: ['salsa'],
      needs: ['activity partner'],
      latitude: LONDON.latitude + 0.1,
      about: 'Dancing three nights a week',
    }),
    candidate('bio-only', {
      interests: ['cooking'],
      latitude: LONDON.latitude + 0.15,
      about: 'Learning bachata, looking for someone to practise with',
    }),
  ];

  it('when a developer asks for a dance partner, then the dancers come first, ahead of developers who score higher', () => {
    const ranked = rankCandidates({
      requester: developer,
      prompt: parsePrompt('a partner for salsa dancing'),
      constraints: resolveConstraints(parsePrompt('a partner for salsa dancing'), { requestLocation: LONDON }),
      candidates: [...lookalikes, ...dancers],
      limit: 10,
    });
    expect(
      ranked
        .map((m) => m.profile.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['bio-only', 'salsa']);
    expect(ranked.map((m) => m.explanation.matches_request)).toEqual([true, true, false, false, false]);
    // The developers still score higher: the ask orders groups, the score orders within them.
    expect(ranked[2]!.score).toBeGreaterThan(ranked[0]!.score);
    expect(ranked[0]!.explanation.reasons[0]).toMatch(/^Answers your search: /);
  });

  it('when preferences name interests, then members with them come first, ahead of ones like the requester', () => {
    const gamer = candidate('gamer', { interests: ['video games'], latitude: LONDON.latitude + 0.2 });
    const ranked = rankCandidates({
      requester: developer,
      prompt: null,
      preferenceInterests: ['gaming'],
      constraints: resolveConstraints(null, { requestLocation: LONDON }),
      candidates: [...lookalikes, gamer],
      limit: 10,
    });
    expect(ranked[0]!.profile.id).toBe('gamer');
    expect(ranked[0]!.explanation.reasons[0]).toBe('Answers your search: gaming');
    expect(ranked.slice(1).every((m) => !m.explanation.matches_request)).toBe(true);
  });

  it('when the request asks no topic, then every candidate answers it and the score alone orders', () => {
    const ranked = rankCandidates({
      requester: developer,
      prompt: parsePrompt('women near me aged 25-35'),
      constraints: resolveConstraints(parsePrompt('women near me aged 25-35'), { requestLocation: LONDON }),
      candidates: [...lookalikes, ...dancers],
      limit: 10,
    });
    expect(ranked.every((m) => m.explanation.matches_request)).toBe(true);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it('when a word of the prompt is generic, then it ranks but selects nobody; with no other topic, everyone answers', () => {
    const owl = candidate('owl', { interests: ['cooking'], about: 'Up all night, every night' });
    const vocabulary = { synonymsOf: () => [], isGeneric: (stem: string) => stem === 'night' };
    const rank = (prompt: string): ReturnType<typeof rankCandidates> => {
      const parsed = parsePrompt(prompt);
      return rankCandidates({
        requester: developer,
        prompt: { ...parsed, topics: expandTopics(parsed.topics, vocabulary) },
        constraints: resolveConstraints(parsed, { requestLocation: LONDON }),
        candidates: [...dancers, owl],
        limit: 10,
      });
    };
    const salsaAtNight = rank('salsa at night');
    expect(
      salsaAtNight
        .filter((m) => m.explanation.matches_request)
        .map((m) => m.profile.id)
        .sort(),
    ).toEqual(['bio-only', 'salsa']);
    expect(salsaAtNight.find((m) => m.profile.id === 'owl')!.explanation.factors.prompt.points).toBeGreaterThan(0);
    expect(rank('night').every((m) => m.explanation.matches_request)).toBe(true);
  });

  it('when a prompt with a generic word comes with preferences, then the preferences select and the generic word does not', () => {
    const owl = candidate('owl', { interests: ['cooking'], about: 'Up all night, every night' });
    const gamer = candidate('gamer', { interests: ['video games'] });
    const parsed = parsePrompt('salsa at night');
    const ranked = rankCandidates({
      requester: developer,
      prompt: {
        ...parsed,
        topics: expandTopics(parsed.topics, { synonymsOf: () => [], isGeneric: (stem) => stem === 'night' }),
      },
      preferenceInterests: ['gaming'],
      constraints: resolveConstraints(parsed, { requestLocation: LONDON }),
      candidates: [...dancers, owl, gamer],
      limit: 10,
    });
    expect(
      ranked
        .filter((m) => m.explanation.matches_request)
        .map((m) => m.profile.id)
        .sort(),
    ).toEqual(['bio-only', 'gamer', 'salsa']);
    expect(ranked.find((m) => m.profile.id === 'owl')!.explanation.matches_request).toBe(false);
  });

  it("when a word is only part of a concept's name in a tag, then it ranks but does not answer; a tag about the word does", () => {
    const cook = candidate('cook', { interests: ['home cooking'] });
    const homebody = candidate('homebody', { interests: ['home'] });
    const ranked = rankCandidates({
      requester: developer,
      prompt: parsePrompt('home'),
      constraints: resolveConstraints(parsePrompt('home'), { requestLocation: LONDON }),
      candidates: [cook, homebody],
      limit: 2,
    });
    expect(ranked.map((m) => [m.profile.id, m.explanation.matches_request])).toEqual([
      ['homebody', true],
      ['cook', false],
    ]);
    expect(ranked[1]!.explanation.factors.prompt.points).toBeGreaterThan(0);
  });

  it('when a candidate is only in a similar category, then it does not answer the request', () => {
    // Fashion and hiking are not related; running is in the same fitness category as dancing, not the same thing.
    const runner = candidate('runner', { interests: ['running'] });
    const [m] = rankCandidates({
      requester: developer,
      prompt: parsePrompt('salsa'),
      constraints: resolveConstraints(parsePrompt('salsa'), { requestLocation: LONDON }),
      candidates: [runner],
      limit: 1,
    });
    expect(m!.explanation.matches_request).toBe(false);
  });
});

describe('effective constraints', () => {
  it('when the prompt and the request both limit age, then the intersection applies', () => {
    const c = resolveConstraints(parsePrompt('in their 30s'), { ageRange: [25, 35] });
    expect(c.ageRange).toEqual([30, 35]);
    expect(c.empty).toBe(false);
  });

  it('when the prompt and the request limit age without overlap, then the constraints are empty', () => {
    expect(resolveConstraints(parsePrompt('over 50'), { ageRange: [25, 35] }).empty).toBe(true);
  });

  it('when the prompt asks for women and the preference for men, then the constraints are empty', () => {
    expect(resolveConstraints(parsePrompt('women who hike'), { genderPreference: 'male' }).empty).toBe(true);
    expect(resolveConstraints(parsePrompt('women who hike'), { genderPreference: 'Female' }).gender).toBe('female');
  });

  it("when the gender preference uses a prompt's word or a short form, then it means the same gender as in a prompt", () => {
    for (const [preference, gender] of [
      ['girls', 'female'],
      ['Guys', 'male'],
      ['enby', 'non-binary'],
      ['f', 'female'],
      ['M', 'male'],
      ['nb', 'non-binary'],
    ]) {
      expect([preference, resolveConstraints(null, { genderPreference: preference }).gender]).toEqual([
        preference,
        gender,
      ]);
    }
    // Words an object's prototype holds are no gender: the preference stays as given, and matches nobody's.
    expect(resolveConstraints(null, { genderPreference: 'constructor' }).gender).toBe('constructor');
    expect(parsePrompt('constructor toString hikers').gender).toBeNull();
  });

  it('when the gender preference is "any", then gender is not limited', () => {
    expect(resolveConstraints(null, { genderPreference: 'Any' }).gender).toBeNull();
  });

  it('when distances come from both, then the smaller applies, and 50 km when none does', () => {
    expect(resolveConstraints(parsePrompt('within 10 km'), { maxDistanceKm: 30 }).maxDistanceKm).toBe(10);
    expect(resolveConstraints(null, { maxDistanceKm: 300 }).maxDistanceKm).toBe(300);
    expect(resolveConstraints(null, {}).maxDistanceKm).toBe(50);
  });

  it('when the request has a location, then it wins over the profile location, snapped to its privacy cell', () => {
    const here = { latitude: 1, longitude: 2 };
    expect(resolveConstraints(null, { requestLocation: here, profileLocation: LONDON }).origin).toEqual(
      snapToGrid(here),
    );
    expect(resolveConstraints(null, { profileLocation: LONDON }).origin).toEqual(snapToGrid(LONDON));
  });

  it('when a distance limit is fractional, then it is rounded up to whole km', () => {
    expect(resolveConstraints(null, { maxDistanceKm: 2.3 }).maxDistanceKm).toBe(3);
    expect(resolveConstraints(null, { maxDistanceKm: 0.2 }).maxDistanceKm).toBe(1);
  });
});

describe('bestPositions', () => {
  it('when selecting k of many, then the result equals the first k of a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: 0, max: 20 }), (items, k) => {
        const byValue = (a: number, b: number): number => a - b;
        const best = bestPositions(items.length, k, (a, b) => byValue(items[a]!, items[b]!));
        expect(best.map((i) => items[i])).toEqual([...items].sort(byValue).slice(0, k));
      }),
    );
  });
});

describe('origin coordinates', () => {
  it('when a location has subnormal or over-precise coordinates, then the origin is the centre of its cell, finite', () => {
    expect(resolveConstraints(null, { requestLocation: { latitude: 5e-324, longitude: -1e-310 } }).origin).toEqual(
      snapToGrid({ latitude: 0, longitude: 0 }),
    );
    const origin = resolveConstraints(null, {
      requestLocation: { latitude: 51.123456789, longitude: -0.12345678 },
    }).origin!;
    expect(origin).toEqual(snapToGrid({ latitude: 51.1234568, longitude: -0.1234568 }));
    expect(resolveConstraints(null, { requestLocation: { latitude: 51.1201, longitude: -0.1201 } }).origin).toEqual(
      origin,
    ); // same cell
  });
});
