import { SlotLists } from '../src/index/slot-lists.js';

/** The index's tile and posting lists: many growable lists in one arena, packed after a full load. */
describe('slot lists', () => {
  const contents = (lists: SlotLists, key: number): number[] => {
    const list = lists.find(key);
    if (list < 0) return [];
    const { slots, from, size } = lists.range(list);
    return [...slots.subarray(from, from + size)];
  };

  it('when slots are pushed to many lists and removed, then each list holds exactly its own, in place of the removed the last', () => {
    const lists = new SlotLists();
    const expected = new Map<number, number[]>();
    for (let i = 0; i < 5000; i++) {
      const key = (i * 7919) % 301; // lists grow interleaved: each moves to the end of the arena several times
      lists.push(key, i);
      expected.set(key, [...(expected.get(key) ?? []), i]);
    }
    const list = lists.find(5);
    const removed = expected.get(5)!;
    expect(lists.removeAt(list, 1)).toBe(removed.at(-1));
    removed[1] = removed.pop()!;
    expect(lists.size).toBe(301);
    for (const [key, slots] of expected) expect(contents(lists, key)).toEqual(slots);
    expect(lists.find(999)).toBe(-1);
    // Lists left behind by moves are compacted away: without that the arena would be 32,768 slots here.
    expect(lists.arena.length).toBeLessThanOrEqual(4 * 5000);
  });

  it('when lists are packed, then they keep their slots with no room to spare, and a list that grows moves to the end', () => {
    const lists = new SlotLists();
    for (let i = 0; i < 5; i++) lists.push(1, i);
    lists.push(3, 42);
    lists.pack();
    expect(lists.arena.length).toBe(16); // 6 slots; the arena's least size
    expect([contents(lists, 1), contents(lists, 3)]).toEqual([[0, 1, 2, 3, 4], [42]]);
    const before = lists.startOf(lists.find(3));
    lists.push(3, 43);
    expect(lists.startOf(lists.find(3))).toBeGreaterThan(before);
    expect([contents(lists, 1), contents(lists, 3)]).toEqual([
      [0, 1, 2, 3, 4],
      [42, 43],
    ]);
  });
});
