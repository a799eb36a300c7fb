import { firstAtLeast } from './sorted-search.js';

/** A list to read: its slots are `slots[from … from + size)`, valid until the next push. */
export interface SlotRange {
  slots: Int32Array;
  from: number;
  size: number;
}

/**
 * Growable lists of member slots by key (the tiles' members, the posting lists) in one arena: a list is a range of
 * `arena` with a start, a size and room to grow, numbered densely — no JavaScript object per list. Tens of
 * thousands of lists as typed-array objects cost ~200 bytes each of heap for the garbage collector to trace; here
 * they cost three numbers and a map entry.
 *
 * A list that outgrows its room moves to the end of the arena with twice the room; the arena is compacted when
 * half of it is left behind. Reads between two pushes see a stable arena.
 */
export class SlotLists {
  private readonly byKey = new Map<number, number>();
  private starts: Int32Array = new Int32Array(64);
  private sizes: Int32Array = new Int32Array(64);
  private rooms: Int32Array = new Int32Array(64);
  private count = 0;
  arena: Int32Array = new Int32Array(1024);
  private used = 0;
  private garbage = 0;

  /** The list of `key`, or -1. */
  find(key: number): number {
    return this.byKey.get(key) ?? -1;
  }

  /** Where a list's slots begin in the arena. */
  startOf(list: number): number {
    return this.starts[list]!;
  }

  sizeOf(list: number): number {
    return this.sizes[list]!;
  }

  /** A list's slots, to read in place. */
  range(list: number): SlotRange {
    return { slots: this.arena, from: this.starts[list]!, size: this.sizes[list]! };
  }

  /** Sorts every list by slot (a list already in order, as most are after a spatial load, is only read). */
  sortEach(): void {
    for (let list = 0; list < this.count; list++) {
      const from = this.starts[list]!;
      const to = from + this.sizes[list]!;
      for (let i = from + 1; i < to; i++) {
        if (this.arena[i]! < this.arena[i - 1]!) {
          this.arena.subarray(from, to).sort();
          break;
        }
      }
    }
  }

  /** In a list sorted by slot (sortEach), the arena position of its first slot ≥ `slot` (its end when none is). */
  firstAtLeast(list: number, slot: number): number {
    const start = this.starts[list]!;
    return firstAtLeast(this.arena, slot, start, start + this.sizes[list]!);
  }

  /** Appends `slot` to the list of `key` (made when missing); returns its position in the list. */
  push(key: number, slot: number): number {
    let list = this.byKey.get(key);
    if (list === undefined) list = this.add(key);
    const size = this.sizes[list]!;
    if (size === this.rooms[list]) this.move(list, Math.max(4, size * 2));
    this.arena[this.starts[list]! + size] = slot;
    this.sizes[list] = size + 1;
    return size;
  }

  /** Removes the slot at `position` by moving the list's last slot there; returns that slot (moved or removed). */
  removeAt(list: number, position: number): number {
    const start = this.starts[list]!;
    const last = this.arena[start + --this.sizes[list]!]!;
    this.arena[start + position] = last;
    return last;
  }

  /** The keys and their lists. */
  entries(): IterableIterator<[number, number]> {
    return this.byKey.entries();
  }

  get size(): number {
    return this.count;
  }

  private add(key: number): number {
    if (this.count === this.starts.length) {
      const grown = (old: Int32Array): Int32Array => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.starts = grown(this.starts);
      this.sizes = grown(this.sizes);
      this.rooms = grown(this.rooms);
    }
    const list = this.count++;
    this.byKey.set(key, list);
    this.starts[list] = this.used;
    this.sizes[list] = 0;
    this.rooms[list] = 0;
    return list;
  }

  /** Gives a list `room` at the end of the arena. */
  private move(list: number, room: number): void {
    if (this.used + room > this.arena.length) {
      if (this.garbage * 2 > this.used) this.pack(room);
      if (this.used + room > this.arena.length) {
        const next = new Int32Array(Math.max(this.arena.length * 2, this.used + room));
        next.set(this.arena.subarray(0, this.used));
        this.arena = next;
      }
    }
    const from = this.starts[list]!;
    this.arena.copyWithin(this.used, from, from + this.sizes[list]!);
    this.garbage += this.rooms[list]!;
    this.starts[list] = this.used;
    this.rooms[list] = room;
    this.used += room;
  }

  /**
   * Every list with exactly its slots, in a new arena of exactly their total (plus `spare`): after a full load, no
   * room left over; a list that grows afterwards moves to the end.
   */
  pack(spare = 0): void {
    let total = 0;
    for (let list = 0; list < this.count; list++) total += this.sizes[list]!;
    const arena = new Int32Array(Math.max(16, total + spare));
    let at = 0;
    for (let list = 0; list < this.count; list++) {
      const size = this.sizes[list]!;
      arena.set(this.arena.subarray(this.starts[list], this.starts[list]! + size), at);
      this.starts[list] = at;
      this.rooms[list] = size;
      at += size;
    }
    this.arena = arena;
    this.used = at;
    this.garbage = 0;
  }

  get bytes(): number {
    return this.arena.byteLength + this.starts.byteLength + this.sizes.byteLength + this.rooms.byteLength;
  }
}
