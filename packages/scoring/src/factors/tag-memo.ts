import { BoundedCache } from '../bounded-cache.js';
import type { NormalisedTag } from '../lexicon.js';

/** Bytes of rows kept before the least recently used are forgotten. */
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
/** Requesters' tag spellings whose reading is kept (the oldest forgotten first). */
const MAX_READINGS = 4096;

/**
 * Values per numbered tag, remembered across requests by the numbering's owner (the candidate index, or a pool of
 * its own): one row per key on the request's side — a requester's tag ("tag hike": its similarity to each tag), a
 * prompt topic (its coverage by each tag). Requests bring the same few hundred tags and topics again and again, and
 * comparing each with every distinct tag of a 500-member pool anew was a fifth of a ranking's CPU. A row holds NaN
 * where nothing was computed yet. It also keeps how requesters' tags read (normalising a tag is a lexicon scan).
 * Valid while tags keep their reading: the owner clears it when it reads them anew (learned senses).
 */
export class TagMemo {
  /** Key → value per tag id; Map order is least recently used first. */
  private readonly rows = new Map<string, Float64Array>();
  private bytes = 0;
  private readonly readings = new BoundedCache<string, NormalisedTag>(MAX_READINGS);

  constructor(
    private readonly tags: { readonly length: number },
    /** How the owner reads a tag now (its senses). */
    private readonly readTag: (raw: string) => NormalisedTag,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  /** A requester's tag as the owner reads it. */
  read(raw: string): NormalisedTag {
    return this.readings.get(raw, this.readTag);
  }

  /** The row kept under `key`, long enough for every tag numbered so far. */
  row(key: string): Float64Array {
    const kept = this.rows.get(key);
    this.rows.delete(key);
    let row = kept;
    if (row === undefined || row.length < this.tags.length) {
      row = new Float64Array(Math.max(16, this.tags.length + (this.tags.length >> 2))).fill(Number.NaN);
      if (kept) {
        row.set(kept);
        this.bytes -= kept.byteLength;
      }
      this.bytes += row.byteLength;
      for (const [oldest, old] of this.rows) {
        if (this.bytes <= this.maxBytes) break;
        this.rows.delete(oldest);
        this.bytes -= old.byteLength;
      }
    }
    this.rows.set(key, row);
    return row;
  }

  /** Forgets every row and reading: tags are read anew. */
  clear(): void {
    this.rows.clear();
    this.readings.clear();
    this.bytes = 0;
  }
}
