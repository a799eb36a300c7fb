import { SlotLists } from './slot-lists.js';

/**
 * Posting lists of the topic concepts, by tile: the members who mention concept c and live in tile t. A topic
 * search reads only these lists around its origin, so its cost follows the pool, not the city's population.
 *
 * Each list has two parts. The packed part, made once after a full load (pack), is sorted by slot: with the members
 * numbered tile by tile (CandidateIndex.orderSpatially), the members of one fine tile are one run of it, found by
 * binary search (packedFrom), so a search in a dense city reads only the fine tiles near its origin. The recent
 * part holds the postings made since, in the order they came, and is read whole.
 *
 * Entries are never removed one by one: a reader keeps an entry only if the member still mentions the concept
 * and still lives in that tile (and has not been met already in this search), so a member who moves or loses a
 * concept leaves a stale entry that costs one check until the next full reload rebuilds the index.
 */
export class ConceptTiles {
  private packed = new SlotLists();
  private recent = new SlotLists();
  private entries = 0;

  /** `tileKeys`: how many tile keys the grid has (its keys are 0 … tileKeys − 1). */
  constructor(private readonly tileKeys: number) {}

  /**
   * One number per (concept, tile), as small as the grid allows: with ~150 concepts and the coarse grid's 6.5
   * million tiles it stays below 2³⁰, a small integer to V8, and a Map looks it up twice as fast as a larger one
   * (which is a heap number made for each lookup). Larger grids still work, only slower.
   */
  private key(concept: number, tile: number): number {
    return concept * this.tileKeys + tile;
  }

  add(concept: number, tile: number, slot: number): void {
    this.recent.push(this.key(concept, tile), slot);
    this.entries++;
  }

  /**
   * The postings so far become the packed part, each list sorted by slot. Once, right after a full load: a
   * posting made later for a member who moved would sit where their old tile's members are.
   */
  pack(): void {
    if (this.packed.size > 0) throw new Error('the posting lists are packed once, after a full load');
    this.packed = this.recent;
    this.recent = new SlotLists();
    this.packed.pack();
    this.packed.sortEach();
  }

  /** The packed list of (concept, tile), or -1. */
  packedList(concept: number, tile: number): number {
    return this.packed.find(this.key(concept, tile));
  }

  /** The recent list of (concept, tile), or -1. */
  recentList(concept: number, tile: number): number {
    return this.recent.find(this.key(concept, tile));
  }

  /** Slots of the packed lists: a list is packedSlots[packedStart(list) … packedEnd(list)). */
  get packedSlots(): Int32Array {
    return this.packed.arena;
  }

  packedStart(list: number): number {
    return this.packed.startOf(list);
  }

  /** Where in packedSlots the packed list's first slot ≥ `slot` is (packedEnd when none is). */
  packedFrom(list: number, slot: number): number {
    return this.packed.firstAtLeast(list, slot);
  }

  packedEnd(list: number): number {
    return this.packed.startOf(list) + this.packed.sizeOf(list);
  }

  packedSize(list: number): number {
    return list < 0 ? 0 : this.packed.sizeOf(list);
  }

  /** Slots of the recent lists: a list is recentSlots[recentStart(list) … + recentSize(list)). */
  get recentSlots(): Int32Array {
    return this.recent.arena;
  }

  recentStart(list: number): number {
    return this.recent.startOf(list);
  }

  recentSize(list: number): number {
    return list < 0 ? 0 : this.recent.sizeOf(list);
  }

  get bytes(): number {
    return this.packed.bytes + this.recent.bytes;
  }

  get size(): number {
    return this.entries;
  }
}
