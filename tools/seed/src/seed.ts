import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  generateProfiles,
  RelationsGenerator,
  type SyntheticProfile,
  type SyntheticRelation,
} from '@circle-match/synthetic';
import type pg from 'pg';
import { PROFILE_COLUMNS } from './profile-columns.js';
import { from as copyFrom } from 'pg-copy-streams';

const COLUMNS = PROFILE_COLUMNS;

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

/** COPY FROM STDIN, the fastest way in: `lines` streamed in chunks. */
async function copyLines(
  client: pg.ClientBase,
  command: string,
  lines: Iterable<string>,
  onProgress?: (n: number) => void,
): Promise<void> {
  const copy = client.query(copyFrom(command));
  let done = 0;
  const chunks = Readable.from(
    (function* () {
      let chunk = '';
      for (const line of lines) {
        chunk += line;
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

function relationLine(r: SyntheticRelation): string {
  const detail = r.kind === 'friendship' ? r.status : r.kind === 'interaction' ? r.action : '\\N';
  return `${r.kind}\t${r.from}\t${r.to}\t${detail}\t${r.at.toISOString()}\n`;
}

/** Every relation of the same profiles, generated again in the same order (cheaper than holding them). */
function* relationLines(count: number, seed: number, offset: number): Generator<string> {
  const relations = new RelationsGenerator(seed);
  let index = offset;
  for (const profile of generateProfiles(count, { seed, offset })) {
    for (const relation of relations.relationsOf(profile, index++)) yield relationLine(relation);
  }
}

/**
 * Loads `count` deterministic synthetic profiles and their relations (blocks, friendships, explore interactions:
 * see RelationsGenerator) with COPY, through unindexed staging tables. A re-run with the same seed adds nothing
 * twice: relations are added only for the members this run added. Returns how many profiles were new.
 */
export async function seedProfiles(client: pg.ClientBase, options: SeedOptions): Promise<number> {
  const { count, seed = 1, offset = 0 } = options;
  await client.query('BEGIN');
  try {
    await client.query('CREATE TEMP TABLE cm_seed_staging (LIKE profiles INCLUDING DEFAULTS) ON COMMIT DROP');
    await copyLines(
      client,
      `COPY cm_seed_staging (${COLUMNS.join(', ')}) FROM STDIN`,
      (function* () {
        for (const profile of generateProfiles(count, { seed, offset })) yield copyLine(profile);
      })(),
      options.onProgress,
    );
    await client.query('CREATE TEMP TABLE cm_seed_added (id uuid PRIMARY KEY) ON COMMIT DROP');
    const inserted = await client.query(
      `WITH added AS (
         INSERT INTO profiles (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM cm_seed_staging ON CONFLICT (id) DO NOTHING RETURNING id)
       INSERT INTO cm_seed_added SELECT id FROM added`,
    );
    await client.query(
      'CREATE TEMP TABLE cm_seed_relations (kind text, from_id uuid, to_id uuid, detail text, at timestamptz) ON COMMIT DROP',
    );
    await copyLines(client, 'COPY cm_seed_relations FROM STDIN', relationLines(count, seed, offset));
    const added = 'FROM cm_seed_relations r JOIN cm_seed_added a ON a.id = r.from_id';
    await client.query(`INSERT INTO blocks (id, blocker_id, blocked_id, created_at)
      SELECT gen_random_uuid(), r.from_id, r.to_id, r.at ${added} WHERE r.kind = 'block' ON CONFLICT DO NOTHING`);
    await client.query(`INSERT INTO friendships (id, user1_id, user2_id, status, created_at, updated_at, sender_id)
      SELECT gen_random_uuid(), r.from_id, r.to_id, r.detail, r.at, r.at, r.from_id ${added} WHERE r.kind = 'friendship' ON CONFLICT DO NOTHING`);
    await client.query(`INSERT INTO explore_interactions (id, user_id, target_user_id, action_type, created_at)
      SELECT gen_random_uuid(), r.from_id, r.to_id, r.detail, r.at ${added} WHERE r.kind = 'interaction'`);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE profiles');
    for (const table of ['blocks', 'friendships', 'explore_interactions'])
      await client.query(`VACUUM ANALYZE ${table}`);
    return inserted.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
