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

  private static key(concept: number, tile: number): number {
    return concept * 1_000_000_000 + tile; // tile keys are < 1.7 × 10⁸
  }

  add(concept: number, tile: number, slot: number): void {
    this.lists.push(ConceptTiles.key(concept, tile), slot);
    this.entries++;
  }

  get(concept: number, tile: number): SlotRange | undefined {
    const list = this.lists.find(ConceptTiles.key(concept, tile));
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
