-- Up Migration
-- The candidate index (matching keeps every searchable member's scoring features in memory) replaces the
-- per-request candidate SQL: its topic points, their triggers and the search indexes go. What stays: the privacy
-- grid functions (the per-answer query snaps coordinates with them, so exact ones never leave the database).
DROP TRIGGER IF EXISTS cm_topics_truncate ON profiles;
DROP TRIGGER IF EXISTS cm_topics_update ON profiles;
DROP TRIGGER IF EXISTS cm_topics_delete ON profiles;
DROP TRIGGER IF EXISTS cm_topics_insert ON profiles;
DROP FUNCTION IF EXISTS cm_topics_after_truncate();
DROP FUNCTION IF EXISTS cm_topics_after_update();
DROP FUNCTION IF EXISTS cm_topics_after_delete();
DROP FUNCTION IF EXISTS cm_topics_after_insert();
DROP FUNCTION IF EXISTS cm_reindex_all_topics();
DROP FUNCTION IF EXISTS cm_index_topics(uuid[]);
DROP VIEW IF EXISTS cm_topic_members;
DROP TABLE IF EXISTS cm_topic_points;
DROP TABLE IF EXISTS cm_topic_concepts;
DROP INDEX IF EXISTS cm_profiles_walk_idx;
DROP INDEX IF EXISTS cm_profiles_cell_idx;
DROP INDEX IF EXISTS cm_profiles_document_idx;
DROP INDEX IF EXISTS cm_profiles_last_active_idx;
DROP FUNCTION IF EXISTS cm_profile_document(text[], text[], text);
DROP FUNCTION IF EXISTS cm_great_circle_m(cube, cube);
DROP FUNCTION IF EXISTS cm_cell_point(double precision, double precision);
DROP FUNCTION IF EXISTS cm_earth_point(double precision, double precision);

-- The change feed: which members changed, in commit-safe order. One row per changed member per statement, written
-- by statement-level triggers on profiles (one INSERT … SELECT per statement, never per row). xid is the writing
-- transaction: a reader that has read up to seq N re-reads rows of transactions still running at its last read,
-- since those may commit later with a smaller seq.
CREATE TABLE IF NOT EXISTS cm_profile_changes (
  seq bigserial PRIMARY KEY,
  profile_id uuid,                                  -- NULL: every member (TRUNCATE)
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cm_profile_changes_xid_idx ON cm_profile_changes (xid);
CREATE INDEX IF NOT EXISTS cm_profile_changes_changed_at_idx ON cm_profile_changes (changed_at);

-- Circle's writes must never fail or wait because of us (docs/operations.md): each trigger body catches every error (the
-- write goes on; the periodic full reload catches the member up) and takes no lock but the change row's own.
CREATE OR REPLACE FUNCTION cm_note_inserted_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    INSERT INTO cm_profile_changes (profile_id) SELECT id FROM cm_new_profiles;
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'circle-match change feed: % (the write goes on)', SQLERRM;
  END;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_note_updated_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    -- Old and new ids both: an update may change the primary key.
    INSERT INTO cm_profile_changes (profile_id)
      SELECT id FROM cm_new_profiles UNION SELECT id FROM cm_old_profiles;
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'circle-match change feed: % (the write goes on)', SQLERRM;
  END;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_note_deleted_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    INSERT INTO cm_profile_changes (profile_id) SELECT id FROM cm_old_profiles;
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'circle-match change feed: % (the write goes on)', SQLERRM;
  END;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_note_truncated_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    INSERT INTO cm_profile_changes (profile_id) VALUES (NULL);
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'circle-match change feed: % (the write goes on)', SQLERRM;
  END;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS cm_changes_insert ON profiles;
CREATE TRIGGER cm_changes_insert AFTER INSERT ON profiles
  REFERENCING NEW TABLE AS cm_new_profiles FOR EACH STATEMENT EXECUTE FUNCTION cm_note_inserted_profiles();
DROP TRIGGER IF EXISTS cm_changes_update ON profiles;
CREATE TRIGGER cm_changes_update AFTER UPDATE ON profiles
  REFERENCING OLD TABLE AS cm_old_profiles NEW TABLE AS cm_new_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION cm_note_updated_profiles();
DROP TRIGGER IF EXISTS cm_changes_delete ON profiles;
CREATE TRIGGER cm_changes_delete AFTER DELETE ON profiles
  REFERENCING OLD TABLE AS cm_old_profiles FOR EACH STATEMENT EXECUTE FUNCTION cm_note_deleted_profiles();
DROP TRIGGER IF EXISTS cm_changes_truncate ON profiles;
CREATE TRIGGER cm_changes_truncate AFTER TRUNCATE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION cm_note_truncated_profiles();

-- Old changes go; matching calls this every few minutes. SECURITY DEFINER: it deletes as the owner, so the
-- service's own role needs no write rights on the table.
CREATE OR REPLACE FUNCTION cm_prune_profile_changes(keep interval) RETURNS bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  BEGIN ATOMIC
    WITH gone AS (DELETE FROM cm_profile_changes WHERE changed_at < now() - keep RETURNING 1)
    SELECT count(*) FROM gone;
  END;

-- Down Migration
DROP FUNCTION IF EXISTS cm_prune_profile_changes(interval);
DROP TRIGGER IF EXISTS cm_changes_truncate ON profiles;
DROP TRIGGER IF EXISTS cm_changes_delete ON profiles;
DROP TRIGGER IF EXISTS cm_changes_update ON profiles;
DROP TRIGGER IF EXISTS cm_changes_insert ON profiles;
DROP FUNCTION IF EXISTS cm_note_truncated_profiles();
DROP FUNCTION IF EXISTS cm_note_deleted_profiles();
DROP FUNCTION IF EXISTS cm_note_updated_profiles();
DROP FUNCTION IF EXISTS cm_note_inserted_profiles();
DROP TABLE IF EXISTS cm_profile_changes;
