import {
  conceptTerm,
  distinctTagIds,
  ScoringScratch,
  TagSenses,
  TagMemo,
  TermDictionary,
  type TagSense,
  toBioTerms,
  TOPIC_CONCEPTS,
  type CandidatePool,
  type NormalisedTag,
} from '@circle-match/scoring';
import { UuidTable } from './uuid-table.js';

/** A searchable member as the index loads it: coordinates already snapped to the privacy grid by the database. */
export interface IndexedMember {
  id: string;
  age: number | null;
  gender: string | null;
  cellLatitude: number | null;
  cellLongitude: number | null;
  interests: readonly string[];
  needs: readonly string[];
  about: string | null;
  lastActive: Date | null;
}

const MAX_BIO_TERMS = 65_535;
/** Topic concepts a member mentions, one bit each (interests, needs or bio): what topic retrieval tests. */
export const CONCEPT_WORDS = Math.ceil(TOPIC_CONCEPTS.length / 32);
const CONCEPT_INDEX = new Map(TOPIC_CONCEPTS.map((c, i) => [c.id, i]));

/** The index of a topic concept in the members' concept bits, or -1. */
export function conceptIndex(conceptId: string): number {
  return CONCEPT_INDEX.get(conceptId) ?? -1;
}

type NumberArray = Float64Array | Int16Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;
type NumberArrayOf<T extends NumberArray> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** A typed array of `length` zeros in shared memory: ranking threads read the same bytes (MemberColumns.applyChanges). */
export function sharedArray<T extends NumberArray>(type: NumberArrayOf<T>, length: number): T {
  return new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT));
}

/** The columns, the arena and the id words, in shared memory: what a replica in another thread reads. */
export interface SharedColumns {
  cellLat: Float64Array;
  cellLon: Float64Array;
  age: Int16Array;
  gender: Uint8Array;
  lastActive: Float64Array;
  concepts: Uint32Array;
  listStart: Uint32Array;
  interestCount: Uint8Array;
  needCount: Uint8Array;
  bioCount: Uint16Array;
  arena: Int32Array;
  idWords: Uint32Array;
}

/**
 * What a replica needs to catch up with the columns (MemberColumns.takeChanges): the shared arrays when they were
 * replaced (grown or compacted), and the dictionary entries numbered since the last one. Structured-cloneable;
 * the arrays travel as views of the same shared memory.
 */
export interface ColumnsChanges {
  shared: SharedColumns | null;
  capacity: number;
  size: number;
  /** Raw tags, terms and genders in the order they were numbered. */
  tags: string[];
  terms: string[];
  genders: string[];
  /** The tag senses, when adopted since the last changes. */
  senses: readonly TagSense[] | null;
}

/**
 * The scoring features of every searchable member, column by column (Vespa-style attributes): typed arrays indexed
 * by slot, no object per member, in shared memory. Variable-length lists (interest and need tag ids, bio term ids)
 * sit in one arena, `[interests…, needs…, bio…]` from `listStart[slot]`; a member's new lists are appended and the
 * arena is copied afresh (never in place: views handed to a ranking stay valid) when half of it is garbage.
 *
 * Shared with ranking threads (`copyOnWrite`): a slot a replica may read is never written. An edit takes a new
 * slot and retires the old one, which is reused only once every replica has dropped it (CandidateIndex.release);
 * replaced arrays are new shared buffers, handed over with the next changes. `alive` is each copy's own: a replica
 * sees a slot from the moment its changes say so, never half-written.
 */
export class MemberColumns {
  readonly ids = new UuidTable();
  readonly terms = new TermDictionary();
  /** Borrowed by one ranking at a time (synchronously), so requests allocate no per-term arrays. */
  private readonly scratch = new ScoringScratch();
  private readonly tagIds = new Map<string, number>();
  readonly tags: NormalisedTag[] = [];
  /** What requests compared with `tags`, across requests; forgotten when the tags are read anew (adoptSenses). */
  private readonly memo = new TagMemo(this.tags, (raw) => this.senses.read(raw));
  /** Each tag as members wrote it, by id. */
  private readonly tagRaw: string[] = [];
  /** How tags are read: by the lexicon until senses are learned from these members (adoptSenses). */
  private senses = TagSenses.NONE;
  private readonly genders = new Map<string, number>();
  private readonly genderNames: string[] = [];
  /** bio term number → topic concept index, for the concept bits of bios (and what learning counts as a concept). */
  readonly conceptOfTerm = new Map<number, number>();

  capacity = 0;
  /** Slots ever used (high-water mark); some may be free. */
  size = 0;
  live = 0;
  private freeSlots: number[] = [];
  /** Whether the shared arrays were replaced since takeChanges last ran. */
  private replaced = true;
  private sent = { tags: 0, terms: 0, genders: 0, senses: true };

  alive: Uint8Array = new Uint8Array(0);
  cellLat: Float64Array = new Float64Array(0);
  cellLon: Float64Array = new Float64Array(0);
  age: Int16Array = new Int16Array(0);
  gender: Uint8Array = new Uint8Array(0);
  lastActive: Float64Array = new Float64Array(0);
  concepts: Uint32Array = new Uint32Array(0);
  listStart: Uint32Array = new Uint32Array(0);
  interestCount: Uint8Array = new Uint8Array(0);
  needCount: Uint8Array = new Uint8Array(0);
  bioCount: Uint16Array = new Uint16Array(0);
  arena: Int32Array = sharedArray(Int32Array, 1024);
  private arenaUsed = 0;
  private arenaGarbage = 0;

  /** `copyOnWrite`: replicas in other threads read these columns (see the class comment). */
  constructor(readonly copyOnWrite = false) {
    TOPIC_CONCEPTS.forEach((concept, i) => this.conceptOfTerm.set(this.terms.id(conceptTerm(concept.id)), i));
  }

  /**
   * Every per-slot shared column but the list starts replaced by `make(old, type, values per slot)`: new shared
   * buffers, handed to replicas with the next changes (grow, renumber).
   */
  private replaceColumns(make: <T extends NumberArray>(old: T, type: NumberArrayOf<T>, per: number) => T): void {
    this.cellLat = make(this.cellLat, Float64Array, 1);
    this.cellLon = make(this.cellLon, Float64Array, 1);
    this.age = make(this.age, Int16Array, 1);
    this.gender = make(this.gender, Uint8Array, 1);
    this.lastActive = make(this.lastActive, Float64Array, 1);
    this.concepts = make(this.concepts, Uint32Array, CONCEPT_WORDS);
    this.interestCount = make(this.interestCount, Uint8Array, 1);
    this.needCount = make(this.needCount, Uint8Array, 1);
    this.bioCount = make(this.bioCount, Uint16Array, 1);
    this.replaced = true;
  }

  private grow(capacity: number): void {
    const grown = <T extends NumberArray>(old: T, type: NumberArrayOf<T>, per: number): T => {
      const next = sharedArray(type, capacity * per);
      next.set(old);
      return next;
    };
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    this.replaceColumns(grown);
    this.listStart = grown(this.listStart, Uint32Array, 1);
    this.ids.reserve(capacity);
    this.capacity = capacity;
  }

  private get shared(): SharedColumns {
    const { cellLat, cellLon, age, gender, lastActive, concepts, listStart, interestCount, needCount, bioCount } = this;
    return {
      ...{ cellLat, cellLon, age, gender, lastActive, concepts, listStart, interestCount, needCount, bioCount },
      arena: this.arena,
      idWords: this.ids.words,
    };
  }

  /** Everything, for a new replica (CandidateIndex.snapshot: when nothing is pending). */
  snapshotChanges(): ColumnsChanges {
    this.sent = { tags: 0, terms: 0, genders: 0, senses: true };
    this.replaced = true;
    return this.takeChanges();
  }

  /** What changed since the last call: hand it to every replica (applyChanges), in order. */
  takeChanges(): ColumnsChanges {
    const changes: ColumnsChanges = {
      shared: this.replaced ? this.shared : null,
      capacity: this.capacity,
      size: this.size,
      tags: this.tagRaw.slice(this.sent.tags),
      terms: this.terms.termsFrom(this.sent.terms),
      genders: this.genderNames.slice(this.sent.genders),
      senses: this.sent.senses ? this.senses.all : null,
    };
    this.sent = { tags: this.tagRaw.length, terms: this.terms.size, genders: this.genderNames.length, senses: false };
    this.replaced = false;
    return changes;
  }

  /** A replica's side of takeChanges: the shared arrays adopted, the dictionaries numbered the same way. */
  applyChanges(changes: ColumnsChanges): void {
    if (changes.shared) {
      const { arena, idWords, ...columns } = changes.shared;
      Object.assign(this, columns);
      this.arena = arena;
      this.ids.adoptWords(idWords);
    }
    if (changes.capacity > this.alive.length) {
      const alive = new Uint8Array(changes.capacity);
      alive.set(this.alive);
      this.alive = alive;
    }
    this.capacity = changes.capacity;
    this.size = changes.size;
    if (changes.senses) this.adoptSenses(new TagSenses(changes.senses));
    for (const raw of changes.tags) this.tagId(raw);
    for (const term of changes.terms) this.terms.id(term);
    for (const gender of changes.genders) this.genderCode(gender);
  }

  /** A replica: a slot its changes published (`live`) or retired. */
  setVisible(slot: number, live: boolean): void {
    if (this.alive[slot] === (live ? 1 : 0)) return;
    this.alive[slot] = live ? 1 : 0;
    this.live += live ? 1 : -1;
  }

  private tagId(raw: string): number {
    let id = this.tagIds.get(raw);
    if (id === undefined) {
      id = this.tags.length;
      this.tags.push(this.senses.read(raw));
      this.tagRaw.push(raw);
      this.tagIds.set(raw, id);
    }
    return id;
  }

  private genderCode(gender: string | null): number {
    if (gender === null) return 0;
    let code = this.genders.get(gender);
    if (code === undefined) {
      if (this.genderNames.length >= 254) return 255; // more distinct values than any real gender list: never equal
      this.genderNames.push(gender);
      code = this.genderNames.length;
      this.genders.set(gender, code);
    }
    return code;
  }

  /** The code a gender filter compares with (-1: no member has it). */
  genderCodeOf(gender: string): number {
    return this.genders.get(gender) ?? -1;
  }

  private append(values: ArrayLike<number>): void {
    if (this.arenaUsed + values.length > this.arena.length) {
      const next = sharedArray(Int32Array, Math.max(this.arena.length * 2, this.arenaUsed + values.length));
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
      this.replaced = true;
    }
    this.arena.set(values, this.arenaUsed);
    this.arenaUsed += values.length;
  }

  private listLength(slot: number): number {
    return this.interestCount[slot]! + this.needCount[slot]! + this.bioCount[slot]!;
  }

  /**
   * Adds a member or replaces what the index holds of them; returns the slot, and the slot they held before when
   * copy-on-write moved them (-1 otherwise): that one is retired (release).
   */
  upsert(member: IndexedMember): { slot: number; retired: number } {
    let slot = this.ids.slotOf(member.id);
    let retired = -1;
    if (slot >= 0 && this.copyOnWrite) {
      retired = slot;
      this.ids.delete(member.id);
      this.retire(slot);
      slot = -1;
    }
    if (slot < 0) {
      slot = this.freeSlots.pop() ?? this.size++;
      if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
      this.ids.set(member.id, slot);
      this.live++;
    } else {
      this.arenaGarbage += this.listLength(slot);
    }
    const interests = distinctTagIds(member.interests, (raw) => this.tagId(raw), this.tags);
    const needs = distinctTagIds(member.needs, (raw) => this.tagId(raw), this.tags);
    let bio = toBioTerms(this.terms, member.about);
    if (bio.length > MAX_BIO_TERMS) bio = bio.subarray(0, MAX_BIO_TERMS);
    this.alive[slot] = 1;
    const located = member.cellLatitude !== null && member.cellLongitude !== null;
    this.cellLat[slot] = located ? member.cellLatitude! : Number.NaN;
    this.cellLon[slot] = located ? member.cellLongitude! : Number.NaN;
    this.age[slot] = member.age === null ? -1 : Math.max(-1, Math.min(32_767, member.age));
    this.gender[slot] = this.genderCode(member.gender);
    this.lastActive[slot] = member.lastActive ? member.lastActive.getTime() : Number.NaN;
    this.setConcepts(slot, interests, needs, bio);
    this.listStart[slot] = this.arenaUsed;
    this.interestCount[slot] = interests.length;
    this.needCount[slot] = needs.length;
    this.bioCount[slot] = bio.length;
    this.append(interests);
    this.append(needs);
    this.append(bio);
    this.compactIfWasteful();
    return { slot, retired };
  }

  /**
   * Reads every tag with the senses learned from these members, and tags met later too; returns the ids of the tags
   * whose concepts changed (their members' concept bits must be refreshed: refreshConcepts).
   */
  adoptSenses(senses: TagSenses): Set<number> {
    this.senses = senses;
    this.memo.clear();
    const changed = new Set<number>();
    this.tags.forEach((tag, id) => {
      const read = senses.apply(tag);
      if (read !== tag) {
        this.tags[id] = read;
        changed.add(id);
      }
    });
    return changed;
  }

  get tagSenses(): TagSenses {
    return this.senses;
  }

  /** Where a member's bio terms begin in the arena: their interest and need tag ids run from listStart to here. */
  bioStart(slot: number): number {
    return this.listStart[slot]! + this.interestCount[slot]! + this.needCount[slot]!;
  }

  /** Whether the member at `slot` has one of `tagIds` among their interests or needs. */
  usesAnyTag(slot: number, tagIds: ReadonlySet<number>): boolean {
    const to = this.bioStart(slot);
    for (let t = this.listStart[slot]!; t < to; t++) if (tagIds.has(this.arena[t]!)) return true;
    return false;
  }

  /** Recomputes a member's concept bits from their lists (after their tags' reading changed). */
  refreshConcepts(slot: number): void {
    const from = this.listStart[slot]!;
    const needsFrom = from + this.interestCount[slot]!;
    const bioFrom = this.bioStart(slot);
    this.setConcepts(
      slot,
      Array.from(this.arena.subarray(from, needsFrom)),
      Array.from(this.arena.subarray(needsFrom, bioFrom)),
      this.arena.subarray(bioFrom, bioFrom + this.bioCount[slot]!),
    );
  }

  private setConcepts(slot: number, interests: readonly number[], needs: readonly number[], bio: Int32Array): void {
    const base = slot * CONCEPT_WORDS;
    this.concepts.fill(0, base, base + CONCEPT_WORDS);
    const mark = (index: number): void => {
      if (index >= 0) this.concepts[base + (index >>> 5)]! |= 1 << (index & 31);
    };
    for (const id of [...interests, ...needs])
      for (const concept of this.tags[id]!.concepts) mark(conceptIndex(concept));
    for (const term of bio) {
      const index = this.conceptOfTerm.get(term);
      if (index !== undefined) mark(index);
    }
  }

  /**
   * Removes a member; returns the slot they held (-1: the index did not hold them), free again at once unless
   * copy-on-write (then: release).
   */
  remove(id: string): number {
    const slot = this.ids.delete(id);
    if (slot >= 0) this.retire(slot);
    return slot;
  }

  /** A slot nobody is at any more; its lists stay readable (a replica may still read them) until it is reused. */
  private retire(slot: number): void {
    this.alive[slot] = 0;
    this.arenaGarbage += this.listLength(slot);
    this.live--;
    if (!this.copyOnWrite) this.freeSlots.push(slot);
  }

  /** Retired slots no replica reads any more: free for new members. */
  release(slots: readonly number[]): void {
    for (const slot of slots) this.freeSlots.push(slot);
  }

  /**
   * Moves the live members to slots 0 … n − 1 in the given order (`order[newSlot]` is the old slot), their lists
   * copied into a new arena in the same order. CandidateIndex.orderSpatially puts neighbours next to each other: a
   * search reads the members of a few tiles, and reads them from memory far faster when they are contiguous.
   */
  renumber(order: Int32Array): void {
    const n = order.length;
    const capacity = Math.max(1024, n);
    const take = <T extends NumberArray>(old: T, type: NumberArrayOf<T>, per: number): T => {
      const next = sharedArray(type, capacity * per);
      for (let slot = 0; slot < n; slot++)
        for (let k = 0; k < per; k++) next[slot * per + k] = old[order[slot]! * per + k]!;
      return next;
    };
    let total = 0;
    for (const old of order) total += this.listLength(old);
    const arena = sharedArray(Int32Array, Math.max(1024, total));
    const listStart = sharedArray(Uint32Array, capacity);
    let used = 0;
    order.forEach((old, slot) => {
      const from = this.listStart[old]!;
      const length = this.listLength(old);
      arena.set(this.arena.subarray(from, from + length), used);
      listStart[slot] = used;
      used += length;
    });
    this.alive = new Uint8Array(capacity).fill(1, 0, n);
    this.replaceColumns(take);
    this.listStart = listStart;
    this.arena = arena;
    this.arenaUsed = used;
    this.arenaGarbage = 0;
    this.ids.renumber(order, capacity);
    this.capacity = capacity;
    this.size = n;
    this.live = n;
    this.freeSlots = [];
  }

  /**
   * A new arena and list starts: replicas read the old ones until their next changes, which retire every slot not
   * alive here at the same time (a replica applies them between two searches).
   */
  private compactIfWasteful(): void {
    if (this.arenaGarbage < 1_000_000 || this.arenaGarbage * 2 < this.arenaUsed) return;
    const next = sharedArray(Int32Array, Math.max(1024, (this.arenaUsed - this.arenaGarbage) * 2));
    const listStart = sharedArray(Uint32Array, this.capacity);
    let used = 0;
    for (let slot = 0; slot < this.size; slot++) {
      if (!this.alive[slot]) continue;
      const start = this.listStart[slot]!;
      const length = this.listLength(slot);
      next.set(this.arena.subarray(start, start + length), used);
      listStart[slot] = used;
      used += length;
    }
    this.arena = next;
    this.listStart = listStart;
    this.replaced = true;
    this.arenaUsed = used;
    this.arenaGarbage = 0;
  }

  /**
   * The members at `slots` as a scoring pool: their columns copied (a few numbers each), their lists read in place
   * from the arena. The arena is only ever appended to or replaced, never rewritten, so the pool stays valid while
   * its request waits on the database. The pool keeps `slots`: the caller gives it a copy of its own.
   */
  pool(slots: Int32Array): CandidatePool {
    const n = slots.length;
    const start = new Uint32Array(n);
    const interestCount = new Uint8Array(n);
    const needCount = new Uint8Array(n);
    const bioCount = new Uint16Array(n);
    const age = new Int16Array(n);
    const latitude = new Float64Array(n);
    const longitude = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      start[i] = this.listStart[slot]!;
      interestCount[i] = this.interestCount[slot]!;
      needCount[i] = this.needCount[slot]!;
      bioCount[i] = this.bioCount[slot]!;
      age[i] = this.age[slot]!;
      latitude[i] = this.cellLat[slot]!;
      longitude[i] = this.cellLon[slot]!;
    }
    return {
      size: n,
      lists: this.arena,
      start,
      interestCount,
      needCount,
      bioCount,
      age,
      latitude,
      longitude,
      tags: this.tags,
      memo: this.memo,
      terms: this.terms,
      scratch: this.scratch,
      idOf: (i) => this.ids.idAt(slots[i]!),
      compareIds: (i, j) => this.ids.compareIds(slots[i]!, slots[j]!),
    };
  }

  /** Bytes held by the columns, the arena and the id table (not the dictionaries). */
  get bytes(): number {
    const columns = [
      this.alive,
      this.cellLat,
      this.cellLon,
      this.age,
      this.gender,
      this.lastActive,
      this.concepts,
      this.listStart,
      this.interestCount,
      this.needCount,
      this.bioCount,
    ];
    return columns.reduce((sum, column) => sum + column.byteLength, 0) + this.arena.byteLength + this.ids.bytes;
  }
}
