import { BoundedCache } from './bounded-cache.js';
import { stem } from './text.js';

/**
 * The numbering of bio terms (word stems and `c:<concept>`) that one index and the rankings over it share: a bio is
 * a sorted Int32Array of these numbers. An explicit object, owned by whoever owns the bios it numbered (the
 * candidate index), so a rebuild starts a fresh numbering and nothing global grows with members' text.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  /** The terms by number, so that a copy of this numbering in another thread can be kept in step (termsFrom). */
  private readonly byId: string[] = [];
  /**
   * Stems of the words numbered so far: members' text repeats the same few thousand words, and stemming them is
   * most of the cost of loading the index.
   */
  private readonly stems = new BoundedCache<string, string>(100_000);

  /** The stem of a word of members' text, remembered. */
  stemOf(word: string): string {
    return this.stems.get(word, stem);
  }

  /** The number of a term, given on first sight. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
      this.byId.push(term);
    }
    return id;
  }

  /**
   * The number of a term some bio has used, or -1, which no bio holds. For search words: members' searches must
   * not grow the numbering.
   */
  known(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  get size(): number {
    return this.ids.size;
  }

  /** The terms numbered `from` onwards, in order: given to `id` in that order, they number a copy the same way. */
  termsFrom(from: number): string[] {
    return this.byId.slice(from);
  }
}
