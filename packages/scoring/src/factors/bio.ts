import type { BioTerms } from '../features.js';

/**
 * Bio factor (weight 0.15): cosine similarity of the two bios' term sets, each term weighted by its inverse
 * document frequency over the candidate pool, so a shared rare word ("sourdough") says more than a common one.
 */
export class BioCorpus {
  private readonly idfByTerm = new Map<string, number>();
  private readonly size: number;

  constructor(documents: readonly BioTerms[]) {
    this.size = documents.length;
    const df = new Map<string, number>();
    for (const doc of documents) for (const term of doc) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, count] of df) this.idfByTerm.set(term, this.idfOf(count));
  }

  private idfOf(documentFrequency: number): number {
    return Math.log(1 + (this.size + 1) / (documentFrequency + 1));
  }

  idf(term: string): number {
    return this.idfByTerm.get(term) ?? this.idfOf(0);
  }

  /** Sum of squared weights: the squared length of a document's vector. */
  squaredNorm(doc: BioTerms): number {
    let sum = 0;
    for (const term of doc) sum += this.idf(term) ** 2;
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
  evidence?: { display: ReadonlyMap<string, string>; shared: string[] },
): number {
  if (requester.size === 0 || candidate.size === 0) return 0;
  let dot = 0;
  const shared: Array<{ word: string; weight: number }> = [];
  const [small, large] = requester.size <= candidate.size ? [requester, candidate] : [candidate, requester];
  for (const term of small) {
    if (!large.has(term)) continue;
    const weight = corpus.idf(term) ** 2;
    dot += weight;
    const word = evidence?.display.get(term);
    if (word !== undefined && !shared.some((s) => s.word === word)) shared.push({ word, weight });
  }
  if (dot === 0) return 0;
  if (evidence) {
    shared.sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : 1));
    evidence.shared.push(...shared.slice(0, MAX_SHARED_SHOWN).map((s) => s.word));
  }
  return Math.min(1, dot / Math.sqrt(requesterSquaredNorm * corpus.squaredNorm(candidate)));
}
