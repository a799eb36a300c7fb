import { SlotLists, type SlotRange } from './slot-lists.js';

/**
 * Posting lists of the topic concepts, by tile: the members who mention concept c and live in tile t. A topic
 * search reads only these lists around its origin, so its cost follows the pool, not the city's population.
 *
 * Entries are never removed one by one: a reader keeps an entry only if the member still mentions the concept
 * and still lives in that tile (and has not been met already in this search), so a member who changes moves or
 * loses a concept leaves a stale entry that costs one check until the next full reload rebuilds the index.
 */
export class ConceptTiles {
  private readonly lists = new SlotLists();
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
    this.lists.push(this.key(concept, tile), slot);
    this.entries++;
  }

  get(concept: number, tile: number): SlotRange | undefined {
    const list = this.lists.find(this.key(concept, tile));
    return list < 0 ? undefined : this.lists.range(list);
  }

  /** The posting lists without spare room (SlotLists.pack). */
  pack(): void {
    this.lists.pack();
  }

  get bytes(): number {
    return this.lists.bytes;
  }

  get size(): number {
    return this.entries;
  }
}
