import { isConnectionError, isPoolWaitTimeout, isQueryTimeout } from '@circle-match/db';
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
const CELL = 'cm_cell_point(p.latitude, p.longitude)';

type Param = (value: unknown, type: string) => string;

/** Builds a parameterised statement: `param(value, type)` adds a value and returns its `$n::type`. */
function statementBuilder(): { values: unknown[]; param: Param } {
  const values: unknown[] = [];
  return {
    values,
    param: (value, type) => {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}

/** The hard filters of SPEC §6 other than distance, as SQL on `p`. */
function eligibility(q: CandidateQuery, param: Param, alreadyPooled: readonly string[]): string[] {
  const where = [
    'p.deleted_at IS NULL',
    'NOT p.is_suspended',
    `p.id <> ${param(q.requesterId, 'uuid')}`,
    `(p.last_active IS NULL OR p.last_active >= now() - ${param(q.inactiveDays, 'int')} * interval '1 day')`,
  ];
  if (q.candidateIds) where.push(`p.id = ANY(${param(q.candidateIds, 'uuid[]')})`);
  const excluded = [...q.excludeIds, ...alreadyPooled];
  if (excluded.length > 0) where.push(`NOT (p.id = ANY(${param(excluded, 'uuid[]')}))`);
  if (q.ageRange) where.push(`p.age BETWEEN ${param(q.ageRange[0], 'int')} AND ${param(q.ageRange[1], 'int')}`);
  if (q.gender) where.push(`p.gender = ${param(q.gender, 'text')}`);
  return where;
}

/** The origin as an earth point, the radius in metres, and the exact range test on each member's privacy cell. */
function originSql(q: CandidateQuery, param: Param): { origin: string; radius: string; inRange: string } | null {
  if (!q.origin) return null;
  const origin = `cm_earth_point(${param(q.origin.latitude, 'float8')}, ${param(q.origin.longitude, 'float8')})`;
  const radius = param(q.maxDistanceKm * 1000, 'float8');
  return { origin, radius, inRange: `cm_great_circle_m(${CELL}, ${origin}) <= ${radius}` };
}

function select(where: readonly string[], order: string, limit: string): string {
  return `SELECT ${CANDIDATE_COLUMNS}\nFROM profiles p\nWHERE ${where.join('\n  AND ')}\nORDER BY ${order}\nLIMIT ${limit}`;
}

/**
 * First half of the pool (SPEC §6): eligible members in range who mention a search topic (interests, needs or bio),
 * nearest first (most recently active without a location), from the full-text GIN index. Its cost follows how many
 * members mention the topic in the whole table (see the README's performance notes).
 */
export function topicStatement(q: CandidateQuery): SqlStatement {
  const { values, param } = statementBuilder();
  const where = eligibility(q, param, []);
  const geo = originSql(q, param);
  let order = 'p.last_active DESC NULLS LAST, p.id';
  if (geo) {
    where.push(geo.inRange);
    order = `${CELL} <-> ${geo.origin}, p.id`;
  }
  // One OR-query of the phrases, in PostgreSQL's own stemming; plainto_tsquery keeps members' words inert. A scalar
  // subquery, evaluated once, so the GIN index takes it as its key.
  const phrases = param(q.topicPhrases, 'text[]');
  where.push(`cm_profile_document(p.interests, p.needs, p.about) @@ (
    SELECT string_agg('(' || t.q::text || ')', ' | ')::tsquery
    FROM (SELECT plainto_tsquery('english', phrase) AS q FROM unnest(${phrases}) phrase) t
    WHERE numnode(t.q) > 0)`);
  return { text: select(where, order, param(q.poolSize, 'int')), values };
}

/**
 * Second half: the nearest eligible members in range not already pooled, `limit` of them: a nearest-first walk of
 * the privacy-cell GiST index bounded by the radius's box, which stops as soon as the pool is full. Without a
 * location, the most recently active, from the last_active index.
 */
export function nearestStatement(q: CandidateQuery, alreadyPooled: readonly string[], limit: number): SqlStatement {
  const { values, param } = statementBuilder();
  const where = eligibility(q, param, alreadyPooled);
  const geo = originSql(q, param);
  let order = 'p.last_active DESC NULLS LAST, p.id';
  if (geo) {
    where.push(`${CELL} <@ cube_enlarge(${geo.origin}, ${geo.radius}, 3)`, geo.inRange);
    // Members of one privacy cell are equally near; among them the index's own order decides at the pool's edge.
    order = `${CELL} <-> ${geo.origin}`;
  }
  return { text: select(where, order, param(limit, 'int')), values };
}

/**
 * The candidate pool: the topic half, then the nearest to fill it, in one read-only transaction on one connection.
 * For the nearest half (with a location) the planner is told not to use bitmap scans: it cannot estimate how many
 * members the cube box holds and would otherwise read all of them and sort, where the nearest-first index walk
 * reads only as many as the pool needs, at any density.
 */
export async function queryCandidatePool(client: pg.ClientBase, q: CandidateQuery): Promise<CandidateProfile[]> {
  await client.query('BEGIN READ ONLY');
  try {
    const topic = q.topicPhrases.length > 0 ? topicStatement(q) : null;
    const onTopic = topic ? (await client.query<CandidateProfile>(topic.text, topic.values)).rows : [];
    let rest: CandidateProfile[] = [];
    if (onTopic.length < q.poolSize) {
      if (q.origin) await client.query('SET LOCAL enable_bitmapscan = off');
      const nearest = nearestStatement(q, onTopic.map((c) => c.id), q.poolSize - onTopic.length);
      rest = (await client.query<CandidateProfile>(nearest.text, nearest.values)).rows;
    }
    await client.query('COMMIT');
    return [...onTopic, ...rest];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
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
    return this.guarded(async () => (await this.pool.query<R>(statement.text, statement.values)).rows);
  }

  /** Runs database work with the pool's queue bound and maps connection trouble to 503. */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    if (this.pool.waitingCount >= this.options.maxWaiting) {
      throw new AppError('SERVICE_UNAVAILABLE', 'The database is busy; try again shortly', undefined, { headers: RETRY_AFTER });
    }
    try {
      return await work();
    } catch (error) {
      if (isPoolWaitTimeout(error) && this.pool.totalCount >= this.pool.options.max) {
        // Every connection stayed busy for the whole wait: overload, not an outage.
        throw new AppError('SERVICE_UNAVAILABLE', 'The database is busy; try again shortly', undefined, { cause: error, headers: RETRY_AFTER });
      }
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
    return this.guarded(async () => {
      const client = await this.pool.connect();
      // The pool listens for a connection's errors only while it is idle; one lost mid-transaction (the database
      // stopping) is emitted as 'error' on the checked-out client, and unheard it would crash the process. The
      // failing query rejects as well, which is what answers the request.
      const ignoreLostConnection = (): void => undefined;
      client.on('error', ignoreLostConnection);
      let broken: unknown;
      try {
        return await queryCandidatePool(client, q);
      } catch (error) {
        broken = error;
        throw error;
      } finally {
        client.off('error', ignoreLostConnection);
        // A connection that failed mid-transaction is discarded rather than reused.
        client.release(broken instanceof Error ? broken : undefined);
      }
    });
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
