import {
  distanceKmBetween,
  hasTermIn,
  phraseKey,
  wholeKm,
  type CandidatePool,
  type LatLon,
  type TagSenses,
  type WordAssociation,
} from '@circle-match/scoring';
import type { PoolQuery } from '../domain/ports.js';
import { ConceptTiles } from './concept-tiles.js';
import { HitList } from './hit-list.js';
import { firstAtLeast } from './sorted-search.js';
import { LearnedVocabulary } from './learned-vocabulary.js';
import {
  conceptIndex,
  CONCEPT_WORDS,
  MemberColumns,
  type ColumnsChanges,
  type IndexedMember,
} from './member-columns.js';
import { SpatialGrid, type TileVisit } from './spatial-grid.js';

export interface Pool {
  /** Topic matches first, then the others. */
  candidates: CandidatePool;
}

const DAY_MS = 86_400_000;

/** The fine tiles' side in degrees (~2.2 km); a coarse tile is 5 × 5 of them (~11 km). */
const FINE_DEG = 0.02;
const COARSE_FACTOR = 5;

/** A pool query with its ids looked up in the index that owns them (resolve): what a replica can answer. */
export interface ResolvedPoolQuery extends Omit<PoolQuery, 'requesterId' | 'excludeIds' | 'candidateIds'> {
  /** The requester's slot and the excluded members'. */
  excludedSlots: number[];
  /** The slots of the request's candidate_ids that the index holds, or null. */
  candidateSlots: number[] | null;
}

/**
 * What a replica applies to follow the index (takeChanges, snapshot): the columns' changes, then slots in order,
 * a slot published as itself, a slot retired as its complement (~slot, negative).
 */
export interface IndexChanges {
  /** Numbered from 1 per index; a replica acknowledges it (release). */
  number: number;
  columns: ColumnsChanges;
  slots: Int32Array;
}

/** Free topic words as stems, each phrase a list of stems all of which a member must use. */
function phraseStems(phrases: readonly string[]): string[][] {
  return phrases
    .map((p) =>
      phraseKey(p)
        .split(' ')
        .filter((s) => s !== ''),
    )
    .filter((stems) => stems.length > 0);
}

/**
 * Meets a member found by a search: into `list` when eligible and within `bound` km. `once`: the caller knows the
 * member cannot be met again in this search (a packed posting of an unchanged member when the search has one
 * concept: such a member has no other posting), so the search's record of whom it met is neither read nor written.
 */
type Consider = (slot: number, list: HitList, bound: number, once?: boolean) => void;

/**
 * Every searchable member's scoring features in memory (MemberColumns), located members by tile (SpatialGrid),
 * and the candidate pool of docs/semantics.md read from them: eligible members who mention a topic of the request first,
 * nearest (or, without a location, most recently active) first; then the others the same way; at most
 * `poolSize`, so an eligible topic match is never pushed out by one that is not. PostgreSQL stays the truth: the
 * index is loaded from it, kept fresh by its change feed, and every answer is re-checked against it.
 */
export class CandidateIndex {
  readonly columns: MemberColumns;
  /**
   * Fine tiles (~2.2 km) for the nearest members of all, coarse ones (~11 km) for the topics' posting lists: a
   * rare topic's members are few, so its search reads the wide area in few tiles.
   */
  private grid = new SpatialGrid(FINE_DEG);
  private coarse = new SpatialGrid(FINE_DEG, COARSE_FACTOR);
  private conceptTiles = new ConceptTiles(this.coarse.keyCount);
  /**
   * The fine tile of each slot numbered by orderSpatially, ascending (its sort key): the slots of one fine tile are
   * one run of it. Empty when the members were not renumbered.
   */
  private orderedFineKeys = new Int32Array(0);
  /** Nothing placed or removed since orderSpatially: pack may sort the posting lists for fine runs. */
  private untouchedSinceOrdering = false;
  /** The packed posting lists hold runs by fine tile (pack after orderSpatially): dense topics read them. */
  private fineRuns = false;
  /**
   * Per slot numbered by orderSpatially, 0 while the member's packed postings hold, one per concept they mention:
   * 1 once they changed, moved, left or lost a concept to a learned sense (slots past its end are all "changed").
   * A 0 spares a search reading the member's tile and concepts: memory reads are most of its cost at 1M members.
   */
  private changed = new Uint8Array(0);
  /** What the members' profiles teach about words the lexicon does not know; learned after a full load. */
  private learned: LearnedVocabulary | null = null;
  /** Per slot, the number of the last search that met the member (a search meets each at most once). */
  private seenIn = new Uint32Array(0);
  private search = 0;
  /** Shared with replicas: slots published and retired since takeChanges (see IndexChanges). */
  private changedSlots: number[] = [];
  private changesTaken = 0;
  /** Set by the first snapshot: from then on replicas follow, and changes are recorded for them. */
  private followed = false;
  /** Retired slots by the number of the changes that retired them, until every replica has applied those. */
  private retiring: Array<{ number: number; slots: number[] }> = [];
  private retiredSince: number[] = [];

  /**
   * `shared`: replicas in ranking threads follow this index (takeChanges), so a member's slot is never rewritten
   * while one may read it (MemberColumns, copy-on-write).
   */
  constructor(shared = false) {
    this.columns = new MemberColumns(shared);
  }

  /** False during a bulk load: members go to the tiles and posting lists once, in orderSpatially. */
  private placing = true;

  /**
   * A full load begins: members upserted until orderSpatially are placed in the tiles and posting lists only then,
   * in their final slots (placing them as they came cost ~12 % of a 1M load, all of it rebuilt afterwards).
   */
  beginBulkLoad(): void {
    this.placing = false;
  }

  upsert(member: IndexedMember): void {
    const c = this.columns;
    // Updated in place, a member keeps the postings of what they mentioned before; copy-on-write gives them a
    // new slot, whose postings are all new (the old slot is retired).
    const existing = c.copyOnWrite ? -1 : c.ids.slotOf(member.id);
    const before =
      existing >= 0
        ? c.concepts.slice(existing * CONCEPT_WORDS, (existing + 1) * CONCEPT_WORDS)
        : new Uint32Array(CONCEPT_WORDS);
    const tileBefore = existing >= 0 ? this.coarse.tileOfSlot(existing) : -1;
    const fineBefore = existing >= 0 ? this.grid.tileOfSlot(existing) : -1;
    const { slot, retired } = c.upsert(member);
    if (retired >= 0) this.unplace(retired);
    if (this.placing) {
      this.untouchedSinceOrdering = false;
      this.markChanged(slot);
      this.placeSlot(slot, before, tileBefore, fineBefore);
    }
    if (this.followed) this.changedSlots.push(slot);
  }

  /** Puts a slot's member in the tiles and posting lists, from their columns. */
  private placeSlot(slot: number, before: Uint32Array, tileBefore: number, fineBefore: number): void {
    const c = this.columns;
    const cell = Number.isNaN(c.cellLat[slot]!) ? null : { latitude: c.cellLat[slot]!, longitude: c.cellLon[slot]! };
    this.grid.reserve(c.capacity);
    this.coarse.reserve(c.capacity);
    this.grid.place(slot, cell);
    this.coarse.place(slot, cell);
    this.postNewConcepts(slot, before, tileBefore, fineBefore);
    if (this.seenIn.length < c.capacity) {
      const seenIn = new Uint32Array(c.capacity);
      seenIn.set(this.seenIn);
      this.seenIn = seenIn;
    }
  }

  /** Takes a retired slot out of the tiles (its postings go stale: see ConceptTiles). */
  private unplace(slot: number): void {
    this.markChanged(slot);
    this.grid.remove(slot);
    this.coarse.remove(slot);
    if (this.followed) {
      this.changedSlots.push(~slot);
      this.retiredSince.push(slot);
    }
  }

  /**
   * What changed since the last call, for every replica to apply in order (a shared index: see the constructor);
   * the slots it retires are reused once every replica has applied it (release).
   */
  takeChanges(): IndexChanges {
    const number = ++this.changesTaken;
    if (this.retiredSince.length > 0) this.retiring.push({ number, slots: this.retiredSince });
    this.retiredSince = [];
    const slots = Int32Array.from(this.changedSlots);
    this.changedSlots = [];
    return { number, columns: this.columns.takeChanges(), slots };
  }

  /**
   * Everything, for a new replica, numbered like the last takeChanges: applying it and then the changes that follow
   * keeps the replica in step. Call it when nothing is pending (before any change is recorded, or right after
   * takeChanges).
   */
  snapshot(): IndexChanges {
    const c = this.columns;
    if (!c.copyOnWrite) throw new Error('only a shared index has replicas');
    this.followed = true;
    const slots: number[] = [];
    for (let slot = 0; slot < c.size; slot++) if (c.alive[slot] === 1) slots.push(slot);
    return { number: this.changesTaken, columns: c.snapshotChanges(), slots: Int32Array.from(slots) };
  }

  /** Every replica has applied the changes up to `number`: the slots they retired may take new members. */
  release(number: number): void {
    while (this.retiring.length > 0 && this.retiring[0]!.number <= number)
      this.columns.release(this.retiring.shift()!.slots);
  }

  /** A replica's side: follows the index that took `changes` (it holds no ids; resolve there, poolOf here). */
  applyChanges(changes: IndexChanges): void {
    const c = this.columns;
    c.applyChanges(changes.columns);
    const none = new Uint32Array(CONCEPT_WORDS);
    for (const entry of changes.slots) {
      if (entry < 0) {
        c.setVisible(~entry, false);
        this.unplace(~entry);
      } else {
        c.setVisible(entry, true);
        this.placeSlot(entry, none, -1, -1);
      }
    }
  }

  private markChanged(slot: number): void {
    if (slot < this.changed.length) this.changed[slot] = 1;
  }

  private lostConcept(before: Uint32Array, slot: number): boolean {
    for (let w = 0; w < CONCEPT_WORDS; w++)
      if ((before[w]! & ~this.columns.concepts[slot * CONCEPT_WORDS + w]!) !== 0) return true;
    return false;
  }

  /**
   * A posting per concept newly mentioned, or per concept when the member moved to another fine tile: their packed
   * postings, found by their old fine tile's run, no longer count (see ConceptTiles on stale ones).
   */
  private postNewConcepts(slot: number, before: Uint32Array, tileBefore: number, fineBefore: number): void {
    const c = this.columns;
    const tile = this.coarse.tileOfSlot(slot);
    if (tile < 0) return;
    const stayed = tile === tileBefore && this.grid.tileOfSlot(slot) === fineBefore;
    for (let w = 0; w < CONCEPT_WORDS; w++) {
      const bits = c.concepts[slot * CONCEPT_WORDS + w]!;
      const fresh = stayed ? bits & ~before[w]! : bits;
      for (let b = 0; b < 32; b++) if ((fresh >>> b) & 1) this.conceptTiles.add(w * 32 + b, tile, slot);
    }
  }

  /**
   * After a full load, before anything else: renumbers the members tile by tile (fine tiles, row by row; members
   * without a location last), so that the members a search reads — a few tiles' worth — sit next to each other in
   * every column and in the arena, and rebuilds the tiles and posting lists for the new slots. Retrieval alone ran
   * 2.2× faster on 100k members in this order than in load order (memory reads, not work, dominated).
   * Members who join later take slots at the end, until the next full load.
   */
  orderSpatially(): void {
    const c = this.columns;
    // The sort key below holds slots of 24 bits: beyond, the members keep their load order.
    if (c.size < 2 ** 24) {
      const keys = new Float64Array(c.live);
      let n = 0;
      for (let slot = 0; slot < c.size; slot++) {
        if (c.alive[slot] !== 1) continue;
        const lat = c.cellLat[slot]!;
        const tile = Number.isNaN(lat) ? 2 ** 28 : this.grid.tileKeyOf({ latitude: lat, longitude: c.cellLon[slot]! });
        keys[n++] = tile * 2 ** 24 + slot;
      }
      keys.sort();
      c.renumber(Int32Array.from(keys, (key) => key % 2 ** 24));
      this.orderedFineKeys = Int32Array.from(keys, (key) => Math.floor(key / 2 ** 24));
    }
    this.grid = new SpatialGrid(FINE_DEG);
    this.coarse = new SpatialGrid(FINE_DEG, COARSE_FACTOR);
    this.conceptTiles = new ConceptTiles(this.coarse.keyCount);
    this.seenIn = new Uint32Array(c.capacity);
    this.search = 0;
    this.placing = true;
    const none = new Uint32Array(CONCEPT_WORDS);
    for (let slot = 0; slot < c.size; slot++) if (c.alive[slot] === 1) this.placeSlot(slot, none, -1, -1);
    this.untouchedSinceOrdering = this.orderedFineKeys.length > 0;
    this.changed = new Uint8Array(c.capacity);
  }

  remove(id: string): void {
    const slot = this.columns.remove(id);
    if (slot < 0) return;
    this.untouchedSinceOrdering = false;
    this.unplace(slot);
  }

  get size(): number {
    return this.columns.live;
  }

  /**
   * Learns word–concept associations from every member now indexed (IndexMaintainer, after each full load, before
   * the index serves: nothing may change it meanwhile).
   */
  /**
   * After a full load, before the index serves: the tiles' and posting lists' slots packed into one buffer each
   * (SlotLists.pack) — no spare room left over — and the posting lists sorted into runs by fine tile when the
   * members are still as orderSpatially numbered them.
   */
  pack(): void {
    this.grid.pack();
    this.coarse.pack();
    this.conceptTiles.pack();
    this.fineRuns = this.untouchedSinceOrdering;
  }

  async learnVocabulary(): Promise<LearnedVocabulary> {
    this.learned = await LearnedVocabulary.learn(this.columns);
    this.adoptSenses(this.learned.senses);
    return this.learned;
  }

  /** Members' tags read in the senses learned from them: the members using such a tag get their concepts anew. */
  private adoptSenses(senses: TagSenses): void {
    const c = this.columns;
    const changed = c.adoptSenses(senses);
    if (changed.size === 0) return;
    for (let slot = 0; slot < c.size; slot++) {
      if (c.alive[slot] !== 1 || !c.usesAnyTag(slot, changed)) continue;
      const before = c.concepts.slice(slot * CONCEPT_WORDS, (slot + 1) * CONCEPT_WORDS);
      c.refreshConcepts(slot);
      if (this.lostConcept(before, slot)) this.markChanged(slot);
      this.postNewConcepts(slot, before, this.coarse.tileOfSlot(slot), this.grid.tileOfSlot(slot));
    }
  }

  /** How tags are read in this index (the lexicon, with the senses learned from its members). */
  get senses(): TagSenses {
    return this.columns.tagSenses;
  }

  /** The concepts the members' profiles associate with a word stem (none before learning). */
  associationsOf(stem: string): readonly WordAssociation[] {
    return this.learned?.associationsOf(stem) ?? [];
  }

  /** Whether many members use a word stem without it going with any concept (false before learning). */
  isGenericWord(stem: string): boolean {
    return this.learned?.isGeneric(stem) ?? false;
  }

  get bytes(): number {
    return (
      this.columns.bytes +
      this.grid.bytes +
      this.coarse.bytes +
      this.conceptTiles.bytes +
      this.seenIn.byteLength +
      this.orderedFineKeys.byteLength
    );
  }

  pool(query: PoolQuery): Pool {
    return this.poolOf(this.resolve(query));
  }

  /** The query's ids as this index's slots (ids unknown here are left out). */
  resolve(query: PoolQuery): ResolvedPoolQuery {
    const { requesterId, excludeIds, candidateIds, ...rest } = query;
    const slotsOf = (ids: readonly string[]): number[] =>
      ids.map((id) => this.columns.ids.slotOf(id)).filter((slot) => slot >= 0);
    return {
      ...rest,
      excludedSlots: slotsOf([requesterId, ...excludeIds]),
      candidateSlots: candidateIds === null ? null : slotsOf(candidateIds),
    };
  }

  /** The pool of a resolved query (here or in a replica). */
  poolOf(query: ResolvedPoolQuery): Pool {
    const c = this.columns;
    const excluded = new Set<number>(query.excludedSlots);
    const genderCode = query.gender === null ? 0 : c.genderCodeOf(query.gender);
    if (genderCode < 0) return { candidates: c.pool(new Int32Array(0)) }; // nobody has that gender
    const activeSince = query.now - query.inactiveDays * DAY_MS;
    const [minAge, maxAge] = query.ageRange ?? [-1, 32_767];
    // The narrowest columns first: a search reads thousands of members' filters, most of them from memory.
    const eligible = (slot: number): boolean =>
      (genderCode === 0 || c.gender[slot] === genderCode) &&
      (query.ageRange === null || (c.age[slot]! >= minAge && c.age[slot]! <= maxAge)) &&
      c.alive[slot] === 1 &&
      !(c.lastActive[slot]! < activeSince) && // NaN (never active) passes
      !excluded.has(slot);

    const topicMask = new Uint32Array(CONCEPT_WORDS);
    for (const concept of query.topicConcepts) {
      const index = conceptIndex(concept);
      if (index >= 0) topicMask[index >>> 5]! |= 1 << (index & 31);
    }
    const phrases = this.phraseTerms(query.topicPhrases);
    const hasTopics = topicMask.some((w) => w !== 0) || phrases.length > 0;
    const onTopic = (slot: number): boolean =>
      hasTopics && (this.mentionsConcept(slot, topicMask) || this.usesPhrase(slot, phrases));

    const [topical, others] = this.hits;
    topical.clear();
    others.clear();
    if (query.candidateSlots !== null) {
      for (const slot of query.candidateSlots) {
        if (!eligible(slot)) continue;
        const key = this.keyOf(slot, query.origin, query.maxDistanceKm);
        if (key !== null) (onTopic(slot) ? topical : others).push(slot, key);
      }
    } else if (query.origin !== null && phrases.length === 0 && hasTopics) {
      this.walkTopicsThenNearest(query, eligible, topicMask);
    } else if (query.origin !== null) {
      // Free words (no lexicon concept) have no posting lists: every member in range is read and tested.
      this.walkNearestFirst(query, eligible, onTopic, hasTopics);
    } else {
      for (let slot = 0; slot < c.size; slot++)
        if (eligible(slot)) (onTopic(slot) ? topical : others).push(slot, this.keyOf(slot, null, 0)!);
    }
    const byId = (a: number, b: number): number => c.ids.compareIds(a, b);
    if (this.chosen.length < query.poolSize) this.chosen = new Int32Array(query.poolSize);
    const topicalEnd = topical.smallest(query.poolSize, byId, this.chosen);
    const end = others.smallest(query.poolSize - topicalEnd, byId, this.chosen, topicalEnd);
    return { candidates: c.pool(this.chosen.slice(0, end)) };
  }

  /** Reused by every search (a search never waits, so two never share them). */
  private readonly hits = [new HitList(), new HitList()] as const;
  /** Where a search writes the slots of its pool before they are copied out (reused, like the hits). */
  private chosen = new Int32Array(0);

  /**
   * Whole km to the member's cell when in range (null when out of range or unlocated): the range test and the
   * nearest-first order use the distance members are shown, nothing finer. -lastActive without origin.
   */
  private keyOf(slot: number, origin: LatLon | null, maxKm: number): number | null {
    const c = this.columns;
    if (origin === null) {
      const at = c.lastActive[slot]!;
      return Number.isNaN(at) ? 0 : -at; // never active sorts after every active one (NULLS LAST)
    }
    if (Number.isNaN(c.cellLat[slot]!)) return null;
    const km = this.kmTo(origin, slot);
    return km <= maxKm ? km : null;
  }

  /** Whole km from `origin` to a located member's cell: the distance members are shown, and nothing finer is used. */
  private kmTo(origin: LatLon, slot: number): number {
    return wholeKm(
      distanceKmBetween(origin.latitude, origin.longitude, this.columns.cellLat[slot]!, this.columns.cellLon[slot]!),
    );
  }

  /**
   * Rings of tiles outward. Once a group holds a pool's worth, members of that group farther than its pool-th
   * nearest are skipped, and the walk stops at the first ring farther than the group that fills the pool needs
   * (topic matches when the request has topics, anyone otherwise).
   */
  private walkNearestFirst(
    query: ResolvedPoolQuery,
    eligible: (slot: number) => boolean,
    onTopic: (slot: number) => boolean,
    hasTopics: boolean,
  ): void {
    const origin = query.origin!;
    const [topical, others] = this.hits;
    const filling = hasTopics ? topical : others;
    let topicalBound = Number.POSITIVE_INFINITY;
    let othersBound = Number.POSITIVE_INFINITY;
    this.outward(
      this.grid,
      origin,
      query.maxDistanceKm,
      () => (filling === topical ? topicalBound : othersBound),
      (tile) => {
        for (let i = tile.from; i < tile.from + tile.size; i++) {
          const slot = tile.slots[i]!;
          if (!eligible(slot)) continue;
          const km = this.kmTo(origin, slot);
          if (km > query.maxDistanceKm) continue;
          if (onTopic(slot)) {
            if (km <= topicalBound) topical.push(slot, km);
          } else if (km <= othersBound) {
            others.push(slot, km);
          }
        }
      },
      () => {
        // The pool-th nearest so far only gets nearer: a bound from it never drops a member the pool needs.
        if (topical.length >= query.poolSize) topicalBound = topical.kthKey(query.poolSize);
        if (others.length >= query.poolSize) othersBound = others.kthKey(query.poolSize);
      },
    );
  }

  /**
   * Visits the tiles around `origin` ring by ring outward, skipping a tile farther than `bound()`, calling
   * `afterRing` (which may tighten the bound) after each ring, and stopping at the first ring farther than it.
   */
  private outward(
    grid: SpatialGrid,
    origin: LatLon,
    radiusKm: number,
    bound: () => number,
    visit: (tile: TileVisit) => void,
    afterRing: () => void,
  ): void {
    let ring = 0;
    for (const count of grid.ringsAround(origin, radiusKm)) {
      for (let i = 0; i < count; i++) {
        const tile = grid.visitAt(i);
        if (tile.minKm <= bound()) visit(tile);
      }
      afterRing();
      ring++;
      if (grid.ringFloorKm(ring, origin, radiusKm) > Math.min(bound(), radiusKm)) return;
    }
  }

  /**
   * Topic matches from the concepts' posting lists, tile by tile nearest first, until the pool's worth of them is
   * nearer than the next tile; then, only if they are fewer than a pool, the nearest of everyone else from the
   * whole grid, the same way.
   */
  private walkTopicsThenNearest(
    query: ResolvedPoolQuery,
    eligible: (slot: number) => boolean,
    mask: Uint32Array,
  ): void {
    const origin = query.origin!;
    const [topical, others] = this.hits;
    const concepts: number[] = [];
    for (let bit = 0; bit < CONCEPT_WORDS * 32; bit++) if ((mask[bit >>> 5]! >>> (bit & 31)) & 1) concepts.push(bit);
    const search = this.nextSearch();
    const consider: Consider = (slot, list, bound, once = false) => {
      if (!once) {
        if (this.seenIn[slot] === search) return;
        this.seenIn[slot] = search;
      }
      if (!eligible(slot)) return;
      const km = this.kmTo(origin, slot);
      if (km <= query.maxDistanceKm && km <= bound) list.push(slot, km);
    };
    if (this.fineRuns && this.postingsAround(concepts, origin) >= query.poolSize)
      this.walkTopicsByFineTile(query, concepts, mask, consider);
    else this.walkTopicsByCoarseTile(query, concepts, mask, consider);
    const wanted = query.poolSize - topical.length;
    if (wanted <= 0) return;
    let bound = Number.POSITIVE_INFINITY;
    this.outward(
      this.grid,
      origin,
      query.maxDistanceKm,
      () => bound,
      (tile) => {
        for (let i = tile.from; i < tile.from + tile.size; i++) {
          const slot = tile.slots[i]!;
          // Every topic match in range was met above (all tiles were read: fewer than a pool of them).
          if (this.seenIn[slot] !== search && !this.mentionsConcept(slot, mask)) consider(slot, others, bound);
        }
      },
      () => {
        if (others.length >= wanted) bound = others.kthKey(wanted);
      },
    );
  }

  /** How many packed postings the concepts have in the origin's coarse tile: ≥ a pool, the city is dense. */
  private postingsAround(concepts: readonly number[], origin: LatLon): number {
    const tile = this.coarse.tileKeyOf(origin);
    let total = 0;
    for (const concept of concepts) total += this.conceptTiles.packedSize(this.conceptTiles.packedList(concept, tile));
    return total;
  }

  /**
   * A rare topic: its coarse tiles' posting lists read whole, ring by ring, until the pool's worth of matches is
   * nearer than the next ring.
   */
  private walkTopicsByCoarseTile(
    query: ResolvedPoolQuery,
    concepts: readonly number[],
    mask: Uint32Array,
    consider: Consider,
  ): void {
    const topical = this.hits[0];
    const postings = this.conceptTiles;
    const changed = this.changed;
    const once = concepts.length === 1; // see Consider
    let bound = Number.POSITIVE_INFINITY;
    this.outward(
      this.coarse,
      query.origin!,
      query.maxDistanceKm,
      () => bound,
      (tile) => {
        for (const concept of concepts) {
          const packed = postings.packedList(concept, tile.key);
          if (packed >= 0) {
            const slots = postings.packedSlots;
            const end = postings.packedEnd(packed);
            for (let i = postings.packedStart(packed); i < end; i++) {
              const slot = slots[i]!;
              if (changed[slot] === 0) consider(slot, topical, bound, once);
              else if (this.postedHere(slot, tile.key, mask)) consider(slot, topical, bound);
            }
          }
          this.readRecent(concept, tile.key, mask, (slot) => consider(slot, topical, bound));
        }
      },
      () => {
        if (topical.length >= query.poolSize) bound = topical.kthKey(query.poolSize);
      },
    );
  }

  /**
   * A dense topic: fine tile by fine tile outward, each tile's matches found as one run of each packed list of its
   * coarse tile (binary search), plus the coarse tile's recent postings read whole the first time it is met. The
   * pool fills within a few fine tiles of the origin instead of nine whole coarse ones.
   */
  private walkTopicsByFineTile(
    query: ResolvedPoolQuery,
    concepts: readonly number[],
    mask: Uint32Array,
    consider: Consider,
  ): void {
    const c = this.columns;
    const topical = this.hits[0];
    const postings = this.conceptTiles;
    const changed = this.changed;
    const once = concepts.length === 1; // see Consider
    const recentRead = new Set<number>();
    let bound = Number.POSITIVE_INFINITY;
    this.outward(
      this.grid,
      query.origin!,
      query.maxDistanceKm,
      () => bound,
      (tile) => {
        const coarseTile = this.grid.keyWithin(tile.key, this.coarse);
        if (!recentRead.has(coarseTile)) {
          recentRead.add(coarseTile);
          for (const concept of concepts)
            this.readRecent(concept, coarseTile, mask, (slot) => consider(slot, topical, bound));
        }
        // The slots orderSpatially gave this fine tile's members: [first, end).
        const first = firstAtLeast(this.orderedFineKeys, tile.key);
        const end = firstAtLeast(this.orderedFineKeys, tile.key + 1);
        if (first === end) return;
        const slots = postings.packedSlots;
        for (const concept of concepts) {
          const packed = postings.packedList(concept, coarseTile);
          if (packed < 0) continue;
          const to = postings.packedEnd(packed);
          for (let i = postings.packedFrom(packed, first); i < to && slots[i]! < end; i++) {
            const slot = slots[i]!;
            // Still there: a member who moved since has recent postings where they live now.
            if (changed[slot] === 0) consider(slot, topical, bound, once);
            else if (c.alive[slot] === 1 && this.grid.tileOfSlot(slot) === tile.key && this.mentionsConcept(slot, mask))
              consider(slot, topical, bound);
          }
        }
      },
      () => {
        if (topical.length >= query.poolSize) bound = topical.kthKey(query.poolSize);
      },
    );
  }

  /** The coarse tile's recent postings of a concept that still hold (see ConceptTiles on stale ones). */
  private readRecent(concept: number, coarseTile: number, mask: Uint32Array, visit: (slot: number) => void): void {
    const postings = this.conceptTiles;
    const list = postings.recentList(concept, coarseTile);
    if (list < 0) return;
    const slots = postings.recentSlots;
    const from = postings.recentStart(list);
    const end = from + postings.recentSize(list);
    for (let i = from; i < end; i++) if (this.postedHere(slots[i]!, coarseTile, mask)) visit(slots[i]!);
  }

  /** A posting in coarse tile `tile` still holds: the member is there and mentions a topic. */
  private postedHere(slot: number, tile: number, mask: Uint32Array): boolean {
    return this.columns.alive[slot] === 1 && this.coarse.tileOfSlot(slot) === tile && this.mentionsConcept(slot, mask);
  }

  private nextSearch(): number {
    if (this.search === 0xffffffff) {
      this.seenIn.fill(0);
      this.search = 0;
    }
    return ++this.search;
  }

  private mentionsConcept(slot: number, mask: Uint32Array): boolean {
    const base = slot * CONCEPT_WORDS;
    for (let i = 0; i < CONCEPT_WORDS; i++) if ((this.columns.concepts[base + i]! & mask[i]!) !== 0) return true;
    return false;
  }

  /** Free topic words as stems (for tags) and their term numbers (for bios, -1 when no bio uses one). */
  private phraseTerms(phrases: readonly string[]): Array<Array<{ stem: string; term: number }>> {
    return phraseStems(phrases).map((stems) => stems.map((stem) => ({ stem, term: this.columns.terms.known(stem) })));
  }

  /** Whether the member uses every stem of one of the phrases, in a tag or in their bio. */
  private usesPhrase(slot: number, phrases: ReadonlyArray<ReadonlyArray<{ stem: string; term: number }>>): boolean {
    if (phrases.length === 0) return false;
    const c = this.columns;
    const from = c.listStart[slot]!;
    const tagsEnd = c.bioStart(slot);
    const inTags = (stem: string): boolean => {
      for (let t = from; t < tagsEnd; t++) if (c.tags[c.arena[t]!]!.stems.has(stem)) return true;
      return false;
    };
    return phrases.some((stems) =>
      stems.every(
        ({ stem, term }) => (term >= 0 && hasTermIn(c.arena, tagsEnd, c.bioCount[slot]!, term)) || inTags(stem),
      ),
    );
  }
}
