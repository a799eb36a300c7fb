import {
  errorBodySchema,
  promptSearchRequestSchema,
  publicMatchSchema,
  searchRequestSchema,
} from '@circle-match/contracts';

describe('public request schemas', () => {
  it('when search has neither prompt nor preferences, then prompt is named as missing', () => {
    const result = searchRequestSchema.safeParse({ limit: 5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['prompt']);
  });

  it('when search has preferences only, then it is valid', () => {
    expect(searchRequestSchema.safeParse({ preferences: { interests: ['hiking'] } }).success).toBe(true);
  });

  it('when search asks for 51 results, then limit is refused', () => {
    expect(searchRequestSchema.safeParse({ prompt: 'x', limit: 51 }).success).toBe(false);
  });

  it('when prompt-search has no prompt or a blank one, then it is refused', () => {
    expect(promptSearchRequestSchema.safeParse({}).success).toBe(false);
    expect(promptSearchRequestSchema.safeParse({ prompt: ' \n\t' }).success).toBe(false);
  });

  it('when a public request gives a fractional max_distance, then it is refused, naming the field (whole km only)', () => {
    const prompt = promptSearchRequestSchema.safeParse({ prompt: 'hiking', max_distance: 2.5 });
    expect(prompt.success).toBe(false);
    expect(prompt.error?.issues[0]?.path).toEqual(['max_distance']);
    const search = searchRequestSchema.safeParse({ preferences: { max_distance: 0.3 } });
    expect(search.success).toBe(false);
    expect(search.error?.issues[0]?.path).toEqual(['preferences', 'max_distance']);
    expect(searchRequestSchema.safeParse({ preferences: { max_distance: 3 } }).success).toBe(true);
  });

  it('when prompt-search has a prompt and filters, then it is valid and unknown fields are dropped', () => {
    const parsed = promptSearchRequestSchema.parse({
      prompt: 'hiking',
      age_range: [25, 35],
      max_distance: 10,
      user_id: 'x',
    });
    expect(parsed).toEqual({ prompt: 'hiking', age_range: [25, 35], max_distance: 10 });
  });
});

describe('public response shapes', () => {
  const explanation = {
    factors: Object.fromEntries(
      ['interests', 'needs', 'bio', 'distance', 'age', 'prompt'].map((f) => [
        f,
        { similarity: 0, weight: 0, points: 0, available: false },
      ]),
    ),
    evidence: {
      shared_interests: [],
      shared_needs: [],
      matched_prompt_terms: [],
      shared_bio_terms: [],
      distance_km: null,
      age_gap: null,
    },
    matches_request: true,
    reasons: ['Fits the filters of your search'],
  };
  const match = {
    id: 'x',
    name: 'A',
    age: 30,
    bio: null,
    interests: [],
    needs: [],
    gender: null,
    match_score: 0,
    explanation,
  };

  it('when a public match has a fractional distance, then it does not fit the public shape', () => {
    expect(publicMatchSchema.safeParse({ ...match, distance_km: 2.4 }).success).toBe(false);
    expect(publicMatchSchema.safeParse({ ...match, distance_km: 0 }).success).toBe(false);
    expect(publicMatchSchema.safeParse({ ...match, distance_km: 2 }).success).toBe(true);
  });

  it('when a public match carries coordinates, then parsing strips them', () => {
    const parsed = publicMatchSchema.parse({ ...match, distance_km: 3, latitude: 1, longitude: 2 });
    expect(parsed).not.toHaveProperty('latitude');
    expect(parsed).not.toHaveProperty('longitude');
  });

  it('when an error body has an unknown code, then it does not fit docs/api.md', () => {
    expect(
      errorBodySchema.safeParse({ success: false, error: 'x', code: 'VALIDATION_ERROR', request_id: 'r' }).success,
    ).toBe(true);
    expect(errorBodySchema.safeParse({ success: false, error: 'x', code: 'OOPS', request_id: 'r' }).success).toBe(
      false,
    );
  });
});
