-- Circle's own tables as its public schema defines them (docs/operations.md, read 2026-11-30), not as our migrations create
-- them: numeric coordinates, NOT NULL age and about, the second deletion flag, invisible mode, and columns matching
-- never reads. The Circle-schema test run (jest project "apps/matching (Circle schema)") builds each test database
-- from this file, then applies our migrations, which must leave these tables as they are.
CREATE TABLE profiles (
  id uuid PRIMARY KEY,
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL DEFAULT '',
  age integer NOT NULL,
  about varchar(500) NOT NULL,
  interests text[] NOT NULL DEFAULT '{}',
  needs text[] NOT NULL DEFAULT '{}',
  latitude numeric(10, 8),
  longitude numeric(11, 8),
  gender text,
  created_at timestamptz NOT NULL DEFAULT now(),
  is_suspended boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  last_active timestamptz,
  invisible_mode boolean NOT NULL DEFAULT false,
  is_deleted boolean DEFAULT false,
  updated_at timestamptz,
  -- Columns of Circle's app that matching never reads.
  username text UNIQUE,
  avatar_url text,
  email_verified boolean NOT NULL DEFAULT false
);

CREATE TABLE blocks (
  id uuid PRIMARY KEY,
  blocker_id uuid NOT NULL,
  blocked_id uuid NOT NULL,
  reason text,
  created_at timestamptz DEFAULT now(),
  UNIQUE (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE TABLE friendships (
  id uuid PRIMARY KEY,
  user1_id uuid NOT NULL,
  user2_id uuid NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'active',
  created_at timestamptz,
  updated_at timestamptz,
  sender_id uuid,
  UNIQUE (user1_id, user2_id)
);

CREATE TABLE explore_interactions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  target_user_id uuid NOT NULL,
  action_type text NOT NULL,
  interaction_source text DEFAULT 'explore',
  created_at timestamptz DEFAULT now()
);
