// Optional, run with `npm run migrate -- --recommended-indexes` (docs/operations.md: Circle's tables, indexes Circle lacks).
// Each request reads the requester's blocks, friendships and interactions (docs/operations.md measures them):
// Circle's unique constraints cover blocks by blocker and friendships by user1, not the other direction, and
// explore_interactions has no index but its primary key. Built CONCURRENTLY, so Circle's writes never wait on the
// build; a build that failed halfway leaves an invalid index, which is dropped and built again.

/** @type {ReadonlyArray<[name: string, definition: string]>} */
const INDEXES = [
  ['cm_blocks_blocked_idx', 'blocks (blocked_id, blocker_id)'],
  ['cm_friendships_user2_idx', 'friendships (user2_id, user1_id)'],
  ['cm_explore_interactions_user_idx', 'explore_interactions (user_id, target_user_id)'],
];

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export async function up(pgm) {
  pgm.noTransaction();
  for (const [name, definition] of INDEXES) {
    const { rows } = await pgm.db.query(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE c.relname = '${name}' AND c.relnamespace = current_schema()::regnamespace`,
    );
    if (rows[0] && !rows[0].valid) await pgm.db.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    await pgm.db.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${definition}`);
  }
}

/** @param {import('node-pg-migrate').MigrationBuilder} pgm */
export async function down(pgm) {
  pgm.noTransaction();
  for (const [name] of INDEXES) await pgm.db.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
}
