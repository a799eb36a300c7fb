import { CandidateIndex } from '../src/index/candidate-index.js';
import type { PoolQuery } from '../src/domain/ports.js';
import type { IndexedMember } from '../src/index/member-columns.js';
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

  describe.each([false, true])('packed into runs by fine tile (shared: %s)', (shared) => {
    // The first city's centre: dense enough that small pools there fill from the fine tiles nearest it.
    const origin = { latitude: CITIES[0]!.latitude + 0.25, longitude: CITIES[0]!.longitude + 0.25 };
    const narrowed: Array<Partial<PoolQuery>> = [
      {},
      { topicConcepts: ['hiking', 'board games'] },
      { ageRange: [25, 35], gender: 'female' },
    ];
    const dense = narrowed.map((q) => query({ origin, poolSize: 20, ...q }));
    const searches = [
      ...dense,
      query({ poolSize: 40, origin: CITIES[1]!, topicConcepts: ['board games'] }),
      query({ origin, poolSize: 400 }), // more than the topic has within reach: the coarse lists, then everyone else
    ];
    const at = (m: IndexedMember, dLat: number, dLon: number): IndexedMember => ({
      ...m,
      cellLatitude: origin.latitude + dLat,
      cellLongitude: origin.longitude + dLon,
    });
    const placed = [
      at(member(9000), 0.03, 0.04), // in the origin's coarse tile (0.1°), not its fine tile (0.02°)
      at(member(9001), 0.35, 0.3), // far off
      at(member(9002), 0.01, 0.01), // near, in both topics' lists
    ].map((m, i) => ({ ...m, interests: i === 2 ? ['hiking', 'chess'] : ['hiking'] }));
    const joiner = at({ ...member(9100), interests: ['hiking'] }, 0.002, 0);
    /** A reference in load order, and the index under test renumbered as a full load leaves it (not yet packed). */
    const renumbered = (): { reference: CandidateIndex; packed: CandidateIndex } => {
      const reference = new CandidateIndex();
      const packed = new CandidateIndex(shared);
      packed.beginBulkLoad();
      for (const index of [reference, packed]) for (const m of [...members, ...placed]) index.upsert(m);
      packed.orderSpatially();
      return { reference, packed };
    };

    it('when members move within a coarse tile or across, change topics, join and leave after pack, then pools follow them', () => {
      const { reference, packed } = renumbered();
      packed.pack();
      for (const q of searches) expect(pooled(packed, q)).toEqual(pooled(reference, q));

      const hikersNearby = members.filter(
        (m) => m.interests.includes('hiking') && Math.abs(m.cellLatitude! - origin.latitude) < 0.01,
      );
      const changes: Array<(index: CandidateIndex) => void> = [
        (index) => index.upsert(at(placed[0]!, 0, 0)), // to the origin's fine tile, same coarse tile
        (index) => index.upsert(at(placed[1]!, 0.001, 0.001)), // from far away to the origin
        (index) => index.upsert({ ...members[0]!, interests: ['chess'] }), // no longer hikes
        (index) => index.upsert({ ...members[1]!, ...at(members[1]!, 0, 0), interests: ['hiking', 'chess'] }),
        (index) => index.remove(hikersNearby[0]!.id),
        (index) => index.upsert(joiner), // joins
      ];
      for (const change of changes) {
        change(reference);
        change(packed);
        for (const q of searches) expect(pooled(packed, q)).toEqual(pooled(reference, q));
      }
      // The moved members are found where they are now.
      const nearest = pooled(packed, dense[0]!).map((line) => line.split(' ')[0]);
      expect(nearest).toEqual(expect.arrayContaining([placed[0]!.id, placed[1]!.id]));
    });

    it('when members change between the renumbering and pack, then pools hold each of them once, where they are', () => {
      const { reference, packed } = renumbered();
      const moves = [at(placed[0]!, 0, 0), at(placed[2]!, 0.001, 0), { ...members[0]!, interests: ['chess'] }];
      for (const index of [reference, packed]) for (const m of moves) index.upsert(m);
      packed.pack();
      for (const q of searches) expect(pooled(packed, q)).toEqual(pooled(reference, q));
    });
  });
});
