import type pg from 'pg';

/** What the matching service reads at run time (docs/operations.md): Circle's tables and the change feed. */
const READ_TABLES = ['profiles', 'blocks', 'friendships', 'explore_interactions', 'cm_profile_changes'] as const;

/**
 * Creates the role (LOGIN, with `password`) when it does not exist, or sets its password when it does: for a
 * database of our own (the compose stack's). On Circle's database its administrators create the role; call
 * grantReader alone.
 */
export async function ensureReaderRole(client: pg.ClientBase, role: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await client.query(`${verb} ROLE ${client.escapeIdentifier(role)} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
}

/**
 * Grants an existing role exactly what matching needs at run time and nothing more (docs/reliability.md, least privilege):
 * SELECT on the tables it reads and EXECUTE on the feed's pruning function (SECURITY DEFINER: it deletes old feed
 * rows as the owner). No INSERT, UPDATE, DELETE or DDL: run as that role, matching cannot change a member's data
 * or the schema. Run by the owner, after the migrations.
 */
export async function grantReader(client: pg.ClientBase, role: string): Promise<void> {
  const who = client.escapeIdentifier(role);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${who}`);
  await client.query(`GRANT SELECT ON ${READ_TABLES.join(', ')} TO ${who}`);
  await client.query(
    `GRANT EXECUTE ON FUNCTION cm_prune_profile_changes(interval), cm_snap_lat(double precision), cm_snap_lon(double precision, double precision) TO ${who}`,
  );
}
