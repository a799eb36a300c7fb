import { activeWithinSql, relatedIdsSql, SEARCHABLE_SQL, unrelatedToSql } from '@circle-match/db';
import type { CandidateProfile } from '@circle-match/scoring';
import type { MemberSource, RecheckFilters, Requester } from '../domain/ports.js';
import type { Database } from './database.js';
import { splitTags } from './member-rows.js';

interface RequesterQueryRow extends Omit<Requester, 'related_ids'> {
  related_ids: string | null;
}

interface DisplayRow extends Omit<CandidateProfile, 'interests' | 'needs'> {
  interests: string;
  needs: string;
}

/** The two queries every request makes: who asks, and the truth about the members it is about to return. */
export class MemberRepository implements MemberSource {
  constructor(private readonly db: Database) {}

  /** The requester's profile and who they are never shown, or null when they have none (or it was deleted). */
  async findRequester(id: string, passCooldownDays: number): Promise<Requester | null> {
    const rows = await this.db.query<RequesterQueryRow>(
      `SELECT p.id, p.age, p.about, p.interests, p.needs, p.latitude::float8 AS latitude, p.longitude::float8 AS longitude,
         p.is_suspended, ${relatedIdsSql('p.id', '$2::int')} AS related_ids
       FROM profiles p WHERE p.id = $1::uuid AND p.deleted_at IS NULL AND p.is_deleted IS NOT TRUE`,
      [id, passCooldownDays],
      'cm_requester',
    );
    const row = rows[0];
    return row ? { ...row, related_ids: row.related_ids === null ? [] : row.related_ids.split(',') } : null;
  }

  /**
   * Display fields of the first `limit` of `ids` (in their order) that are still eligible right now, by primary key:
   * searchable, active, unrelated to the requester (no block, friendship, recent pass or like) and within the
   * request's age and gender filters. A member suspended, deleted, hidden, blocked or edited out of the filters a
   * moment ago is absent, whatever the index says. Coordinates come snapped to the privacy grid. Only the rows the
   * page needs are sent: the spares asked about are checked, not read.
   */
  async firstStillEligible(
    ids: readonly string[],
    filters: RecheckFilters,
    limit: number,
  ): Promise<CandidateProfile[]> {
    // The ids as one comma-separated text: pg would quote and escape each element of an array parameter, and the
    // strings it makes are a search's garbage (they are the index's canonical uuids: nothing to escape).
    const values: unknown[] = [
      ids.join(','),
      limit,
      filters.inactiveDays,
      filters.requesterId,
      filters.passCooldownDays,
    ];
    const where = [SEARCHABLE_SQL, activeWithinSql('$3::int'), unrelatedToSql('$4::uuid', '$5::int')];
    if (filters.ageRange) {
      values.push(filters.ageRange[0], filters.ageRange[1]);
      where.push(`p.age BETWEEN $6::int AND $7::int`);
    }
    if (filters.gender !== null) {
      values.push(filters.gender);
      where.push(`p.gender = $${values.length}::text`);
    }
    // The eligible ids first, in the caller's order; display fields read for those kept only.
    const rows = await this.db.query<DisplayRow>(
      `WITH kept AS (
         SELECT asked.id, asked.rank FROM unnest(string_to_array($1::text, ',')::uuid[]) WITH ORDINALITY AS asked(id, rank)
         JOIN profiles p ON p.id = asked.id
         WHERE ${where.join(' AND ')}
         ORDER BY asked.rank LIMIT $2::int
       )
       SELECT p.id, p.first_name, p.last_name, p.age, p.about, p.gender,
         array_to_string(p.interests, chr(31)) AS interests, array_to_string(p.needs, chr(31)) AS needs,
         cm_snap_lat(p.latitude::float8) AS latitude, cm_snap_lon(p.latitude::float8, p.longitude::float8) AS longitude
       FROM kept JOIN profiles p ON p.id = kept.id ORDER BY kept.rank`,
      values,
      `cm_recheck${filters.ageRange ? '_age' : ''}${filters.gender !== null ? '_gender' : ''}`,
    );
    return rows.map((row) => ({ ...row, interests: splitTags(row.interests), needs: splitTags(row.needs) }));
  }
}
