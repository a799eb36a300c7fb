-- Up Migration
-- Candidate walks that cost the same at 10k and 1M members (SPEC §6, §9).
--
-- Topics: the full-text index finds every member in the table who mentions a topic; ranking them by distance then
-- reads all of them. Instead each searchable, located member has one topic point per lexicon concept they mention,
-- in a GiST index on (concept, cell point): a nearest-first walk for one concept reads only as many members as the
-- pool needs. btree_gist lets the concept, age and gender sit in the same index as the point, so the walk skips members
-- outside a request's age and gender filters without reading their rows; the nearest-member walk on profiles gets the
-- same index in place of the point-only one.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The lexicon's topic concepts (packages/scoring), written by `migrate` after the migrations: each concept's query is
-- the OR of its phrases in PostgreSQL's own stemming, the same test the candidate query applies to free words.
CREATE TABLE IF NOT EXISTS cm_topic_concepts (
  id smallint PRIMARY KEY,
  name text NOT NULL UNIQUE,
  phrases text[] NOT NULL,
  query tsquery NOT NULL
);

-- point is the member's privacy-cell point (cm_cell_point); age and gender are copied from their row.
CREATE TABLE IF NOT EXISTS cm_topic_points (
  profile_id uuid NOT NULL,
  concept smallint NOT NULL,
  point cube NOT NULL,
  age integer,
  gender text,
  PRIMARY KEY (profile_id, concept)
);

CREATE INDEX IF NOT EXISTS cm_topic_points_walk_idx ON cm_topic_points USING gist (concept, point, age, gender);

CREATE INDEX IF NOT EXISTS cm_profiles_walk_idx ON profiles
  USING gist (cm_cell_point(latitude, longitude), age, gender)
  WHERE deleted_at IS NULL AND NOT is_suspended;
DROP INDEX IF EXISTS cm_profiles_cell_idx;

-- What a member's topic points are made of, for the searchable and located: the document is computed once per member
-- where this is read into a MATERIALIZED CTE, not once per concept it is tested against.
CREATE OR REPLACE VIEW cm_topic_members AS
  SELECT p.id, p.age, p.gender, cm_cell_point(p.latitude, p.longitude) AS point,
    cm_profile_document(p.interests, p.needs, p.about) AS document
  FROM profiles p
  WHERE p.deleted_at IS NULL AND NOT p.is_suspended AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL;

-- Rewrites the topic points of these members from their current rows (none for a member no longer searchable).
CREATE OR REPLACE FUNCTION cm_index_topics(ids uuid[]) RETURNS void
  LANGUAGE sql VOLATILE
BEGIN ATOMIC
  DELETE FROM cm_topic_points WHERE profile_id = ANY (ids);
  WITH members AS MATERIALIZED (
    SELECT m.* FROM cm_topic_members m JOIN (SELECT DISTINCT id FROM unnest(ids) AS u(id)) changed ON m.id = changed.id)
  INSERT INTO cm_topic_points (profile_id, concept, point, age, gender)
  SELECT m.id, c.id, m.point, m.age, m.gender FROM members m JOIN cm_topic_concepts c ON m.document @@ c.query;
END;

-- Every member's points from scratch (after the concepts changed).
CREATE OR REPLACE FUNCTION cm_reindex_all_topics() RETURNS void
  LANGUAGE sql VOLATILE
BEGIN ATOMIC
  DELETE FROM cm_topic_points;
  WITH members AS MATERIALIZED (SELECT * FROM cm_topic_members)
  INSERT INTO cm_topic_points (profile_id, concept, point, age, gender)
  SELECT m.id, c.id, m.point, m.age, m.gender FROM members m JOIN cm_topic_concepts c ON m.document @@ c.query;
END;

-- Kept in step with Circle's table by triggers, whoever writes it: inserts and deletes once per statement (a bulk load
-- is one set-based pass), updates once per changed row and only when a column the points depend on changed — the
-- frequent last_active updates fire nothing.
CREATE OR REPLACE FUNCTION cm_topics_after_insert() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cm_index_topics(ARRAY(SELECT id FROM cm_inserted));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_topics_after_delete() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cm_topic_points t USING cm_deleted d WHERE t.profile_id = d.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_topics_after_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cm_index_topics(ARRAY[OLD.id, NEW.id]);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cm_topics_after_truncate() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE cm_topic_points;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS cm_topics_insert ON profiles;
CREATE TRIGGER cm_topics_insert AFTER INSERT ON profiles
  REFERENCING NEW TABLE AS cm_inserted FOR EACH STATEMENT EXECUTE FUNCTION cm_topics_after_insert();

DROP TRIGGER IF EXISTS cm_topics_delete ON profiles;
CREATE TRIGGER cm_topics_delete AFTER DELETE ON profiles
  REFERENCING OLD TABLE AS cm_deleted FOR EACH STATEMENT EXECUTE FUNCTION cm_topics_after_delete();

DROP TRIGGER IF EXISTS cm_topics_update ON profiles;
CREATE TRIGGER cm_topics_update
  AFTER UPDATE OF id, interests, needs, about, latitude, longitude, deleted_at, is_suspended, age, gender ON profiles
  FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.interests IS DISTINCT FROM NEW.interests OR OLD.needs IS DISTINCT FROM NEW.needs
    OR OLD.about IS DISTINCT FROM NEW.about OR OLD.latitude IS DISTINCT FROM NEW.latitude
    OR OLD.longitude IS DISTINCT FROM NEW.longitude OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.is_suspended IS DISTINCT FROM NEW.is_suspended OR OLD.age IS DISTINCT FROM NEW.age
    OR OLD.gender IS DISTINCT FROM NEW.gender)
  EXECUTE FUNCTION cm_topics_after_update();

DROP TRIGGER IF EXISTS cm_topics_truncate ON profiles;
CREATE TRIGGER cm_topics_truncate AFTER TRUNCATE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION cm_topics_after_truncate();

-- Down Migration
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
CREATE INDEX IF NOT EXISTS cm_profiles_cell_idx ON profiles
  USING gist (cm_cell_point(latitude, longitude))
  WHERE deleted_at IS NULL AND NOT is_suspended;
DROP INDEX IF EXISTS cm_profiles_walk_idx;
