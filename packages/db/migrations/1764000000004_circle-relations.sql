-- Up Migration
-- The rest of Circle's schema that matching reads (SPEC §3): the profiles columns invisible_mode, is_deleted and
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

-- Down Migration
-- Never drop Circle's tables or columns: on a database where this migration created them they may hold members' data
-- by now. Rolling back leaves them in place.
SELECT 1;
