import type { CandidatePool } from '@circle-match/scoring';
import { Random } from '@circle-match/synthetic';
import type { CandidateIndex } from '../src/index/candidate-index.js';
import type { IndexedMember } from '../src/index/member-columns.js';
import type { PoolQuery } from '../src/domain/ports.js';

/** Members, queries and pools for tests of the candidate index alone (no database). */
const random = new Random(5);
const uuid = (): string => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => random.int(0, 15).toString(16));
export const CITIES = [
  { latitude: 51.5, longitude: -0.12 },
  { latitude: 53.48, longitude: -2.24 },
];

export function member(i: number): IndexedMember {
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

export function query(overrides: Partial<PoolQuery> = {}): PoolQuery {
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

/** The members of a pool, as ids with what the ranking reads of them (tags and bio terms by name). */
export function poolMembers(pool: CandidatePool): string[] {
  const terms = pool.terms.termsFrom(0);
  return Array.from({ length: pool.size }, (_, i) => {
    const from = pool.start[i]!;
    const tagsEnd = from + pool.interestCount[i]! + pool.needCount[i]!;
    const tags = Array.from(pool.lists.subarray(from, tagsEnd), (t) => pool.tags[t]!.raw);
    const bio = Array.from(pool.lists.subarray(tagsEnd, tagsEnd + pool.bioCount[i]!), (t) => terms[t]);
    return `${pool.idOf(i)} ${pool.age[i]} ${pool.latitude[i]} ${pool.longitude[i]} ${tags.join('|')} ${bio.join(' ')}`;
  }).sort();
}

export function pooled(index: CandidateIndex, q: PoolQuery): string[] {
  return poolMembers(index.pool(q).candidates);
}
