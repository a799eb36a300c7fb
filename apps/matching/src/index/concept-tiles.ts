import { packSlotLists, pushSlot, type SlotList } from './spatial-grid.js';

/**
 * Posting lists of the topic concepts, by tile: the members who mention concept c and live in tile t. A topic
 * search reads only these lists around its origin, so its cost follows the pool, not the city's population.
 *
 * Entries are never removed one by one: a reader keeps an entry only if the member still mentions the concept
 * and still lives in that tile (and has not been met already in this search), so a member who changes moves or
 * loses a concept leaves a stale entry that costs one check until the next full reload rebuilds the index.
 */
export class ConceptTiles {
  private readonly lists = new Map<number, SlotList>();
  private entries = 0;

  private static key(concept: number, tile: number): number {
    return concept * 1_000_000_000 + tile; // tile keys are < 1.7 × 10⁸
  }

  add(concept: number, tile: number, slot: number): void {
    const key = ConceptTiles.key(concept, tile);
    let list = this.lists.get(key);
    if (!list) {
      list = { slots: new Int32Array(4), size: 0 };
      this.lists.set(key, list);
    }
    pushSlot(list, slot);
    this.entries++;
  }

  get(concept: number, tile: number): SlotList | undefined {
    return this.lists.get(ConceptTiles.key(concept, tile));
  }

  /** Packs the posting lists (packSlotLists). */
  pack(): void {
    packSlotLists([...this.lists.values()]);
  }

  get bytes(): number {
    let sum = 0;
    for (const list of this.lists.values()) sum += list.slots.byteLength;
    return sum;
  }

  get size(): number {
    return this.entries;
  }
}
