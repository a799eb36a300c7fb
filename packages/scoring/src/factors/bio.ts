import type { BioTerms } from '../features.js';

/**
 * Bio factor (weight 0.15): cosine similarity of the two bios' term sets, each term weighted by its inverse
 * document frequency over the candidate pool, so a shared rare word ("sourdough") says more than a common one.
 */
export class BioCorpus {
  private readonly idfById = new Map<number, number>();
  private readonly size: number;

  constructor(documents: readonly BioTerms[]) {
    this.size = documents.length;
    const df = new Map<number, number>();
    for (const doc of documents) for (const id of doc) df.set(id, (df.get(id) ?? 0) + 1);
    for (const [id, count] of df) this.idfById.set(id, this.idfOf(count));
  }

  private idfOf(documentFrequency: number): number {
    return Math.log(1 + (this.size + 1) / (documentFrequency + 1));
  }

  idf(id: number): number {
    return this.idfById.get(id) ?? this.idfOf(0);
  }

  /** Sum of squared weights: the squared length of a document's vector. */
  squaredNorm(doc: BioTerms): number {
    let sum = 0;
    for (const id of doc) sum += this.idf(id) ** 2;
    return sum;
  }
}

const MAX_SHARED_SHOWN = 5;

/**
 * IDF-weighted cosine of two bios. With `evidence`, also collects up to five shared words (rarest first), shown as
 * the candidate wrote them (`display`, from bioDisplayWords).
 */
export function bioSimilarity(
  requester: BioTerms,
  requesterSquaredNorm: number,
  candidate: BioTerms,
  corpus: BioCorpus,
  evidence?: { display: ReadonlyMap<number, string>; shared: string[] },
): number {
  if (requester.length === 0 || candidate.length === 0) return 0;
  let dot = 0;
  const shared: Array<{ word: string; weight: number }> = [];
  // Both are sorted: one merge pass finds the shared terms.
  let i = 0;
  let j = 0;
  while (i < requester.length && j < candidate.length) {
    const a = requester[i]!;
    const b = candidate[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      const weight = corpus.idf(a) ** 2;
      dot += weight;
      const word = evidence?.display.get(a);
      if (word !== undefined) {
        // One word can stand for several terms (its stem and a concept it names): it weighs as its rarest.
        const seen = shared.find((s) => s.word === word);
        if (!seen) shared.push({ word, weight });
        else seen.weight = Math.max(seen.weight, weight);
      }
      i++;
      j++;
    }
  }
  if (dot === 0) return 0;
  if (evidence) {
    shared.sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : 1));
    evidence.shared.push(...shared.slice(0, MAX_SHARED_SHOWN).map((s) => s.word));
  }
  return Math.min(1, dot / Math.sqrt(requesterSquaredNorm * corpus.squaredNorm(candidate)));
}
