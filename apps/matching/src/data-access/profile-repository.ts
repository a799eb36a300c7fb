import { isConnectionError, isQueryTimeout } from '@circle-match/db';
import type { CandidateProfile, LatLon } from '@circle-match/scoring';
import { AppError } from '@circle-match/service-kit';
import type pg from 'pg';

/**
 * All SQL of the matching service. Parameterised only; every hard filter of SPEC §6 is in the WHERE clause, and
 * distances are measured to each member's privacy cell (`cm_cell_point`), never to their stored coordinates, which
 * never leave the database: rows carry the cell centre as latitude/longitude.
 */

/** The member searching, as scoring needs them. */
export interface RequesterRow {
  id: string;
  age: number | null;
  about: string | null;
  interests: string[];
  needs: string[];
  latitude: number | null;
  longitude: number | null;
}

export interface CandidateQuery {
  requesterId: string;
  /** Measure distances from here and keep only those within maxDistanceKm; null: no distance filter. */
  origin: LatLon | null;
  maxDistanceKm: number;
  ageRange: readonly [number, number] | null;
  gender: string | null;
  /** Only these ids, when given. */
  candidateIds: readonly string[] | null;
  excludeIds: readonly string[];
  inactiveDays: number;
  /** Phrases of the search topics; profiles mentioning any come first in the pool. */
  topicPhrases: readonly string[];
  poolSize: number;
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

const CANDIDATE_COLUMNS = `p.id, p.first_name, p.last_name, p.age, p.about, p.interests, p.needs, p.gender,
  cm_snap_lat(p.latitude) AS latitude, cm_snap_lon(p.latitude, p.longitude) AS longitude`;
const OUTPUT_COLUMNS = 'id, first_name, last_name, age, about, interests, needs, gender, latitude, longitude';

/**
 * The candidate pool (SPEC §6): eligible profiles that mention a search topic first, nearest first (or most
 * recently active without a location), then the rest in the same order, at most `poolSize` in all.
 *
 * - Topic half: the full-text GIN index finds the topic's members, the radius keeps those in range, nearest first.
 *   Its cost follows how many members mention the topic (see the performance notes for the next step at 1M).
 * - The rest: a nearest-first (KNN) walk of the cell index that stops once the pool is full; the radius is applied
 *   to what it returns, since everything past the radius comes after everything inside it. Without a location,
 *   the last_active index in order.
 */
export function candidateStatement(q: CandidateQuery): SqlStatement {
  const values: unknown[] = [];
  const param = (value: unknown, type: string): string => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const eligible = [
    'p.deleted_at IS NULL',
    'NOT p.is_suspended',
    `p.id <> ${param(q.requesterId, 'uuid')}`,
    `(p.last_active IS NULL OR p.last_active >= now() - ${param(q.inactiveDays, 'int')} * interval '1 day')`,
  ];
  if (q.candidateIds) eligible.push(`p.id = ANY(${param(q.candidateIds, 'uuid[]')})`);
  if (q.excludeIds.length > 0) eligible.push(`NOT (p.id = ANY(${param(q.excludeIds, 'uuid[]')}))`);
  if (q.ageRange) eligible.push(`p.age BETWEEN ${param(q.ageRange[0], 'int')} AND ${param(q.ageRange[1], 'int')}`);
  if (q.gender) eligible.push(`p.gender = ${param(q.gender, 'text')}`);

  const cell = 'cm_cell_point(p.latitude, p.longitude)';
  let inRange = 'true';
  let order = 'p.last_active DESC NULLS LAST, p.id';
  let rank = 'row_number() OVER ()';
  if (q.origin) {
    const origin = `cm_earth_point(${param(q.origin.latitude, 'float8')}, ${param(q.origin.longitude, 'float8')})`;
    const radius = param(q.maxDistanceKm * 1000, 'float8');
    inRange = `cm_great_circle_m(${cell}, ${origin}) <= ${radius}`;
    // Members of one privacy cell are equally near; among them the index's own order decides at the pool's edge.
    order = `${cell} <-> ${origin}`;
    rank = `${cell} <-> ${origin}`;
  }
  const filters = eligible.join('\n      AND ');
  const limit = param(q.poolSize, 'int');
  const rest = (exclude: string): string => `SELECT * FROM (
    SELECT ${CANDIDATE_COLUMNS}, ${inRange} AS in_range, ${rank} AS pool_rank
    FROM profiles p
    WHERE ${filters}${exclude}
    ORDER BY ${order}
    LIMIT ${limit}
  ) nearest WHERE in_range`;

  if (q.topicPhrases.length === 0) {
    return { text: `SELECT ${OUTPUT_COLUMNS} FROM (${rest('')}) pool ORDER BY pool_rank`, values };
  }
  const phrases = param(q.topicPhrases, 'text[]');
  const text = `WITH topic AS (
  SELECT string_agg('(' || q::text || ')', ' | ')::tsquery AS query
  FROM (SELECT plainto_tsquery('english', t) AS q FROM unnest(${phrases}) t) s
  WHERE numnode(q) > 0
), on_topic AS (
  SELECT ${CANDIDATE_COLUMNS}, ${rank} AS pool_rank
  FROM profiles p
  WHERE ${filters}
    -- A scalar subquery, evaluated once, so the GIN index can take the query as its key.
    AND cm_profile_document(p.interests, p.needs, p.about) @@ (SELECT query FROM topic)
    AND ${inRange}
  ORDER BY ${order}
  LIMIT ${limit}
)
SELECT ${OUTPUT_COLUMNS} FROM (
  SELECT *, 0 AS half FROM on_topic
  UNION ALL
  (SELECT ${OUTPUT_COLUMNS}, pool_rank, 1 AS half FROM (${rest('\n      AND p.id NOT IN (SELECT id FROM on_topic)')}) nearest
   LIMIT ${limit} - (SELECT count(*) FROM on_topic))
) pool
ORDER BY half, pool_rank`;
  return { text, values };
}

export interface ProfileRepositoryOptions {
  /** Requests allowed to wait for a connection; beyond it the database is "busy" (503), not a longer queue. */
  maxWaiting: number;
}

const RETRY_AFTER = { 'Retry-After': '1' };

export class ProfileRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ProfileRepositoryOptions,
  ) {}

  private async query<R extends pg.QueryResultRow>(statement: SqlStatement): Promise<R[]> {
    if (this.pool.waitingCount >= this.options.maxWaiting) {
      throw new AppError('SERVICE_UNAVAILABLE', 'The database is busy; try again shortly', undefined, { headers: RETRY_AFTER });
    }
    try {
      return (await this.pool.query<R>(statement.text, statement.values)).rows;
    } catch (error) {
      if (isConnectionError(error)) {
        throw new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly', undefined, { cause: error, headers: RETRY_AFTER });
      }
      if (isQueryTimeout(error)) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The database took too long to answer; try again shortly', undefined, { cause: error, headers: RETRY_AFTER });
      }
      throw error;
    }
  }

  /** The requester's profile, or null when they have none (or it was deleted). */
  async findRequester(id: string): Promise<RequesterRow | null> {
    const rows = await this.query<RequesterRow>({
      text: `SELECT id, age, about, interests, needs, latitude, longitude
             FROM profiles WHERE id = $1::uuid AND deleted_at IS NULL`,
      values: [id],
    });
    return rows[0] ?? null;
  }

  async findCandidates(q: CandidateQuery): Promise<CandidateProfile[]> {
    return this.query<CandidateProfile>(candidateStatement(q));
  }

  /** True when the database answers a trivial query. */
  async isReachable(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
