import { BoundedCache } from '../bounded-cache.js';
import type { NormalisedTag } from '../lexicon.js';

/** Bytes of rows kept before the least recently used are forgotten (each ranking thread keeps its own memo). */
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Requesters' tag spellings whose reading is kept (the oldest forgotten first). */
const MAX_READINGS = 4096;

/** A row's element type: values (Float64Array, NaN unknown), small codes (Int8Array) or 31-bit codes (Int32Array), -1 unknown. */
type Row = Float64Array | Int32Array | Int8Array;
type RowType<T extends Row> = new (length: number) => T;

/**
 * Values per numbered tag, remembered across requests by the numbering's owner (the candidate index, or a pool of
 * its own): one row per key on the request's side — a requester's tag ("tag hike": its similarity to each tag), a
 * prompt topic (its coverage by each tag). Requests bring the same few hundred tags and topics again and again, and
 * comparing each with every distinct tag of a 500-member pool anew was a fifth of a ranking's CPU. A row holds NaN
 * (or -1, for codes) where nothing was computed yet; codes take a byte or four where a value takes eight, so the
 * same budget keeps more rows. It also keeps how requesters' tags read (normalising a tag is a lexicon scan).
 * Valid while tags keep their reading: the owner clears it when it reads them anew (learned senses).
 */
export class TagMemo {
  /** Key → value per tag id; Map order is least recently used first. */
  private readonly rows = new Map<string, Row>();
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

  /** The values kept under `key` (NaN: not computed), long enough for every tag numbered so far. */
  row(key: string): Float64Array {
    return this.kept(key, Float64Array, Number.NaN);
  }

  /** Codes 0–127 kept under `key` (-1: not computed). */
  codes(key: string): Int8Array {
    return this.kept(key, Int8Array, -1);
  }

  /** Codes 0 – 2³¹−1 kept under `key` (-1: not computed). */
  wideCodes(key: string): Int32Array {
    return this.kept(key, Int32Array, -1);
  }

  private kept<T extends Row>(key: string, type: RowType<T>, unknown: number): T {
    const found = this.rows.get(key);
    this.rows.delete(key);
    const kept = found instanceof type ? found : undefined;
    if (found !== undefined && kept === undefined) this.bytes -= found.byteLength; // same key, another type: anew
    let row = kept;
    if (row === undefined || row.length < this.tags.length) {
      row = new type(Math.max(16, this.tags.length + (this.tags.length >> 2)));
      row.fill(unknown);
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
