import { fieldIssues, matchRequestSchema, validationMessage } from '@circle-match/contracts';

const USER = '7d444840-9dc0-11d1-b245-5ffdce74fad2';

function issuesOf(body: unknown): string[] {
  const result = matchRequestSchema.safeParse(body);
  return result.success ? [] : fieldIssues(result.error).map((i) => i.field);
}

describe('internal match request schema', () => {
  it('when only user_id is given, then it is valid with limit 10', () => {
    const parsed = matchRequestSchema.parse({ user_id: USER });
    expect(parsed.limit).toBe(10);
  });

  it.each([
    ['a non-uuid user_id', { user_id: 'abc' }, 'user_id'],
    ['a missing user_id', {}, 'user_id'],
    ['an empty prompt', { user_id: USER, prompt: '' }, 'prompt'],
    ['a blank prompt', { user_id: USER, prompt: '   ' }, 'prompt'],
    ['a 501-character prompt', { user_id: USER, prompt: 'a'.repeat(501) }, 'prompt'],
    ['latitude without longitude', { user_id: USER, latitude: 10 }, 'longitude'],
    ['longitude without latitude', { user_id: USER, longitude: 10 }, 'latitude'],
    ['latitude out of range', { user_id: USER, latitude: 91, longitude: 0 }, 'latitude'],
    ['longitude out of range', { user_id: USER, latitude: 0, longitude: -181 }, 'longitude'],
    ['limit 0', { user_id: USER, limit: 0 }, 'limit'],
    ['limit 101', { user_id: USER, limit: 101 }, 'limit'],
    ['a fractional limit', { user_id: USER, limit: 2.5 }, 'limit'],
    ['reversed age range', { user_id: USER, preferences: { age_range: [40, 30] } }, 'preferences.age_range'],
    ['age below 18', { user_id: USER, preferences: { age_range: [17, 30] } }, 'preferences.age_range.0'],
    ['age above 120', { user_id: USER, preferences: { age_range: [30, 121] } }, 'preferences.age_range.1'],
    ['a three-element age range', { user_id: USER, preferences: { age_range: [20, 30, 40] } }, 'preferences.age_range'],
    ['max_distance 0', { user_id: USER, preferences: { max_distance: 0 } }, 'preferences.max_distance'],
    ['max_distance 20001', { user_id: USER, preferences: { max_distance: 20001 } }, 'preferences.max_distance'],
    ['31 interests', { user_id: USER, preferences: { interests: Array(31).fill('x') } }, 'preferences.interests'],
    ['1001 candidate ids', { user_id: USER, candidate_ids: Array(1001).fill(USER) }, 'candidate_ids'],
    ['a non-uuid excluded id', { user_id: USER, exclude_user_ids: ['1'] }, 'exclude_user_ids.0'],
    ['an unknown field', { user_id: USER, userId: USER }, '(body)'],
    ['an unknown preference', { user_id: USER, preferences: { colour: 'red' } }, 'preferences'],
    ['a string latitude', { user_id: USER, latitude: '10', longitude: 10 }, 'latitude'],
  ])('when the body has %s, then validation names %s', (_label, body, field) => {
    expect(issuesOf(body)).toContain(field);
  });

  it('when the body is not an object, then it is refused', () => {
    expect(matchRequestSchema.safeParse([]).success).toBe(false);
    expect(matchRequestSchema.safeParse(null).success).toBe(false);
  });

  it('when numbers are NaN or Infinity, then they are refused', () => {
    expect(issuesOf({ user_id: USER, latitude: Number.NaN, longitude: 0 })).toContain('latitude');
    expect(issuesOf({ user_id: USER, preferences: { max_distance: Number.POSITIVE_INFINITY } })).toContain(
      'preferences.max_distance',
    );
  });

  it('when a full valid body is given, then every field is kept', () => {
    const body = {
      user_id: USER,
      prompt: 'hiking near me',
      preferences: {
        max_distance: 20,
        age_range: [25, 35],
        interests: ['hiking'],
        needs: ['friendship'],
        gender_preference: 'female',
      },
      latitude: 51.5,
      longitude: -0.12,
      limit: 5,
      single_best_match: true,
      candidate_ids: [USER],
      exclude_user_ids: [],
    };
    expect(matchRequestSchema.parse(body)).toEqual(body);
  });

  it('when validation fails, then the message names the first field', () => {
    const result = matchRequestSchema.safeParse({ user_id: 'nope', limit: 0 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(validationMessage(fieldIssues(result.error))).toMatch(
        /^Invalid request: user_id must be a UUID \(and 1 more\)$/,
      );
    }
  });
});

describe('text the database cannot store', () => {
  it.each([
    ['prompt', { prompt: 'hik\u0000ing' }, 'prompt'],
    ['an interest', { preferences: { interests: ['a\u0000'] } }, 'preferences.interests.0'],
    ['gender_preference', { preferences: { gender_preference: '\u0000' } }, 'preferences.gender_preference'],
  ])('when %s holds a NUL character, then 400 naming it (not a database error)', (_label, body, field) => {
    expect(issuesOf({ user_id: USER, ...body })).toContain(field);
  });
});
