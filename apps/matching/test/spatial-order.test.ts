import { CandidateIndex } from '../src/index/candidate-index.js';
import { CITIES, member, pooled, query } from './index-fixtures.js';

/**
 * After a full load the index renumbers its members tile by tile (CandidateIndex.orderSpatially): every member
 * keeps their id, columns and lists, neighbours become contiguous, and the changes that follow still apply.
 */
describe('spatial order', () => {
  const members = Array.from({ length: 3000 }, (_, i) => member(i));
  const queries = [
    query(),
    query({ topicConcepts: [], poolSize: 200 }),
    query({ origin: CITIES[1]!, ageRange: [25, 35], gender: 'female' }),
    query({ origin: null, topicConcepts: ['hiking'] }),
    query({ candidateIds: members.slice(0, 40).map((m) => m.id), origin: null }),
  ];

  /** An index holding every member, in load order (`bulk`: as a full load fills it, tiles left to orderSpatially). */
  const loaded = (bulk = false): CandidateIndex => {
    const index = new CandidateIndex();
    if (bulk) index.beginBulkLoad();
    for (const m of members) index.upsert(m);
    return index;
  };

  it('when the index renumbers its members tile by tile, then every pool holds the same members with the same features', () => {
    const [inLoadOrder, ordered] = [loaded(), loaded(true)];
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
