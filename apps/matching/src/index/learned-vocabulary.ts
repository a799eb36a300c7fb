import { TagSenses, TOPIC_CONCEPTS, type TagSense, type WordAssociation } from '@circle-match/scoring';
import { CONCEPT_WORDS, conceptIndex, type MemberColumns } from './member-columns.js';

/** Fewer members than this using a word (or a word with a concept) teach nothing. */
const MIN_SUPPORT = 20;
/** How much more often than chance the concept goes with the word. */
const MIN_LIFT = 3;
/** The share of the word's members who have the concept. */
const MIN_CONFIDENCE = 0.3;
const MAX_CONCEPTS_PER_WORD = 3;
/** A word no concept is at least this much likelier with (at MIN_CONFIDENCE) is generic: it selects nobody. */
const GENERIC_LIFT = 2;
/** A word used by more than this share of members says nothing about anyone. */
const MAX_SHARE = 0.2;
/**
 * A tag's own concepts are not borne out when they are no likelier among its members (through their other tags and
 * bio) than among all: chance.
 */
const OWN_LIFT_CEILING = 1;
/**
 * What another concept must show among a tag's members, through the rest of their profiles, to become the tag's
 * sense: evidence from other words is sparser than the tag itself (a member tagging "hiking" shows hiking elsewhere
 * in their profile about a third of the time), so these are lower than a word's MIN_LIFT and MIN_CONFIDENCE.
 */
const SENSE_LIFT = 2;
const SENSE_CONFIDENCE = 0.2;
/** Members counted between two yields to the event loop (~20 ms of work). */
const SLICE = 25_000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Associations learned from the members' own profiles (docs/semantics.md "Open vocabulary"): which topic concepts a word goes
 * with, from the words of members' bios and tags against the concepts their profiles name. A word w goes with a
 * concept c when at least MIN_SUPPORT members use both, and c is at least MIN_LIFT times likelier among w's members
 * than among all (lift = n(w,c)·N / (n(w)·n(c)), pointwise mutual information's ratio) and held by at least 30% of
 * them. Two passes over the index's columns: word counts, then pair counts for frequent words only, in typed arrays
 * (frequent words × concepts). Deterministic for a given index; rebuilt with it.
 */
export class LearnedVocabulary {
  private constructor(
    private readonly byTerm: ReadonlyMap<number, readonly WordAssociation[]>,
    /** Words enough members use that go with no concept even loosely (see `isGeneric`). */
    private readonly generic: ReadonlySet<number>,
    private readonly columns: MemberColumns,
    /** Tags whose members mean something else by them than the lexicon does (learnSenses). */
    readonly senses: TagSenses,
    /** Members the counts were taken over, and how many words were frequent enough to learn from. */
    readonly members: number,
    readonly frequentWords: number,
  ) {}

  /** The concepts `stem` (a word stem) goes with, strongest first; none for a word too rare or too vague. */
  associationsOf(stem: string): readonly WordAssociation[] {
    const term = this.columns.terms.known(stem);
    return term < 0 ? [] : (this.byTerm.get(term) ?? []);
  }

  /**
   * Whether enough members use `stem` to judge it (MIN_SUPPORT) and no concept is even loosely more frequent among
   * them (MIN_CONFIDENCE of them, GENERIC_LIFT): a word like "night" or "weekends", spread over every kind of
   * member, says nothing about whom a search wants. A rarer word cannot be judged, and is not generic.
   */
  isGeneric(stem: string): boolean {
    const term = this.columns.terms.known(stem);
    return term >= 0 && this.generic.has(term);
  }

  get size(): number {
    return this.byTerm.size;
  }

  /**
   * Learns from every member of `columns`, yielding to the event loop every SLICE members so that requests served
   * meanwhile (by the index being replaced) are not held up: at 1M members learning takes most of a second. The
   * columns must not change until it resolves (the maintainer learns before it swaps the new index in).
   */
  static async learn(columns: MemberColumns): Promise<LearnedVocabulary> {
    const concepts = TOPIC_CONCEPTS.length;
    const words = new WordsOfMembers(columns);
    const termCount = columns.terms.size;
    const wordMembers = new Uint32Array(termCount);
    const conceptMembers = new Uint32Array(concepts);
    let members = 0;
    for (let slot = 0; slot < columns.size; slot++) {
      if (slot % SLICE === SLICE - 1) await yieldToEventLoop();
      if (columns.alive[slot] !== 1) continue;
      members++;
      for (const term of words.of(slot)) wordMembers[term]!++;
      forEachConcept(columns, slot, (c) => conceptMembers[c]!++);
    }
    // Frequent words, densely numbered, in term order.
    const dense = new Int32Array(termCount).fill(-1);
    const frequent: number[] = [];
    for (let term = 0; term < termCount; term++) {
      if (
        wordMembers[term]! >= MIN_SUPPORT &&
        wordMembers[term]! <= members * MAX_SHARE &&
        !words.isConceptTerm(term)
      ) {
        dense[term] = frequent.length;
        frequent.push(term);
      }
    }
    const pairs = new Uint32Array(frequent.length * concepts);
    for (let slot = 0; slot < columns.size; slot++) {
      if (slot % SLICE === SLICE - 1) await yieldToEventLoop();
      if (columns.alive[slot] !== 1) continue;
      const mine: number[] = [];
      forEachConcept(columns, slot, (c) => mine.push(c));
      if (mine.length === 0) continue;
      for (const term of words.of(slot)) {
        const w = dense[term]!;
        if (w >= 0) for (const c of mine) pairs[w * concepts + c]!++;
      }
    }
    const byTerm = new Map<number, WordAssociation[]>();
    // Words too common to learn from are generic; frequent ones are unless some concept goes with them.
    const generic = new Set<number>();
    for (let term = 0; term < termCount; term++)
      if (wordMembers[term]! > members * MAX_SHARE && !words.isConceptTerm(term)) generic.add(term);
    frequent.forEach((term, w) => {
      const found: Array<WordAssociation & { lift: number }> = [];
      let specific = false;
      for (let c = 0; c < concepts; c++) {
        const both = pairs[w * concepts + c]!;
        if (both < MIN_CONFIDENCE * wordMembers[term]!) continue;
        const lift = (both * members) / (wordMembers[term]! * conceptMembers[c]!);
        if (lift >= GENERIC_LIFT) specific = true;
        if (both >= MIN_SUPPORT && lift >= MIN_LIFT)
          found.push({ concept: TOPIC_CONCEPTS[c]!.id, members: both, lift });
      }
      if (!specific) generic.add(term);
      if (found.length === 0) return;
      // Ties by id in code-unit order: localeCompare would load ICU's collation data (~7 MB of RSS) for ASCII ids.
      found.sort((a, b) => b.lift - a.lift || (a.concept < b.concept ? -1 : a.concept > b.concept ? 1 : 0));
      byTerm.set(
        term,
        found.slice(0, MAX_CONCEPTS_PER_WORD).map(({ concept, members: n }) => ({ concept, members: n })),
      );
    });
    const senses = await learnSenses(columns, conceptMembers, members);
    return new LearnedVocabulary(byTerm, generic, columns, senses, members, frequent.length);
  }
}

/**
 * Tag senses (docs/semantics.md "Open vocabulary"): a tag that names lexicon concepts is read in another sense when
 * at least MIN_SUPPORT members use it, its own concepts are no likelier among them than chance (OWN_LIFT_CEILING)
 * through the rest of their profiles — their other tags and their bio — and some other concepts are, at least
 * SENSE_LIFT times and held by SENSE_CONFIDENCE of them (at most MAX_CONCEPTS_PER_WORD, strongest first). Its members'
 * other words are the evidence: the tag itself cannot vouch for its own meaning.
 */
async function learnSenses(columns: MemberColumns, conceptMembers: Uint32Array, members: number): Promise<TagSenses> {
  const concepts = TOPIC_CONCEPTS.length;
  const tags = columns.tags;
  // Each tag's lexicon concepts as concept indexes, and the concept each bio term stands for.
  const tagConcepts = tags.map((tag) => [...tag.concepts].map(conceptIndex).filter((c) => c >= 0));
  // The columns' map, as a typed array: looked up for every bio term of every member.
  const conceptOfTerm = new Int16Array(columns.terms.size).fill(-1);
  for (const [term, c] of columns.conceptOfTerm) conceptOfTerm[term] = c;
  const tagMembers = new Uint32Array(tags.length);
  const forEachTag = (slot: number, visit: (tag: number) => void): void => {
    const to = columns.bioStart(slot);
    for (let t = columns.listStart[slot]!; t < to; t++) visit(columns.arena[t]!);
  };
  for (let slot = 0; slot < columns.size; slot++) {
    if (slot % SLICE === SLICE - 1) await yieldToEventLoop();
    if (columns.alive[slot] === 1) forEachTag(slot, (tag) => tagMembers[tag]!++);
  }
  const dense = new Int32Array(tags.length).fill(-1);
  const judged: number[] = [];
  tags.forEach((tag, id) => {
    if (tag.namesConcept && tagMembers[id]! >= MIN_SUPPORT) dense[id] = judged.push(id) - 1;
  });
  if (judged.length === 0) return TagSenses.NONE;
  // Per judged tag and concept, how many of the tag's members show the concept through the rest of their profile:
  // their other tags (but `silenced` ones) and their bio.
  const given = new Uint16Array(concepts);
  const countEvidence = async (silenced: Uint8Array): Promise<Uint32Array> => {
    const pairs = new Uint32Array(judged.length * concepts);
    for (let slot = 0; slot < columns.size; slot++) {
      if (slot % SLICE === SLICE - 1) await yieldToEventLoop();
      if (columns.alive[slot] !== 1) continue;
      let anyJudged = false;
      forEachTag(slot, (tag) => (anyJudged ||= dense[tag]! >= 0));
      if (!anyJudged) continue;
      // The member's concepts, each with how many of their tags and bio words give it (few: a sparse list).
      const shown: number[] = [];
      const give = (c: number): void => {
        if (given[c]!++ === 0) shown.push(c);
      };
      forEachTag(slot, (tag) => {
        if (silenced[tag] === 0) for (const c of tagConcepts[tag]!) give(c);
      });
      const bioFrom = columns.bioStart(slot);
      for (let t = bioFrom; t < bioFrom + columns.bioCount[slot]!; t++) {
        const c = conceptOfTerm[columns.arena[t]!] ?? -1;
        if (c >= 0) give(c);
      }
      forEachTag(slot, (tag) => {
        const row = dense[tag]!;
        if (row < 0) return;
        const own = silenced[tag] === 0 ? tagConcepts[tag]! : [];
        for (const c of shown) if (given[c]! > (own.includes(c) ? 1 : 0)) pairs[row * concepts + c]!++;
      });
      for (const c of shown) given[c] = 0;
    }
    return pairs;
  };
  const liftIn =
    (pairs: Uint32Array, row: number, id: number) =>
    (c: number): number =>
      (pairs[row * concepts + c]! * members) / (tagMembers[id]! * Math.max(1, conceptMembers[c]!));
  // Doubtful: tags whose own concepts their members do not bear out. They cannot vouch for another tag's meaning
  // either ("travel" beside "backpacking" would otherwise be read as hiking through it), so the evidence for what
  // they mean instead is counted without them.
  const firstCount = await countEvidence(new Uint8Array(tags.length));
  const doubtful = new Uint8Array(tags.length);
  let anyDoubtful = false;
  judged.forEach((id, row) => {
    const own = tagConcepts[id]!;
    const lift = liftIn(firstCount, row, id);
    if (own.length > 0 && own.every((c) => lift(c) <= OWN_LIFT_CEILING)) {
      doubtful[id] = 1;
      anyDoubtful = true;
    }
  });
  if (!anyDoubtful) return TagSenses.NONE;
  const pairs = await countEvidence(doubtful);
  const senses: TagSense[] = [];
  judged.forEach((id, row) => {
    if (doubtful[id] === 0) return;
    const n = tagMembers[id]!;
    const lift = liftIn(pairs, row, id);
    const own = tagConcepts[id]!;
    const instead: Array<{ c: number; lift: number; members: number }> = [];
    for (let c = 0; c < concepts; c++) {
      const both = pairs[row * concepts + c]!;
      if (own.includes(c) || both < MIN_SUPPORT || both < SENSE_CONFIDENCE * n || lift(c) < SENSE_LIFT) continue;
      instead.push({ c, lift: lift(c), members: both });
    }
    if (instead.length === 0) return;
    instead.sort((a, b) => b.lift - a.lift || a.c - b.c);
    const chosen = instead.slice(0, MAX_CONCEPTS_PER_WORD);
    senses.push({
      key: tags[id]!.key,
      concepts: chosen.map(({ c }) => TOPIC_CONCEPTS[c]!.id),
      loose: own.map((c) => TOPIC_CONCEPTS[c]!.id),
      members: chosen[0]!.members,
    });
  });
  return new TagSenses(senses);
}

function forEachConcept(columns: MemberColumns, slot: number, visit: (concept: number) => void): void {
  for (let w = 0; w < CONCEPT_WORDS; w++) {
    const bits = columns.concepts[slot * CONCEPT_WORDS + w]!;
    if (bits === 0) continue;
    for (let b = 0; b < 32; b++) if ((bits >>> b) & 1) visit(w * 32 + b);
  }
}

/** Each member's distinct words, as term numbers: the stems of their bio and of their tags. */
class WordsOfMembers {
  /** Per tag (MemberColumns.tags), its words as term numbers. */
  private readonly tagWords: Array<Int32Array | undefined> = [];
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(private readonly columns: MemberColumns) {
    // Words of tags that name no concept join the index's term numbering (bios never hold them, so bio matching is
    // unchanged), first, so that `seen` covers them. A concept's name teaches nothing: "home" of "home cooking" would
    // be learned to mean cooking from the tag itself.
    this.tagWords = columns.tags.map((tag) =>
      tag.namesConcept
        ? new Int32Array(0)
        : Int32Array.from([...tag.stems].filter((s) => s !== '').map((s) => columns.terms.id(s))),
    );
    this.seen = new Uint32Array(columns.terms.size);
  }

  isConceptTerm(term: number): boolean {
    return this.columns.conceptOfTerm.has(term);
  }

  of(slot: number): number[] {
    const c = this.columns;
    const stamp = ++this.stamp;
    const out: number[] = [];
    const add = (term: number): void => {
      if (term < this.seen.length && this.seen[term] !== stamp) {
        this.seen[term] = stamp;
        out.push(term);
      }
    };
    const from = c.listStart[slot]!;
    const tagsEnd = c.bioStart(slot);
    for (let t = from; t < tagsEnd; t++) for (const term of this.tagWords[c.arena[t]!] ?? []) add(term);
    for (let t = tagsEnd; t < tagsEnd + c.bioCount[slot]!; t++) add(c.arena[t]!);
    return out;
  }
}
