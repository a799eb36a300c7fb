import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { generateProfiles, type SyntheticProfile } from '@circle-match/synthetic';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const COLUMNS = [
  'id', 'first_name', 'last_name', 'age', 'about', 'interests', 'needs', 'latitude', 'longitude', 'gender',
  'created_at', 'is_suspended', 'deleted_at', 'last_active',
] as const;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A text[] literal: every element double-quoted with " and \ escaped. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function field(value: string | number | boolean | Date | null | readonly string[]): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return copyText(arrayLiteral(value as readonly string[]));
  if (typeof value === 'string') return copyText(value);
  return String(value);
}

function copyLine(p: SyntheticProfile): string {
  return `${COLUMNS.map((c) => field(p[c])).join('\t')}\n`;
}

export interface SeedOptions {
  count: number;
  seed?: number;
  /** Index of the first profile: seeding 1,000 then 1,000 more with offset 1000 adds different members. */
  offset?: number;
  onProgress?: (done: number) => void;
}

const LINES_PER_CHUNK = 1000;

/** COPY FROM STDIN, the fastest way in. */
async function copyIntoStaging(client: pg.ClientBase, profiles: Iterable<SyntheticProfile>, onProgress?: (n: number) => void): Promise<void> {
  const copy = client.query(copyFrom(`COPY cm_seed_staging (${COLUMNS.join(', ')}) FROM STDIN`));
  let done = 0;
  const chunks = Readable.from(
    (function* () {
      let chunk = '';
      for (const profile of profiles) {
        chunk += copyLine(profile);
        if (++done % LINES_PER_CHUNK === 0) {
          yield chunk;
          chunk = '';
          if (done % 50_000 === 0) onProgress?.(done);
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(chunks, copy);
}

/**
 * Loads `count` deterministic synthetic profiles (COPY on PostgreSQL) through an unindexed staging table, so a
 * re-run with the same seed adds nothing twice. Returns how many rows were new.
 */
export async function seedProfiles(client: pg.ClientBase, options: SeedOptions): Promise<number> {
  const { count, seed = 1, offset = 0 } = options;
  await client.query('BEGIN');
  try {
    await client.query('CREATE TEMP TABLE cm_seed_staging (LIKE profiles INCLUDING DEFAULTS) ON COMMIT DROP');
    await copyIntoStaging(client, generateProfiles(count, { seed, offset }), options.onProgress);
    const inserted = await client.query(
      `INSERT INTO profiles (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM cm_seed_staging ON CONFLICT (id) DO NOTHING`,
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE profiles');
    return inserted.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
