import { snapToGrid } from './geo.js';
import type { NormalisedTag } from './lexicon.js';
import { TagSenses } from './tag-senses.js';
import { TagMemo } from './factors/tag-memo.js';
import { toBioTerms } from './features.js';
import { TermDictionary } from './terms.js';
import type { CandidateProfile } from './types.js';

/**
 * The candidates of one request, column by column, as the candidate index holds members: scoring reads numbers
 * from typed arrays and makes no object per candidate. Candidate `i`'s interest tag ids, need tag ids and bio term
 * ids follow each other in `lists` from `start[i]`; tag ids index `tags`, term ids are numbered by `terms`.
 */
export interface CandidatePool {
  readonly size: number;
  readonly lists: Int32Array;
  readonly start: Uint32Array;
  readonly interestCount: Uint8Array;
  readonly needCount: Uint8Array;
  readonly bioCount: Uint16Array;
  /** -1 when unknown. */
  readonly age: Int16Array;
  /** The privacy cell's centre; NaN without coordinates. */
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
  readonly tags: readonly NormalisedTag[];
  /**
   * What requests compared with `tags`, and how requesters' tags read (as `tags` were: the owner's senses), kept
   * across requests by whoever owns the numbering.
   */
  readonly memo: TagMemo;
  readonly terms: TermDictionary;
  /** Per-request scratch sized for `terms` (see ScoringScratch). */
  readonly scratch: ScoringScratch;
  idOf(i: number): string;
  /** Orders two candidates by id (the last tie-break of docs/semantics.md). */
  compareIds(i: number, j: number): number;
}

/**
 * Work arrays one ranking at a time borrows (synchronously), left zeroed after each use: by term id, document
 * frequencies over the pool. Owned by whoever owns the numbering (the index), so a request allocates nothing the
 * size of the index; grown when the numbering grows.
 */
export class ScoringScratch {
  df = new Int32Array(0);
  private idfTable = { poolSize: -1, byFrequency: new Float64Array(0) };

  /**
   * Squared IDF of a term held by `documentFrequency` of `poolSize` bios, by document frequency (0 … poolSize): a
   * logarithm per distinct frequency, not per term of every bio. Kept for the last pool size (usually the same one).
   */
  idfSquaredByFrequency(poolSize: number): Float64Array {
    if (this.idfTable.poolSize !== poolSize) {
      const byFrequency = new Float64Array(poolSize + 1);
      for (let df = 0; df <= poolSize; df++) byFrequency[df] = Math.log(1 + (poolSize + 1) / (df + 1)) ** 2;
      this.idfTable = { poolSize, byFrequency };
    }
    return this.idfTable.byFrequency;
  }

  fit(termCount: number): void {
    if (termCount > this.df.length) {
      const size = Math.max(1024, termCount * 2);
      this.df = new Int32Array(size);
    }
  }
}

const MAX_TAGS = 255;
const MAX_BIO_TERMS = 65_535;

/**
 * A pool built from profile rows (tests, the relevance set, one-off callers): the same columns the index keeps,
 * with a tag table and term numbering of its own.
 */
export function poolFromProfiles(
  profiles: readonly CandidateProfile[],
  terms = new TermDictionary(),
  senses = TagSenses.NONE,
): CandidatePool {
  const tags: NormalisedTag[] = [];
  const tagIds = new Map<string, number>();
  const tagIdOf = (raw: string): number => {
    let id = tagIds.get(raw);
    if (id === undefined) {
      id = tags.length;
      tags.push(senses.read(raw));
      tagIds.set(raw, id);
    }
    return id;
  };
  const n = profiles.length;
  const pool = {
    size: n,
    start: new Uint32Array(n),
    interestCount: new Uint8Array(n),
    needCount: new Uint8Array(n),
    bioCount: new Uint16Array(n),
    age: new Int16Array(n),
    latitude: new Float64Array(n),
    longitude: new Float64Array(n),
  };
  const lists: number[] = [];
  profiles.forEach((p, i) => {
    const interests = distinctTagIds(p.interests, tagIdOf, tags);
    const needs = distinctTagIds(p.needs, tagIdOf, tags);
    const bio = toBioTerms(terms, p.about).subarray(0, MAX_BIO_TERMS);
    pool.start[i] = lists.length;
    pool.interestCount[i] = interests.length;
    pool.needCount[i] = needs.length;
    pool.bioCount[i] = bio.length;
    lists.push(...interests, ...needs, ...bio);
    pool.age[i] = p.age ?? -1;
    const cell =
      p.latitude !== null && p.longitude !== null ? snapToGrid({ latitude: p.latitude, longitude: p.longitude }) : null;
    pool.latitude[i] = cell?.latitude ?? Number.NaN;
    pool.longitude[i] = cell?.longitude ?? Number.NaN;
  });
  const scratch = new ScoringScratch();
  scratch.fit(terms.size);
  return {
    ...pool,
    lists: Int32Array.from(lists),
    tags,
    memo: new TagMemo(tags, (raw) => senses.read(raw)),
    terms,
    scratch,
    idOf: (i) => profiles[i]!.id,
    compareIds: (i, j) => (profiles[i]!.id < profiles[j]!.id ? -1 : profiles[i]!.id > profiles[j]!.id ? 1 : 0),
  };
}

/**
 * A profile's tags as ids: distinct by normalised key, the first spelling kept, empty keys dropped (the candidate
 * index keeps them the same way).
 */
export function distinctTagIds(
  raw: readonly string[],
  idOf: (raw: string) => number,
  tags: readonly NormalisedTag[],
): number[] {
  const ids: number[] = [];
  const keys = new Set<string>();
  for (const value of raw) {
    const id = idOf(value);
    const key = tags[id]!.key;
    if (key !== '' && !keys.has(key)) {
      keys.add(key);
      ids.push(id);
    }
    if (ids.length === MAX_TAGS) break;
  }
  return ids;
}
