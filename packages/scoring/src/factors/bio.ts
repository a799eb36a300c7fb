import type { BioTerms } from '../features.js';
import type { ScoringScratch } from '../pool.js';

/**
 * Bio factor (weight 0.15): cosine similarity of the two bios' term sets, each term weighted by its inverse
 * document frequency over the candidate pool, so a shared rare word ("sourdough") says more than a common one.
 *
 * The pool's document frequencies are counted into the borrowed scratch arrays (indexed by term id) and must be
 * given back with `release()` before anything else uses the scratch: a ranking scores its whole pool in between.
 */
export class BioCorpus {
  private readonly size: number;
  /** IDF² by document frequency over this pool's size (ScoringScratch.idfSquaredByFrequency). */
  private readonly byFrequency: Float64Array;
  private released = false;

  /** Bio `i` is `lists[bioFrom[i] … bioFrom[i] + bioCount[i])`. */
  constructor(
    private readonly lists: Int32Array,
    private readonly bioFrom: ArrayLike<number>,
    private readonly bioCount: ArrayLike<number>,
    private readonly scratch: ScoringScratch,
  ) {
    this.size = bioFrom.length;
    const { df } = scratch;
    this.byFrequency = scratch.idfSquaredByFrequency(this.size);
    for (let i = 0; i < this.size; i++) for (let t = bioFrom[i]!; t < bioFrom[i]! + bioCount[i]!; t++) df[lists[t]!]!++;
  }

  /** IDF² of a term: terms no pool bio holds (and the requester's unknown ones, numbered < 0) weigh as unseen. */
  idfSquared(id: number): number {
    if (this.released) throw new Error('BioCorpus used after release()');
    // Read through the document frequency (a table by frequency): no second pass over the pool's terms.
    return this.byFrequency[id >= 0 ? this.scratch.df[id]! : 0]!;
  }

  /** Sum of squared weights: the squared length of a document's vector. */
  squaredNorm(lists: ArrayLike<number>, from: number, count: number): number {
    let sum = 0;
    for (let t = from; t < from + count; t++) sum += this.idfSquared(lists[t]!);
    return sum;
  }

  /** Zeroes what the constructor counted, so the scratch is clean for the next ranking. */
  release(): void {
    if (this.released) return;
    const { bioFrom, bioCount } = this;
    for (let i = 0; i < this.size; i++)
      for (let t = bioFrom[i]!; t < bioFrom[i]! + bioCount[i]!; t++) this.scratch.df[this.lists[t]!] = 0;
    this.released = true;
  }
}

/**
 * IDF-weighted cosine of the requester's bio and a candidate's (`lists[from … from + count)`), both sorted: one
 * merge pass finds the shared terms.
 */
export function bioSimilarity(
  requester: BioTerms,
  requesterSquaredNorm: number,
  lists: Int32Array,
  from: number,
  count: number,
  corpus: BioCorpus,
): number {
  if (requester.length === 0 || count === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = from;
  const end = from + count;
  while (i < requester.length && j < end) {
    const a = requester[i]!;
    const b = lists[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      dot += corpus.idfSquared(a);
      i++;
      j++;
    }
  }
  if (dot === 0) return 0;
  return Math.min(1, dot / Math.sqrt(requesterSquaredNorm * corpus.squaredNorm(lists, from, count)));
}

const MAX_SHARED_SHOWN = 5;

/**
 * For an explanation: up to five words a candidate's bio shares with the requester's, rarest first, as the
 * candidate wrote them (`displayOf`, giving bioDisplayWords: called only when a term is shared, since it reads the
 * bio's text again). `weightOf` gives each shared term's IDF².
 */
export function sharedBioWords(
  requester: BioTerms,
  candidate: ArrayLike<number>,
  weightOf: (id: number) => number,
  displayOf: () => ReadonlyMap<number, string>,
): string[] {
  const shared: Array<{ word: string; weight: number }> = [];
  let display: ReadonlyMap<number, string> | undefined;
  let i = 0;
  let j = 0;
  while (i < requester.length && j < candidate.length) {
    const a = requester[i]!;
    const b = candidate[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      display ??= displayOf();
      const word = display.get(a);
      if (word !== undefined) {
        // One word can stand for several terms (its stem and a concept it names): it weighs as its rarest.
        const weight = weightOf(a);
        const seen = shared.find((s) => s.word === word);
        if (!seen) shared.push({ word, weight });
        else seen.weight = Math.max(seen.weight, weight);
      }
      i++;
      j++;
    }
  }
  shared.sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : 1));
  return shared.slice(0, MAX_SHARED_SHOWN).map((s) => s.word);
}
