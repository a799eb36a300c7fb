import { conceptTerm, TOPIC_CONCEPTS, type WordAssociation } from '@circle-match/scoring';
import { CONCEPT_WORDS, type MemberColumns } from './member-columns.js';

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
      found.sort((a, b) => b.lift - a.lift || a.concept.localeCompare(b.concept));
      byTerm.set(
        term,
        found.slice(0, MAX_CONCEPTS_PER_WORD).map(({ concept, members: n }) => ({ concept, members: n })),
      );
    });
    return new LearnedVocabulary(byTerm, generic, columns, members, frequent.length);
  }
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
  private readonly conceptTerms: Set<number>;

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
    this.conceptTerms = new Set(
      TOPIC_CONCEPTS.map((c) => columns.terms.known(conceptTerm(c.id))).filter((t) => t >= 0),
    );
  }

  isConceptTerm(term: number): boolean {
    return this.conceptTerms.has(term);
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
    const tagsEnd = from + c.interestCount[slot]! + c.needCount[slot]!;
    for (let t = from; t < tagsEnd; t++) for (const term of this.tagWords[c.arena[t]!] ?? []) add(term);
    for (let t = tagsEnd; t < tagsEnd + c.bioCount[slot]!; t++) add(c.arena[t]!);
    return out;
  }
}
