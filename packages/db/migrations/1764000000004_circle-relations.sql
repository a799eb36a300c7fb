-- Up Migration
-- The rest of Circle's schema that matching reads (docs/operations.md): the profiles columns invisible_mode, is_deleted and
-- updated_at, and the tables blocks, friendships and explore_interactions. Created only where absent (embedded and
-- test databases), as Circle defines them. On Circle's database they all exist and nothing here touches them: the
-- columns are looked up first, because ALTER TABLE … ADD COLUMN IF NOT EXISTS would still lock Circle's table.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'profiles'::regclass AND attname = 'invisible_mode' AND NOT attisdropped) THEN
    ALTER TABLE profiles ADD COLUMN invisible_mode boolean NOT NULL DEFAULT false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'profiles'::regclass AND attname = 'is_deleted' AND NOT attisdropped) THEN
    ALTER TABLE profiles ADD COLUMN is_deleted boolean DEFAULT false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'profiles'::regclass AND attname = 'updated_at' AND NOT attisdropped) THEN
    ALTER TABLE profiles ADD COLUMN updated_at timestamptz;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS blocks (
  id uuid PRIMARY KEY,
  blocker_id uuid NOT NULL,
  blocked_id uuid NOT NULL,
  reason text,
  created_at timestamptz DEFAULT now(),
  UNIQUE (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE TABLE IF NOT EXISTS friendships (
  id uuid PRIMARY KEY,
  user1_id uuid NOT NULL,
  user2_id uuid NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'active', -- pending | accepted | active | inactive | blocked
  created_at timestamptz,
  updated_at timestamptz,
  sender_id uuid,
  UNIQUE (user1_id, user2_id)
);

CREATE TABLE IF NOT EXISTS explore_interactions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  target_user_id uuid NOT NULL,
  action_type text NOT NULL, -- view | like | super_like | pass
  interaction_source text DEFAULT 'explore',
  created_at timestamptz DEFAULT now()
);

-- The ~1 km privacy grid (docs/api.md), the same as packages/scoring/src/geo.ts: cell centres, 0.01° of latitude high,
-- longitude cells widened towards the poles. The index load and the per-answer query snap coordinates with these,
-- so exact ones never leave the database. SQL-standard bodies, not STRICT, clamped with the strict float8smaller/
-- float8larger: the planner inlines them, NULL in gives NULL out. (Created first by 1764000000001, before it was
-- emptied: OR REPLACE keeps databases that have them as they are.)
CREATE OR REPLACE FUNCTION cm_snap_lat(lat double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN float8smaller(90, float8larger(-90, (floor(lat / 0.01) + 0.5) * 0.01));

CREATE OR REPLACE FUNCTION cm_snap_lon(lat double precision, lon double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN float8smaller(180, float8larger(-180,
    (floor(lon / (0.01 / float8larger(0.01, cos(radians(cm_snap_lat(lat)))))) + 0.5)
      * (0.01 / float8larger(0.01, cos(radians(cm_snap_lat(lat)))))));

-- Down Migration
-- Never drop Circle's tables or columns: on a database where this migration created them they may hold members' data
-- by now. Rolling back leaves them in place.
SELECT 1;
