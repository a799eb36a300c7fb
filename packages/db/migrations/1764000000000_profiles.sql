-- Up Migration
-- Circle's own table (docs/operations.md). Created only where it does not exist (embedded and test databases); on Circle's
-- database it exists already and its columns are never altered.
CREATE TABLE IF NOT EXISTS profiles (
  id uuid PRIMARY KEY,
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL DEFAULT '',
  age integer,
  about text,
  interests text[] NOT NULL DEFAULT '{}',
  needs text[] NOT NULL DEFAULT '{}',
  latitude double precision,
  longitude double precision,
  gender text,
  created_at timestamptz NOT NULL DEFAULT now(),
  is_suspended boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  last_active timestamptz
);

-- Down Migration
-- Never drop Circle's table: it holds their members. Rolling back this migration leaves it in place.
SELECT 1;
