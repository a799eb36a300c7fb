-- Up Migration
-- Superseded: this migration built a distance index, a full-text index and an activity index on profiles, with the cube extension, for the per-request candidate SQL that the in-memory candidate index
-- replaced (1764000000003 drops all of it). It is kept, empty, so that databases which applied it stay in order;
-- a new database (Circle's included) never builds those objects on Circle's table only to drop them again, and
-- needs no extension. The privacy-grid functions it also created live in 1764000000004.
SELECT 1;

-- Down Migration
SELECT 1;
