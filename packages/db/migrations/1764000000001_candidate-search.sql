-- Up Migration
-- What the candidate query needs (SPEC §6): a distance index on the privacy grid, a full-text index for topics and
-- an index for "most recently active". All functions have SQL-standard bodies, so they resolve their references
-- when created and work under any search_path (index builds and autovacuum run with a restricted one). They are
-- not declared STRICT and clamp with the strict float8smaller/float8larger (not least/greatest, which skip NULLs):
-- so the planner inlines them into plain expressions, NULL in gives NULL out, and they cost nanoseconds a row.
CREATE EXTENSION IF NOT EXISTS cube;

-- The ~1 km privacy grid (SPEC §5), the same as packages/scoring/src/geo.ts: cell centres, 0.01° of latitude high,
-- longitude cells widened towards the poles.
CREATE OR REPLACE FUNCTION cm_snap_lat(lat double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN float8smaller(90, float8larger(-90, (floor(lat / 0.01) + 0.5) * 0.01));

CREATE OR REPLACE FUNCTION cm_snap_lon(lat double precision, lon double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN float8smaller(180, float8larger(-180,
    (floor(lon / (0.01 / float8larger(0.01, cos(radians(cm_snap_lat(lat)))))) + 0.5)
      * (0.01 / float8larger(0.01, cos(radians(cm_snap_lat(lat)))))));

-- A point on PostgreSQL's earth sphere (radius 6378168 m, as earthdistance) as a 3-D cube, in metres.
CREATE OR REPLACE FUNCTION cm_earth_point(lat double precision, lon double precision) RETURNS cube
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN cube(cube(cube(6378168 * cos(radians(lat)) * cos(radians(lon))),
    6378168 * cos(radians(lat)) * sin(radians(lon))), 6378168 * sin(radians(lat)));

-- A member's privacy cell as an earth point: what every distance is measured to. Written out rather than as
-- cm_earth_point(cm_snap_lat(lat), …): the planner does not inline a function whose parameters are used several
-- times when its arguments are expressions, and an SQL function call costs microseconds a row.
CREATE OR REPLACE FUNCTION cm_cell_point(lat double precision, lon double precision) RETURNS cube
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN cube(cube(cube(6378168 * cos(radians(cm_snap_lat(lat))) * cos(radians(cm_snap_lon(lat, lon)))),
    6378168 * cos(radians(cm_snap_lat(lat))) * sin(radians(cm_snap_lon(lat, lon)))), 6378168 * sin(radians(cm_snap_lat(lat))));

-- Great-circle metres between two earth points (from their straight-line distance).
CREATE OR REPLACE FUNCTION cm_great_circle_m(a cube, b cube) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN 2 * 6378168 * asin(float8smaller(1, cube_distance(a, b) / (2 * 6378168)));

-- What a profile says about itself, for topic search: interests and needs, then the bio.
CREATE OR REPLACE FUNCTION cm_profile_document(interests text[], needs text[], about text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('english'::regconfig,
    array_to_string(interests, ' ') || ' ' || array_to_string(needs, ' ') || ' ' || coalesce(about, ''));

-- Only searchable members are indexed: the deleted and the suspended are never candidates.
CREATE INDEX IF NOT EXISTS cm_profiles_cell_idx ON profiles
  USING gist (cm_cell_point(latitude, longitude))
  WHERE deleted_at IS NULL AND NOT is_suspended;

CREATE INDEX IF NOT EXISTS cm_profiles_document_idx ON profiles
  USING gin (cm_profile_document(interests, needs, about))
  WHERE deleted_at IS NULL AND NOT is_suspended;

CREATE INDEX IF NOT EXISTS cm_profiles_last_active_idx ON profiles (last_active DESC NULLS LAST, id)
  WHERE deleted_at IS NULL AND NOT is_suspended;

-- Down Migration
DROP INDEX IF EXISTS cm_profiles_last_active_idx;
DROP INDEX IF EXISTS cm_profiles_document_idx;
DROP INDEX IF EXISTS cm_profiles_cell_idx;
DROP FUNCTION IF EXISTS cm_profile_document(text[], text[], text);
DROP FUNCTION IF EXISTS cm_great_circle_m(cube, cube);
DROP FUNCTION IF EXISTS cm_cell_point(double precision, double precision);
DROP FUNCTION IF EXISTS cm_earth_point(double precision, double precision);
DROP FUNCTION IF EXISTS cm_snap_lon(double precision, double precision);
DROP FUNCTION IF EXISTS cm_snap_lat(double precision);
