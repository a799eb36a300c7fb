/**
 * Member ids as 16 bytes each with an open-addressing hash table from id to slot: at a million members a
 * Map<string, number> and the id strings cost ~150 MB; this costs ~28 bytes a member.
 */
const EMPTY = -1;
const REMOVED = -2;

const DASHES = new Set([8, 13, 18, 23]);
const scratchWords: [number, number, number, number] = [0, 0, 0, 0];
const UUID_LENGTH = 36;
/** Character codes of 0–9a–f. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Where the n-th of a uuid's 32 hex digits goes in its canonical text. */
const DIGIT_AT = Uint8Array.from({ length: UUID_LENGTH }, (_, at) => at).filter((at) => !DASHES.has(at));

/** The value of a hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

/**
 * The four 32-bit words of a canonical uuid string (hex digits, four dashes), or null when it is not one. Returns
 * a shared array, overwritten by the next call (called for every member loaded: no garbage).
 */
export function uuidWords(id: string): [number, number, number, number] | null {
  if (id.length !== 36) return null;
  let word = 0;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    const code = id.charCodeAt(i);
    if (DASHES.has(i)) {
      if (code !== 45) return null;
      continue;
    }
    const value = hexValue(code);
    if (value < 0) return null;
    word = (word * 16 + value) >>> 0;
    if (++digits % 8 === 0) {
      scratchWords[digits / 8 - 1] = word;
      word = 0;
    }
  }
  return scratchWords;
}

function hashOf(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ b ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ c ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ d ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class UuidTable {
  /**
   * Four words per slot (slot = a member's row in the index's columns), in shared memory: a replica in another
   * thread reads ids by slot from them (adoptWords) and never looks one up.
   */
  words: Uint32Array = new Uint32Array(new SharedArrayBuffer(0));
  private buckets = new Int32Array(16).fill(EMPTY);
  private used = 0; // buckets not EMPTY (live or REMOVED)
  /** Where idAt writes an id's digits (the dashes are written once). */
  private readonly idText = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

  /** Grows the per-slot storage to hold `capacity` slots. */
  reserve(capacity: number): void {
    if (capacity * 4 <= this.words.length) return;
    const words = new Uint32Array(new SharedArrayBuffer(capacity * 16));
    words.set(this.words);
    this.words = words;
  }

  /** A replica's id words, shared with the table that owns them (which alone maps ids to slots). */
  adoptWords(words: Uint32Array): void {
    this.words = words;
  }

  private bucketOf(w: readonly number[]): { index: number; slot: number } {
    const mask = this.buckets.length - 1;
    let index = hashOf(w[0]!, w[1]!, w[2]!, w[3]!) & mask;
    let firstRemoved = -1;
    for (;;) {
      const slot = this.buckets[index]!;
      if (slot === EMPTY) return { index: firstRemoved >= 0 ? firstRemoved : index, slot: EMPTY };
      if (slot === REMOVED) {
        if (firstRemoved < 0) firstRemoved = index;
      } else {
        const o = slot * 4;
        if (
          this.words[o] === w[0] &&
          this.words[o + 1] === w[1] &&
          this.words[o + 2] === w[2] &&
          this.words[o + 3] === w[3]
        )
          return { index, slot };
      }
      index = (index + 1) & mask;
    }
  }

  /** The slot of a member, or -1. */
  slotOf(id: string): number {
    const w = uuidWords(id);
    if (!w) return -1;
    const { slot } = this.bucketOf(w);
    return slot >= 0 ? slot : -1;
  }

  /** Records `id` at `slot` (reserve first). */
  set(id: string, slot: number): void {
    const w = uuidWords(id);
    if (!w) throw new Error(`not a uuid: ${id}`);
    if ((this.used + 1) * 2 > this.buckets.length) this.rehash(this.buckets.length * 2);
    const { index, slot: existing } = this.bucketOf(w);
    if (existing >= 0) throw new Error(`id ${id} is already at slot ${existing}`);
    if (this.buckets[index] === EMPTY) this.used++;
    this.buckets[index] = slot;
    this.words.set(w, slot * 4);
  }

  /** Forgets `id`; returns its slot or -1. */
  delete(id: string): number {
    const w = uuidWords(id);
    if (!w) return -1;
    const { index, slot } = this.bucketOf(w);
    if (slot < 0) return -1;
    this.buckets[index] = REMOVED;
    return slot;
  }

  /**
   * The id held at `slot`, as a canonical lower-case uuid string. Its characters are written into a buffer this
   * table keeps and decoded once: every search turns its best few dozen slots into ids, and building each from
   * pieces made a dozen short-lived strings (garbage that cost more than the work, docs/performance.md).
   */
  idAt(slot: number): string {
    const text = this.idText;
    for (let i = 0; i < 4; i++) {
      const word = this.words[slot * 4 + i]!;
      for (let d = 0; d < 8; d++) text[DIGIT_AT[i * 8 + d]!] = HEX_DIGITS[(word >>> (28 - 4 * d)) & 15]!;
    }
    return text.toString('latin1', 0, UUID_LENGTH);
  }

  /** Orders two slots by id, as strings of lower-case hex compare. */
  compareIds(a: number, b: number): number {
    for (let i = 0; i < 4; i++) {
      const x = this.words[a * 4 + i]!;
      const y = this.words[b * 4 + i]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  get bytes(): number {
    return this.words.byteLength + this.buckets.byteLength;
  }

  /**
   * Moves every id to its new slot: `order[newSlot]` is its old slot, and slots not in `order` are forgotten
   * (MemberColumns.renumber). The hash table keeps its layout; only the slots it holds change.
   */
  renumber(order: Int32Array, capacity: number): void {
    const newSlotOf = new Int32Array(this.words.length / 4).fill(REMOVED);
    const words = new Uint32Array(new SharedArrayBuffer(capacity * 16));
    order.forEach((old, slot) => {
      newSlotOf[old] = slot;
      words.set(this.words.subarray(old * 4, old * 4 + 4), slot * 4);
    });
    for (let i = 0; i < this.buckets.length; i++) {
      const slot = this.buckets[i]!;
      if (slot >= 0) this.buckets[i] = newSlotOf[slot]!;
    }
    this.words = words;
  }

  private rehash(size: number): void {
    const old = this.buckets;
    this.buckets = new Int32Array(size).fill(EMPTY);
    this.used = 0;
    const mask = size - 1;
    for (const slot of old) {
      if (slot < 0) continue;
      const o = slot * 4;
      let index = hashOf(this.words[o]!, this.words[o + 1]!, this.words[o + 2]!, this.words[o + 3]!) & mask;
      while (this.buckets[index] !== EMPTY) index = (index + 1) & mask;
      this.buckets[index] = slot;
      this.used++;
    }
  }
}
