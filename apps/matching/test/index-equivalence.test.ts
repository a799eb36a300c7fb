import { activeWithinSql, SEARCHABLE_SQL } from '@circle-match/db';
import { matchResponseSchema, type MatchRequestInput, type MatchResponse } from '@circle-match/contracts';
import { seedProfiles } from '@circle-match/seed';
import {
  conceptTerm,
  expandTopics,
  distanceKm,
  hasTerm,
  parsePrompt,
  phraseKey,
  rankCandidates,
  resolveConstraints,
  searchTopics,
  TermDictionary,
  toBioTerms,
  wholeKm,
  type CandidateProfile,
} from '@circle-match/scoring';
import { createTestDatabase, type TestDatabase } from '@circle-match/test-support';
import request from 'supertest';
import { WordNetSynonyms } from '../src/data-access/wordnet-synonyms.js';
import { rankedRequester } from '../src/domain/match-use-case.js';
import { API_KEY, matchingApp, type TestApp } from './support.js';

const wordnet = new WordNetSynonyms();

/**
 * The candidate index against a brute-force reference (docs/semantics.md): for a golden set of requests over 20,000 seeded
 * members, the reference reads every member from PostgreSQL, keeps the eligible ones by SQL and arithmetic, orders
 * all of them by the pool rule (mentions a topic first, then nearest or most recently active, then id), takes the
 * pool and ranks it with the row-based ranker. The service's answer must be the same members, in the same order,
 * with the same scores. Nothing of the index's code (columns, arena, tiles, id table, walk) is used by the
 * reference.
 */
const MEMBERS = 20_000;
const POOL = 150;
const INACTIVE_DAYS = 45;

interface ReferenceRow extends CandidateProfile {
  last_active: Date | null;
}

let db: TestDatabase;
let service: TestApp;
let everyone: ReferenceRow[];
/** Per member, whom they are never shown (blocks either way, friends, passes within 30 days, likes). */
const related = new Map<string, Set<string>>();

beforeAll(async () => {
  db = await createTestDatabase();
  const client = await db.client();
  await seedProfiles(client, { count: MEMBERS, seed: 7 });
  // Eligible members by the database's own filter (its agreement with the index: searchable-agreement.test.ts),
  // with the grid's cell centres computed by SQL.
  const { rows } = await client.query<ReferenceRow>(
    `SELECT id, first_name, last_name, age, about, interests, needs, gender, last_active,
       cm_snap_lat(latitude) AS latitude, cm_snap_lon(latitude, longitude) AS longitude
     FROM profiles p
     WHERE ${SEARCHABLE_SQL} AND ${activeWithinSql('$1')}`,
    [INACTIVE_DAYS],
  );
  everyone = rows;
  const pairs = await client.query<{ member: string; other: string }>(
    `SELECT blocker_id AS member, blocked_id AS other FROM blocks UNION ALL SELECT blocked_id, blocker_id FROM blocks
     UNION ALL SELECT user1_id, user2_id FROM friendships WHERE status IN ('accepted', 'active')
     UNION ALL SELECT user2_id, user1_id FROM friendships WHERE status IN ('accepted', 'active')
     UNION ALL SELECT user_id, target_user_id FROM explore_interactions
       WHERE action_type IN ('like', 'super_like') OR (action_type = 'pass' AND created_at >= now() - interval '30 days')`,
  );
  for (const { member, other } of pairs.rows) related.set(member, (related.get(member) ?? new Set()).add(other));
  service = await matchingApp(db.url, { poolSize: POOL, inactiveDays: INACTIVE_DAYS });
}, 180_000);

afterAll(async () => {
  await service?.close();
  await db?.close();
});

/** The reference's own "mentions a topic": concepts of tags and bio synonyms, or every stem of a free phrase. */
function mentionsTopic(row: ReferenceRow, concepts: readonly string[], phrases: readonly string[]): boolean {
  const terms = new TermDictionary();
  const bio = toBioTerms(terms, row.about);
  const senses = service.service.maintainer.index!.senses;
  const tags = [...row.interests, ...row.needs].map((raw) => senses.read(raw));
  if (concepts.some((c) => tags.some((t) => t.concepts.has(c)) || hasTerm(bio, terms.known(conceptTerm(c)))))
    return true;
  return phrases.some((phrase) => {
    const stems = phraseKey(phrase).split(' ').filter(Boolean);
    return stems.length > 0 && stems.every((s) => tags.some((t) => t.stems.has(s)) || hasTerm(bio, terms.known(s)));
  });
}

function reference(input: MatchRequestInput): Array<{ id: string; score: number }> {
  const requester = everyone.find((r) => r.id === input.user_id)!;
  const parsed = input.prompt !== undefined ? parsePrompt(input.prompt) : null;
  // Words the lexicon does not know are expanded as the service plans them (WordNet synonyms, and the associations
  // learned from these members: the learning itself is tested in learned-vocabulary.test.ts).
  const intent = parsed && {
    ...parsed,
    topics: expandTopics(parsed.topics, {
      synonymsOf: (w) => wordnet.synonymsOf(w),
      associationsOf: (stem) => service.service.maintainer.index!.associationsOf(stem),
      isGeneric: (stem) => service.service.maintainer.index!.isGenericWord(stem),
      senses: service.service.maintainer.index!.senses,
    }),
  };
  const requestLocation =
    input.latitude !== undefined && input.longitude !== undefined
      ? { latitude: input.latitude, longitude: input.longitude }
      : null;
  const constraints = resolveConstraints(intent, {
    ageRange: input.preferences?.age_range,
    genderPreference: input.preferences?.gender_preference,
    maxDistanceKm: input.preferences?.max_distance,
    requestLocation,
    profileLocation: null, // every golden request without a location is from a member without one
  });
  const topics = searchTopics(intent?.topics ?? [], input.preferences?.interests ?? []);
  const hasTopics = topics.concepts.length + topics.phrases.length > 0;
  const keyed = everyone
    .filter((r) => r.id !== requester.id && !related.get(requester.id)?.has(r.id))
    .filter((r) => !input.candidate_ids || input.candidate_ids.includes(r.id))
    .filter(
      (r) =>
        !constraints.ageRange ||
        (r.age !== null && r.age >= constraints.ageRange[0] && r.age <= constraints.ageRange[1]),
    )
    .filter((r) => !constraints.gender || r.gender === constraints.gender)
    .map((r) => {
      let key: number | null;
      if (constraints.origin) {
        key =
          r.latitude === null
            ? null
            : wholeKm(distanceKm(constraints.origin, { latitude: r.latitude, longitude: r.longitude! }));
        if (key !== null && key > constraints.maxDistanceKm) key = null;
      } else {
        key = r.last_active ? -r.last_active.getTime() : 0;
      }
      return { row: r, key, topic: hasTopics && mentionsTopic(r, topics.concepts, topics.phrases) };
    })
    .filter((k): k is { row: ReferenceRow; key: number; topic: boolean } => k.key !== null);
  keyed.sort((a, b) => Number(b.topic) - Number(a.topic) || a.key - b.key || (a.row.id < b.row.id ? -1 : 1));
  const pool = keyed.slice(0, POOL).map((k) => k.row);
  return rankCandidates({
    requester: rankedRequester(requester, constraints),
    prompt: intent,
    preferenceInterests: input.preferences?.interests ?? [],
    preferenceNeeds: input.preferences?.needs ?? [],
    constraints,
    candidates: pool,
    senses: service.service.maintainer.index!.senses,
    limit: input.limit ?? 10,
  }).map((m) => ({ id: m.profile.id, score: m.score }));
}

/** Topics, constraints, several concepts at once, a word no concept knows, a one-word prompt. */
const PROMPTS = [
  'trekking buddies aged 25 to 35 close by',
  'women who love travel photography',
  'board game nights with new friends',
  'mentorship from startup founders',
  'a running partner within 10 km',
  'men over 30 into cooking',
  'craft beer and live music nearby',
  'people into taxidermy',
  'chess',
];

function goldenSet(): MatchRequestInput[] {
  const located = everyone.filter((r) => r.latitude !== null);
  const unlocated = everyone.filter((r) => r.latitude === null);
  const requests: MatchRequestInput[] = [];
  PROMPTS.forEach((prompt, i) => {
    const member = located[(i * 97) % located.length]!;
    requests.push({ user_id: member.id, prompt, latitude: member.latitude!, longitude: member.longitude! });
  });
  // A located member searching from where they live, with what else the request asks.
  const from = (index: number, asked: Omit<MatchRequestInput, 'user_id'>): MatchRequestInput => ({
    user_id: located[index]!.id,
    latitude: located[index]!.latitude!,
    longitude: located[index]!.longitude!,
    ...asked,
  });
  requests.push(
    from(5, { preferences: { interests: ['hiking', 'camping'], max_distance: 30 } }),
    from(6, { preferences: { interests: ['jazz'], age_range: [25, 45] } }),
    from(7, { preferences: { needs: ['friendship'], gender_preference: 'female', max_distance: 2000 }, limit: 25 }),
    from(8, { prompt: 'anyone near me', limit: 50 }),
    // Origins on the corners of the index's 0.5° tiles, in London: the pool spans four tiles.
    from(10, { prompt: 'anyone near me', latitude: 51.5001, longitude: -0.0001, limit: 50 }),
    from(11, { prompt: 'hiking near me', latitude: 51.4999, longitude: 0.0001, limit: 50 }),
  );
  // No location anywhere: most recently active first, the whole table scanned.
  if (unlocated[0]) requests.push({ user_id: unlocated[0].id, prompt: 'board games and coffee' });
  if (unlocated[1]) requests.push({ user_id: unlocated[1].id, preferences: { interests: ['yoga'] }, limit: 20 });
  // A candidate list, with ineligible and unknown ids among it.
  requests.push(
    from(9, {
      prompt: 'hiking',
      preferences: { max_distance: 20000 },
      candidate_ids: [...located.slice(100, 160).map((r) => r.id), '00000000-0000-4000-8000-000000000000'],
    }),
  );
  return requests;
}

describe('candidate index ≡ brute force', () => {
  it("when the golden requests are asked, then the service returns the reference's members, order and scores", async () => {
    const golden = goldenSet();
    expect(golden.length).toBeGreaterThanOrEqual(15);
    // The seeded world has relations, and most golden requesters have some: the filters are part of what is compared.
    expect(golden.filter((g) => (related.get(g.user_id)?.size ?? 0) > 0).length).toBeGreaterThan(golden.length / 2);
    let compared = 0;
    for (const input of golden) {
      const res = await request(service.app).post('/api/ml/match').set('X-API-Key', API_KEY).send(input);
      expect(res.status).toBe(200);
      const body: MatchResponse = matchResponseSchema.parse(res.body);
      const expected = reference(input);
      expect({ request: input, answer: body.matches.map((m) => ({ id: m.id, score: m.match_score })) }).toEqual({
        request: input,
        answer: expected,
      });
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100); // the golden set returns real answers, not empty lists
  });

  it('when pools are ranked in two ranking threads over the shared index, all at once (the service thread taking the overflow), then every answer is the same: members, order, scores and explanations', async () => {
    const threaded = await matchingApp(db.url, { poolSize: POOL, inactiveDays: INACTIVE_DAYS, rankingThreads: 2 });
    const ask = (s: TestApp, input: MatchRequestInput) =>
      request(s.app).post('/api/ml/match').set('X-API-Key', API_KEY).send(input);
    // All but the request's own id and timing.
    const answer = (body: unknown) => {
      const parsed = matchResponseSchema.parse(body);
      return { matches: parsed.matches, total: parsed.total_candidates };
    };
    try {
      const golden = goldenSet();
      const expected = [];
      for (const input of golden) expected.push({ request: input, answer: answer((await ask(service, input)).body) });
      const concurrent = await Promise.all(golden.map((input) => ask(threaded, input)));
      expect(concurrent.map((res) => res.status)).toEqual(golden.map(() => 200));
      expect(concurrent.map((res, i) => ({ request: golden[i], answer: answer(res.body) }))).toEqual(expected);
      // Ranked in the threads, and in the service thread whenever they had 4 waiting (how many depends on timing).
      const { inThreads, here } = threaded.service.threads!.ranked;
      expect(inThreads).toBeGreaterThan(0);
      expect(inThreads + here).toBe(golden.length);
    } finally {
      await threaded.close();
    }
  });
});
