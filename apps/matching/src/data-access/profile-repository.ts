import { createHash } from 'node:crypto';
import { isConnectionError, isPoolWaitTimeout, isQueryTimeout } from '@circle-match/db';
import { BoundedCache, type CandidateProfile, type LatLon } from '@circle-match/scoring';
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
  /** A suspended member may not search (403), whatever their token says. */
  is_suspended: boolean;
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
  /** Lexicon concepts of the search topics; profiles mentioning any come first in the pool. */
  topicConcepts: readonly string[];
  /** Words of the search topics no concept covers ("taxidermy"); profiles mentioning any come first too. */
  topicPhrases: readonly string[];
  poolSize: number;
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

const TAG_SEPARATOR = '\u001f';
const CANDIDATE_COLUMNS = `p.id, p.first_name, p.last_name, p.age, p.about,
  array_to_string(p.interests, chr(31)) AS interests, array_to_string(p.needs, chr(31)) AS needs, p.gender,
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

const EARTH_RADIUS_M = 6_378_168; // PostgreSQL's earth sphere, as cm_earth_point

interface OriginSql {
  /** The origin as an earth point. */
  origin: string;
  /** The radius in metres, for index boxes. */
  radius: string;
  /** The exact range test on each member's privacy cell, for statements that are not nearest-first walks. */
  inRange: string;
}

/** The straight-line (chord) length of the radius: a walk's `<->` distance is in range when at most this. */
function chordParam(q: CandidateQuery, param: Param): string {
  const metres = q.maxDistanceKm * 1000;
  return param(2 * EARTH_RADIUS_M * Math.sin(Math.min(Math.PI / 2, metres / (2 * EARTH_RADIUS_M))), 'float8');
}

function originSql(q: CandidateQuery, param: Param): OriginSql | null {
  if (!q.origin) return null;
  const origin = `cm_earth_point(${param(q.origin.latitude, 'float8')}, ${param(q.origin.longitude, 'float8')})`;
  const metres = q.maxDistanceKm * 1000;
  const radius = param(metres, 'float8');
  return { origin, radius, inRange: `cm_great_circle_m(${CELL}, ${origin}) <= ${radius}` };
}

function select(where: readonly string[], order: string, limit: string, distance: string): string {
  return `SELECT ${CANDIDATE_COLUMNS}, ${distance} AS distance\nFROM profiles p\nWHERE ${where.join('\n  AND ')}\nORDER BY ${order}\nLIMIT ${limit}`;
}

/** Full-text test of a profile's document against the free phrases and the concepts' stored queries. */
function mentions(phrases: readonly string[], concepts: readonly string[], param: Param): string {
  // plainto_tsquery keeps members' words inert. A scalar subquery, evaluated once, so the GIN index takes it as its key.
  return `cm_profile_document(p.interests, p.needs, p.about) @@ (
    SELECT string_agg('(' || t.q::text || ')', ' | ')::tsquery
    FROM (SELECT plainto_tsquery('english', phrase) AS q FROM unnest(${param(phrases, 'text[]')}) phrase
          UNION ALL SELECT c.query FROM cm_topic_concepts c WHERE c.name = ANY(${param(concepts, 'text[]')})) t
    WHERE numnode(t.q) > 0)`;
}

/** Whether the located topic search can walk the topic points (it cannot rank a fixed id list by them cheaply). */
function walksTopicPoints(q: CandidateQuery): boolean {
  return q.origin !== null && q.candidateIds === null;
}

/**
 * First half of the pool (SPEC §6) by full text: eligible members in range who mention a search topic (interests,
 * needs or bio), nearest first (most recently active without a location), from the GIN index. Its cost follows how
 * many members mention the topic in the whole table, so located searches use it only for the free words; the
 * concepts go through topicWalkStatement. Rows carry `distance` (to the origin, null without one).
 */
export function topicStatement(q: CandidateQuery): SqlStatement {
  const { values, param } = statementBuilder();
  const where = eligibility(q, param, []);
  const geo = originSql(q, param);
  let order = 'p.last_active DESC NULLS LAST, p.id';
  let distance = 'NULL::float8';
  if (geo) {
    where.push(geo.inRange);
    distance = `${CELL} <-> ${geo.origin}`;
    order = `${distance}, p.id`;
  }
  where.push(mentions(q.topicPhrases, walksTopicPoints(q) ? [] : q.topicConcepts, param));
  return { text: select(where, order, param(q.poolSize, 'int'), distance), values };
}

/** Age and gender filters on a topic point (copied from the member's row), so a walk skips before reading the row. */
function pointFilters(q: CandidateQuery, param: Param): string[] {
  const where: string[] = [];
  if (q.ageRange) where.push(`t.age BETWEEN ${param(q.ageRange[0], 'int')} AND ${param(q.ageRange[1], 'int')}`);
  if (q.gender) where.push(`t.gender = ${param(q.gender, 'text')}`);
  return where;
}

/**
 * First half of a located pool, by concept: for each concept, a nearest-first walk of its topic points
 * (cm_topic_points, indexed on concept, point, age and gender) within the radius's box, joined to the member's row
 * for the other hard filters, stopping at the pool size; then the nearest of all walks in range. It reads about as
 * many members as the pool holds, at any table size. The exact range test is on the walk's own distance, after its
 * limit: in nearest-first order every member in range comes before any outside it, and no row needs its cell point
 * computed again. Rows carry `distance` (chord metres to the member's cell, as `<->` in topicStatement).
 */
export function topicWalkStatement(q: CandidateQuery): SqlStatement {
  const { values, param } = statementBuilder();
  const geo = originSql(q, param);
  if (!geo) throw new Error('a topic walk needs an origin');
  const where = [...pointFilters(q, param), ...eligibility(q, param, [])];
  const pool = param(q.poolSize, 'int');
  const text = `SELECT * FROM (
  SELECT DISTINCT ON (hit.id) hit.*
  FROM cm_topic_concepts c
  CROSS JOIN LATERAL (
    SELECT ${CANDIDATE_COLUMNS}, t.point <-> ${geo.origin} AS distance
    FROM cm_topic_points t JOIN profiles p ON p.id = t.profile_id
    WHERE t.concept = c.id
      AND t.point <@ cube_enlarge(${geo.origin}, ${geo.radius}, 3)
      AND ${where.join('\n      AND ')}
    ORDER BY t.point <-> ${geo.origin}
    LIMIT ${pool}
  ) hit
  WHERE c.name = ANY(${param(q.topicConcepts, 'text[]')}) AND hit.distance <= ${chordParam(q, param)}
  ORDER BY hit.id, hit.distance
) pooled
ORDER BY distance, id
LIMIT ${pool}`;
  return { text, values };
}

/**
 * Second half: the nearest eligible members in range not already pooled, `limit` of them: a nearest-first walk of
 * the privacy-cell GiST index bounded by the radius's box, which stops as soon as the pool is full, the exact range
 * test on its distance as in topicWalkStatement. Without a location, the most recently active, from the last_active
 * index. Rows carry `distance` (null without a location).
 */
export function nearestStatement(q: CandidateQuery, alreadyPooled: readonly string[], limit: number): SqlStatement {
  const { values, param } = statementBuilder();
  const where = eligibility(q, param, alreadyPooled);
  const geo = originSql(q, param);
  if (!geo) return { text: select(where, 'p.last_active DESC NULLS LAST, p.id', param(limit, 'int'), 'NULL::float8'), values };
  where.push(`${CELL} <@ cube_enlarge(${geo.origin}, ${geo.radius}, 3)`);
  // Members of one privacy cell are equally near; among them the index's own order decides at the pool's edge.
  const walk = select(where, `${CELL} <-> ${geo.origin}`, param(limit, 'int'), `${CELL} <-> ${geo.origin}`);
  return { text: `SELECT * FROM (${walk}) walk WHERE distance <= ${chordParam(q, param)}`, values };
}

/**
 * A name per distinct statement text, so each connection parses it once and can reuse its plan. The texts differ only
 * by which optional filters a request sets: a few dozen at most.
 */
const preparedNames = new BoundedCache<string, string>(1000);

function preparedName(text: string): string {
  return preparedNames.get(text, () => `cm_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
}

/** Sees each statement of the pool query before it runs, on the same connection (the benchmark's EXPLAIN). */
export type StatementObserver = (statement: SqlStatement) => Promise<void>;

/** A pooled row as the statements return it: tags joined (see splitTags), the distance to the origin. */
type PooledRow = Omit<CandidateProfile, 'interests' | 'needs'> & { interests: string; needs: string; distance: number | null };

/** The nearest `size` of both lists, each member once, ordered as the statements order (distance, then id). */
function nearestOf(a: PooledRow[], b: PooledRow[], size: number): PooledRow[] {
  if (a.length === 0 || b.length === 0) return a.length === 0 ? b : a;
  const byId = new Map<string, PooledRow>();
  for (const row of [...a, ...b]) byId.set(row.id, row);
  return [...byId.values()].sort((x, y) => (x.distance ?? 0) - (y.distance ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).slice(0, size);
}

/**
 * Session settings of every connection the pool query runs on: nearest-first walks need bitmap scans off. The planner
 * cannot estimate how many members a cube box holds and would otherwise read all of them and sort, where the walk
 * reads only as many as the pool needs, at any density. Set once per connection, so a request needs no transaction.
 */
const CANDIDATE_SESSION_SQL = 'SET enable_bitmapscan = off';

/** Connections that have CANDIDATE_SESSION_SQL applied. */
const sessionsReady = new WeakSet<pg.ClientBase>();

/** Applies CANDIDATE_SESSION_SQL to a connection, once: every caller of queryCandidatePool goes through here. */
export async function useCandidateSession(client: pg.ClientBase): Promise<void> {
  if (sessionsReady.has(client)) return;
  await client.query(CANDIDATE_SESSION_SQL);
  sessionsReady.add(client);
}

/** Runs a full-text statement in a transaction that allows bitmap scans again: the GIN index serves only those. */
async function withBitmapScans<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN READ ONLY; SET LOCAL enable_bitmapscan = on');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Tags come as one string joined by the unit separator: node-pg's text[] parser cost ~2 ms per 500 rows. */
function splitTags(joined: string): string[] {
  return joined === '' ? [] : joined.split(TAG_SEPARATOR);
}

function toProfile(row: PooledRow): CandidateProfile {
  return {
    id: row.id,
    first_name: row.first_name,
    last_name: row.last_name,
    age: row.age,
    about: row.about,
    interests: splitTags(row.interests),
    needs: splitTags(row.needs),
    gender: row.gender,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

/**
 * The candidate pool on a connection prepared by useCandidateSession: the topic half (full text for free words or
 * without a location, walks of the topic points for concepts), then the nearest to fill it.
 */
export async function queryCandidatePool(
  client: pg.ClientBase,
  q: CandidateQuery,
  observe: StatementObserver = () => Promise.resolve(),
): Promise<CandidateProfile[]> {
  const run = async (statement: SqlStatement): Promise<PooledRow[]> => {
    await observe(statement);
    return (await client.query<PooledRow>({ name: preparedName(statement.text), text: statement.text, values: statement.values })).rows;
  };
  const walk = walksTopicPoints(q) && q.topicConcepts.length > 0;
  const fullText = q.topicPhrases.length > 0 || (q.topicConcepts.length > 0 && !walk) ? topicStatement(q) : null;
  let onTopic = fullText ? await withBitmapScans(client, () => run(fullText)) : [];
  if (walk) onTopic = nearestOf(onTopic, await run(topicWalkStatement(q)), q.poolSize);
  const rest = onTopic.length < q.poolSize ? await run(nearestStatement(q, onTopic.map((c) => c.id), q.poolSize - onTopic.length)) : [];
  return [...onTopic, ...rest].map(toProfile);
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
      text: `SELECT id, age, about, interests, needs, latitude, longitude, is_suspended
             FROM profiles WHERE id = $1::uuid AND deleted_at IS NULL`,
      values: [id],
    });
    return rows[0] ?? null;
  }

  async findCandidates(q: CandidateQuery): Promise<CandidateProfile[]> {
    return this.guarded(async () => {
      const client = await this.pool.connect();
      // The pool listens for a connection's errors only while it is idle; one lost mid-query (the database
      // stopping) is emitted as 'error' on the checked-out client, and unheard it would crash the process. The
      // failing query rejects as well, which is what answers the request.
      const ignoreLostConnection = (): void => undefined;
      client.on('error', ignoreLostConnection);
      let broken: unknown;
      try {
        await useCandidateSession(client);
        return await queryCandidatePool(client, q);
      } catch (error) {
        broken = error;
        throw error;
      } finally {
        client.off('error', ignoreLostConnection);
        // A connection that failed mid-query is discarded rather than reused.
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
