import { randomUUID } from 'node:crypto';
import { PROFILE_COLUMNS } from '@circle-match/seed';
import pg from 'pg';

/** A row of `profiles` for tests: anything not given gets a neutral, eligible default. */
export interface ProfileFixture {
  id?: string;
  first_name?: string;
  last_name?: string;
  age?: number | null;
  about?: string | null;
  interests?: string[];
  needs?: string[];
  latitude?: number | null;
  longitude?: number | null;
  gender?: string | null;
  is_suspended?: boolean;
  deleted_at?: Date | null;
  created_at?: Date;
  last_active?: Date | null;
  /** Circle's columns beside docs/operations.md's first table. */
  invisible_mode?: boolean;
  is_deleted?: boolean | null;
}

const COLUMNS = PROFILE_COLUMNS;

export function profile(overrides: ProfileFixture = {}): Required<ProfileFixture> {
  return {
    id: randomUUID(),
    first_name: 'Test',
    last_name: 'Member',
    age: 30,
    about: '', // Circle's column is NOT NULL
    interests: [],
    needs: [],
    latitude: 51.5074,
    longitude: -0.1278,
    gender: 'female',
    is_suspended: false,
    deleted_at: null,
    created_at: new Date(),
    last_active: new Date(),
    invisible_mode: false,
    is_deleted: false,
    ...overrides,
  };
}

/** Inserts profiles (filling defaults) and returns them as stored. */
export async function insertProfiles(
  url: string,
  fixtures: readonly ProfileFixture[],
): Promise<Array<Required<ProfileFixture>>> {
  const rows = fixtures.map(profile);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      await client.query(
        `INSERT INTO profiles (${COLUMNS.join(', ')})
         SELECT ${COLUMNS.join(', ')} FROM jsonb_populate_recordset(null::profiles, $1::jsonb)`,
        [JSON.stringify(batch)],
      );
    }
    await client.query('ANALYZE profiles');
  } finally {
    await client.end();
  }
  return rows;
}
