import { CandidateIndex, type ResolvedPoolQuery } from '../src/index/candidate-index.js';
import type { PoolQuery } from '../src/domain/ports.js';
import { CITIES, member, poolMembers, pooled, query } from './index-fixtures.js';

/**
 * Replicas of a shared index, as the ranking threads hold them (CandidateIndex.snapshot, takeChanges,
 * applyChanges): the columns, arena and ids read in place from shared memory, tiles and posting lists their own.
 * A replica that applied the changes answers as the index does; one that has not yet still reads every member
 * whole as they were (copy-on-write), and a slot is reused only once every replica has let go of it.
 */
describe('index replicas over shared memory', () => {
  const members = Array.from({ length: 3000 }, (_, i) => member(i));
  const queries: PoolQuery[] = [
    query(),
    query({ topicConcepts: [], poolSize: 200 }),
    query({ origin: CITIES[1]!, ageRange: [25, 35], gender: 'female' }),
    query({ origin: null, topicConcepts: ['hiking'] }),
    query({ topicConcepts: [], topicPhrases: ['jazz'], poolSize: 100 }),
    query({ candidateIds: members.slice(0, 40).map((m) => m.id), origin: null }),
    query({ excludeIds: members.slice(0, 400).map((m) => m.id), poolSize: 100 }),
  ];

  /** A shared index of every member, loaded as the maintainer loads one. */
  const loadedShared = (): CandidateIndex => {
    const index = new CandidateIndex(true);
    index.beginBulkLoad();
    for (const m of members) index.upsert(m);
    index.orderSpatially();
    return index;
  };
  const replicaOf = (index: CandidateIndex): CandidateIndex => {
    const replica = new CandidateIndex();
    replica.applyChanges(index.snapshot());
    replica.pack();
    return replica;
  };
  const replicaPool = (replica: CandidateIndex, q: ResolvedPoolQuery): string[] =>
    poolMembers(replica.poolOf(q).candidates);

  it('when a replica applies a snapshot, then every pool is the index’s', () => {
    const index = loadedShared();
    const replica = replicaOf(index);
    expect(replica.size).toBe(index.size);
    for (const q of queries) expect(replicaPool(replica, index.resolve(q))).toEqual(pooled(index, q));
  });

  it('when members join, change and leave, then a replica that applied the changes follows, and one behind still reads them whole as they were', () => {
    const index = loadedShared();
    const [replica, behind] = [replicaOf(index), replicaOf(index)];
    const resolvedBefore = queries.map((q) => index.resolve(q));
    const before = resolvedBefore.map((q) => replicaPool(behind, q));
    // Past the capacity (the columns and the arena grow into new shared buffers), edits and removals.
    const joined = Array.from({ length: 1500 }, (_, i) => member(5000 + i));
    for (const m of joined) index.upsert(m);
    for (const m of members.slice(0, 300))
      index.upsert({ ...m, age: 33, interests: ['jazz'], about: 'now into jazz', cellLatitude: 53.5 });
    for (const m of members.slice(300, 400)) index.remove(m.id);
    const changes = index.takeChanges();
    replica.applyChanges(changes);
    for (const q of queries) expect(replicaPool(replica, index.resolve(q))).toEqual(pooled(index, q));
    expect(replica.size).toBe(index.size);
    // The shared index itself (the service thread ranks from it too) is what an index of its own would be.
    const unshared = new CandidateIndex();
    for (const m of members) unshared.upsert(m);
    for (const m of joined) unshared.upsert(m);
    for (const m of members.slice(0, 300))
      unshared.upsert({ ...m, age: 33, interests: ['jazz'], about: 'now into jazz', cellLatitude: 53.5 });
    for (const m of members.slice(300, 400)) unshared.remove(m.id);
    for (const q of queries) expect(pooled(index, q)).toEqual(pooled(unshared, q));
    // Not applied yet: the same members with the same features as before any change.
    resolvedBefore.forEach((q, i) => expect(replicaPool(behind, q)).toEqual(before[i]));
    behind.applyChanges(changes);
    for (const q of queries) expect(replicaPool(behind, index.resolve(q))).toEqual(pooled(index, q));
  });

  it('when the arena is compacted, then a replica behind keeps reading the old one until it applies the changes', () => {
    const index = new CandidateIndex(true);
    const wordy = (i: number, round: number) => ({
      ...member(i),
      id: members[i]!.id,
      about: Array.from({ length: 120 }, (_, w) => `word${(w * 7 + i + round) % 400}`).join(' '),
    });
    for (let i = 0; i < members.length; i++) index.upsert(wordy(i, 0));
    const behind = replicaOf(index);
    const resolved = queries.map((q) => index.resolve(q));
    const before = resolved.map((q) => replicaPool(behind, q));
    const arena = index.columns.arena;
    for (let round = 1; round <= 4; round++) for (let i = 0; i < members.length; i++) index.upsert(wordy(i, round));
    expect(index.columns.arena).not.toBe(arena); // compacted (or grown) into a new buffer
    const changes = index.takeChanges();
    resolved.forEach((q, i) => expect(replicaPool(behind, q)).toEqual(before[i]));
    behind.applyChanges(changes);
    for (const q of queries) expect(replicaPool(behind, index.resolve(q))).toEqual(pooled(index, q));
  });

  it('when a member is edited, then they take a new slot, and the old one is reused only after every replica has applied the change', () => {
    const index = loadedShared();
    replicaOf(index);
    const slotOf = (id: string) => index.columns.ids.slotOf(id);
    const edited = members[5]!;
    const old = slotOf(edited.id);
    index.upsert({ ...edited, age: 44 });
    expect(slotOf(edited.id)).not.toBe(old);
    const editing = index.takeChanges();
    expect(Array.from(editing.slots)).toEqual([~old, slotOf(edited.id)]);
    const early = member(9001);
    index.upsert(early);
    expect(slotOf(early.id)).not.toBe(old);
    index.release(editing.number);
    const late = member(9002);
    index.upsert(late);
    expect(slotOf(late.id)).toBe(old);
    expect(index.columns.ids.idAt(old)).toBe(late.id);
  });
});
