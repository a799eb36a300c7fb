import type pg from 'pg';
import type { IndexedMember } from '../index/member-columns.js';
import type { Database } from './database.js';
import { SEARCHABLE_MEMBERS, toIndexedMember, type IndexedRow } from './member-rows.js';

/**
 * Where the change feed stands: every change with a larger `seq` is new, and so may be any change written by a
 * transaction with xid ≥ `horizon` (still running when the position was read: it may commit later with a smaller
 * seq). Changes are re-read rather than missed; applying one twice is harmless.
 */
export interface FeedPosition {
  seq: string;
  horizon: string;
}

export interface ChangeBatch {
  position: FeedPosition;
  /** Members to reload from profiles. */
  ids: string[];
  /** Every member changed at once (TRUNCATE): reload everything. */
  everyone: boolean;
}

/**
 * Rows a FETCH of the full load reads. The load's garbage (these rows outlive the young generation) is handed back
 * by the collection after each load (service.ts), so the batch no longer sets the service's memory: 250, 1000 or
 * 5000 rows, peak RSS under load at 100k 147 / 149 / 147 MB; 5000 reads 1M in 20× fewer round trips.
 */
const LOAD_BATCH = 5000;

/**
 * The index's queries: the full load (a cursor over every searchable member, in one consistent snapshot, with the
 * feed position of that snapshot), the change feed, and reloading changed members by id.
 */
export class IndexSource {
  constructor(private readonly db: Database) {}

  /**
   * Streams every searchable member to `onBatch` and returns the feed position of the snapshot they were read
   * in: replaying changes from there brings the loaded index up to date.
   */
  async loadSearchable(onBatch: (members: IndexedMember[]) => void): Promise<FeedPosition> {
    return this.db.withClient(async (client: pg.PoolClient) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const { rows } = await client.query<{ seq: string; horizon: string }>(
          `SELECT coalesce(max(seq), 0)::text AS seq, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon FROM cm_profile_changes`,
        );
        await client.query(`DECLARE cm_index_load NO SCROLL CURSOR FOR ${SEARCHABLE_MEMBERS}`);
        for (;;) {
          const batch = await client.query<IndexedRow>(`FETCH ${LOAD_BATCH} FROM cm_index_load`);
          if (batch.rows.length === 0) break;
          onBatch(batch.rows.map(toIndexedMember));
        }
        await client.query('COMMIT');
        return { seq: rows[0]!.seq, horizon: rows[0]!.horizon };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Changes after `position`, and the position after them. */
  async changesSince(position: FeedPosition): Promise<ChangeBatch> {
    const rows = await this.db.query<{ seq: string | null; profile_id: string | null; horizon: string }>(
      `WITH now AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon)
       SELECT c.seq::text AS seq, c.profile_id, now.horizon
       FROM now LEFT JOIN cm_profile_changes c ON c.seq > $1::bigint OR c.xid >= $2::xid8
       ORDER BY c.seq`,
      [position.seq, position.horizon],
    );
    let seq = BigInt(position.seq);
    const ids = new Set<string>();
    let everyone = false;
    for (const row of rows) {
      if (row.seq === null) continue;
      if (BigInt(row.seq) > seq) seq = BigInt(row.seq);
      if (row.profile_id === null) everyone = true;
      else ids.add(row.profile_id);
    }
    return {
      position: { seq: seq.toString(), horizon: rows[0]?.horizon ?? position.horizon },
      ids: [...ids],
      everyone,
    };
  }

  /** The searchable ones among `ids`, as the index keeps them; the others are to be removed from it. */
  async searchableMembers(ids: readonly string[]): Promise<IndexedMember[]> {
    const rows = await this.db.query<IndexedRow>(`${SEARCHABLE_MEMBERS} AND p.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toIndexedMember);
  }

  /** Deletes feed rows older than `keepSeconds` (as the table's owner, through a SECURITY DEFINER function). */
  async pruneChanges(keepSeconds: number): Promise<number> {
    const rows = await this.db.query<{ removed: string }>(
      `SELECT cm_prune_profile_changes($1 * interval '1 second')::text AS removed`,
      [keepSeconds],
    );
    return Number(rows[0]?.removed ?? 0);
  }
}
