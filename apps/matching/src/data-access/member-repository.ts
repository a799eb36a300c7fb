import { activeWithinSql, SEARCHABLE_SQL } from '@circle-match/db';
import type { CandidateProfile } from '@circle-match/scoring';
import type { Database } from './database.js';
import { splitTags } from './member-rows.js';

/** The member searching, as scoring needs them. */
export interface RequesterRow {
  id: string;
  age: number | null;
  about: string | null;
  interests: string[];
  needs: string[];
  latitude: number | null;
  longitude: number | null;
  /** A suspended member may not search (403), whatever their token says. */
  is_suspended: boolean;
}

/** The hard filters an answer is re-checked against, beside SEARCHABLE_SQL. */
export interface RecheckFilters {
  inactiveDays: number;
  ageRange: readonly [number, number] | null;
  gender: string | null;
}

interface DisplayRow extends Omit<CandidateProfile, 'interests' | 'needs'> {
  interests: string;
  needs: string;
}

/** The two queries every request makes: who asks, and the truth about the members it is about to return. */
export class MemberRepository {
  constructor(private readonly db: Database) {}

  /** The requester's profile, or null when they have none (or it was deleted). */
  async findRequester(id: string): Promise<RequesterRow | null> {
    const rows = await this.db.query<RequesterRow>(
      `SELECT id, age, about, interests, needs, latitude::float8 AS latitude, longitude::float8 AS longitude, is_suspended
       FROM profiles WHERE id = $1::uuid AND deleted_at IS NULL`,
      [id],
      'cm_requester',
    );
    return rows[0] ?? null;
  }

  /**
   * Display fields of those of `ids` that are still eligible right now, by primary key: searchable, active, and
   * within the request's age and gender filters. A member suspended, deleted or edited out of the filters a
   * moment ago is absent, whatever the index says. Coordinates come snapped to the privacy grid.
   */
  async stillEligible(ids: readonly string[], filters: RecheckFilters): Promise<Map<string, CandidateProfile>> {
    const values: unknown[] = [ids, filters.inactiveDays];
    const where = [`p.id = ANY($1::uuid[])`, SEARCHABLE_SQL, activeWithinSql('$2::int')];
    if (filters.ageRange) {
      values.push(filters.ageRange[0], filters.ageRange[1]);
      where.push(`p.age BETWEEN $3::int AND $4::int`);
    }
    if (filters.gender !== null) {
      values.push(filters.gender);
      where.push(`p.gender = $${values.length}::text`);
    }
    const rows = await this.db.query<DisplayRow>(
      `SELECT p.id, p.first_name, p.last_name, p.age, p.about, p.gender,
         array_to_string(p.interests, chr(31)) AS interests, array_to_string(p.needs, chr(31)) AS needs,
         cm_snap_lat(p.latitude::float8) AS latitude, cm_snap_lon(p.latitude::float8, p.longitude::float8) AS longitude
       FROM profiles p WHERE ${where.join(' AND ')}`,
      values,
      `cm_recheck${filters.ageRange ? '_age' : ''}${filters.gender !== null ? '_gender' : ''}`,
    );
    return new Map(rows.map((row) => [row.id, { ...row, interests: splitTags(row.interests), needs: splitTags(row.needs) }]));
  }
}
