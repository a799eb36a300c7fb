import { Random } from '@circle-match/synthetic';
import { CandidateIndex } from '../src/index/candidate-index.js';
import type { IndexedMember } from '../src/index/member-columns.js';
import type { PoolQuery } from '../src/domain/ports.js';

/**
 * After a full load the index renumbers its members tile by tile (CandidateIndex.orderSpatially): every member
 * keeps their id, columns and lists, neighbours become contiguous, and the changes that follow still apply.
 */
const random = new Random(5);
const uuid = (): string => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => random.int(0, 15).toString(16));
const CITIES = [
  { latitude: 51.5, longitude: -0.12 },
  { latitude: 53.48, longitude: -2.24 },
];

function member(i: number): IndexedMember {
  const city = CITIES[i % 2]!;
  const located = i % 13 !== 0;
  return {
    id: uuid(),
    age: 20 + (i % 30),
    gender: i % 3 ? 'female' : 'male',
    cellLatitude: located ? city.latitude + random.int(0, 40) * 0.01 : null,
    cellLongitude: located ? city.longitude + random.int(0, 40) * 0.01 : null,
    interests: [['hiking', 'chess'][i % 2]!, `tag ${i % 7}`],
    needs: i % 4 ? ['friendship'] : [],
    about: `member number ${i} likes ${['trekking', 'cooking', 'jazz'][i % 3]}`,
    lastActive: new Date(Date.UTC(2026, 10, 1 + (i % 28))),
  };
}

function query(overrides: Partial<PoolQuery> = {}): PoolQuery {
  return {
    requesterId: '00000000-0000-4000-8000-000000000000',
    origin: CITIES[0]!,
    maxDistanceKm: 60,
    ageRange: null,
    gender: null,
    candidateIds: null,
    excludeIds: [],
    inactiveDays: 3650,
    topicConcepts: ['hiking'],
    topicPhrases: [],
    poolSize: 50,
    now: Date.UTC(2026, 10, 30),
    ...overrides,
  };
}

/** The members of a pool, as ids with what the ranking reads of them. */
function pooled(index: CandidateIndex, q: PoolQuery): string[] {
  const pool = index.pool(q).candidates;
  return Array.from({ length: pool.size }, (_, i) => {
    const from = pool.start[i]!;
    const tags = Array.from(pool.lists.subarray(from, from + pool.interestCount[i]!), (t) => pool.tags[t]!.raw);
    return `${pool.idOf(i)} ${pool.age[i]} ${pool.latitude[i]} ${tags.join('|')} ${pool.bioCount[i]}`;
  }).sort();
}

describe('spatial order', () => {
  const members = Array.from({ length: 3000 }, (_, i) => member(i));
  const queries = [
    query(),
    query({ topicConcepts: [], poolSize: 200 }),
    query({ origin: CITIES[1]!, ageRange: [25, 35], gender: 'female' }),
    query({ origin: null, topicConcepts: ['hiking'] }),
    query({ candidateIds: members.slice(0, 40).map((m) => m.id), origin: null }),
  ];

  /** An index holding every member, in load order. */
  const loaded = (): CandidateIndex => {
    const index = new CandidateIndex();
    for (const m of members) index.upsert(m);
    return index;
  };

  it('when the index renumbers its members tile by tile, then every pool holds the same members with the same features', () => {
    const [inLoadOrder, ordered] = [loaded(), loaded()];
    ordered.remove(members[7]!.id);
    inLoadOrder.remove(members[7]!.id);
    ordered.orderSpatially();
    for (const q of queries) expect(pooled(ordered, q)).toEqual(pooled(inLoadOrder, q));
    expect(ordered.size).toBe(members.length - 1);
    // Neighbours are contiguous: the members of one cell occupy consecutive slots.
    const c = ordered.columns;
    const cellOf = (slot: number) => `${c.cellLat[slot]},${c.cellLon[slot]}`;
    let runs = 0;
    for (let slot = 1; slot < c.size; slot++) if (cellOf(slot) !== cellOf(slot - 1)) runs++;
    expect(runs).toBeLessThan(new Set(Array.from({ length: c.size }, (_, s) => cellOf(s))).size * 2);
  });

  it('when members join, change and leave after the renumbering, then pools follow them', () => {
    const [reference, ordered] = [loaded(), loaded()];
    ordered.orderSpatially();
    const joined = Array.from({ length: 1500 }, (_, i) => member(5000 + i)); // past the capacity: the columns grow
    const moved = { ...members[10]!, cellLatitude: 53.5, cellLongitude: -2.2, interests: ['hiking'] };
    for (const index of [reference, ordered]) {
      for (const m of joined) index.upsert(m);
      index.upsert(moved);
      index.remove(members[11]!.id);
    }
    for (const q of queries) expect(pooled(ordered, q)).toEqual(pooled(reference, q));
  });
});
