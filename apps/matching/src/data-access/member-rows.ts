import { SEARCHABLE_SQL } from '@circle-match/db';
import type { IndexedMember } from '../index/member-columns.js';

/**
 * The columns the index keeps of a member, as SQL: coordinates snapped to the privacy grid in the database (exact
 * ones never leave it) and cast to float8 (Circle stores them as numeric), tags joined by the unit separator
 * (node-pg's text[] parser cost ~2 ms per 500 rows).
 */
export const INDEXED_COLUMNS = `p.id, p.age, p.gender,
  cm_snap_lat(p.latitude::float8) AS cell_latitude, cm_snap_lon(p.latitude::float8, p.longitude::float8) AS cell_longitude,
  array_to_string(p.interests, chr(31)) AS interests, array_to_string(p.needs, chr(31)) AS needs, p.about,
  p.last_active`;

export interface IndexedRow {
  id: string;
  age: number | null;
  gender: string | null;
  cell_latitude: number | null;
  cell_longitude: number | null;
  interests: string;
  needs: string;
  about: string | null;
  last_active: Date | null;
}

/** Searchable members (SEARCHABLE_SQL) and their indexed columns. */
export const SEARCHABLE_MEMBERS = `SELECT ${INDEXED_COLUMNS} FROM profiles p WHERE ${SEARCHABLE_SQL}`;

const TAG_SEPARATOR = '\u001f';

export function splitTags(joined: string): string[] {
  return joined === '' ? [] : joined.split(TAG_SEPARATOR);
}

export function toIndexedMember(row: IndexedRow): IndexedMember {
  return {
    id: row.id,
    age: row.age,
    gender: row.gender,
    cellLatitude: row.cell_latitude,
    cellLongitude: row.cell_longitude,
    interests: splitTags(row.interests),
    needs: splitTags(row.needs),
    about: row.about,
    lastActive: row.last_active,
  };
}
