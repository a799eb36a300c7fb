import { packSlotLists, pushSlot, type SlotList } from '../src/index/spatial-grid.js';

/** The index's tile and posting lists, packed into one buffer after a full load, stay correct lists. */
describe('packed slot lists', () => {
  it('when lists are packed, then they share one buffer, keep their slots, and each moves out on its first push', () => {
    const lists: SlotList[] = [
      { slots: new Int32Array(8), size: 0 },
      { slots: new Int32Array(4), size: 0 },
      { slots: new Int32Array(4), size: 0 },
    ];
    for (let i = 0; i < 5; i++) pushSlot(lists[0]!, i);
    pushSlot(lists[2]!, 42);
    packSlotLists(lists);

    expect(lists.map((l) => [...l.slots.subarray(0, l.size)])).toEqual([[0, 1, 2, 3, 4], [], [42]]);
    expect(lists[0]!.slots.buffer).toBe(lists[2]!.slots.buffer);
    expect(lists[0]!.slots.length).toBe(5); // no spare capacity

    for (const [i, list] of lists.entries()) pushSlot(list, 100 + i);
    expect(lists.map((l) => [...l.slots.subarray(0, l.size)])).toEqual([[0, 1, 2, 3, 4, 100], [101], [42, 102]]);
    expect(lists[0]!.slots.buffer).not.toBe(lists[2]!.slots.buffer);
  });
});
