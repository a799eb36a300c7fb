import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Rows of Circle's relation tables (docs/operations.md) for tests. */
export interface Relations {
  /** [blocker, blocked] */
  blocks?: ReadonlyArray<readonly [string, string]>;
  friendships?: ReadonlyArray<{ user1: string; user2: string; status?: string }>;
  interactions?: ReadonlyArray<{
    user: string;
    target: string;
    action: 'view' | 'like' | 'super_like' | 'pass';
    at?: Date;
  }>;
}

/** Inserts blocks, friendships and explore interactions, in one transaction. */
export async function insertRelations(url: string, relations: Relations): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const [blocker, blocked] of relations.blocks ?? []) {
      await client.query('INSERT INTO blocks (id, blocker_id, blocked_id) VALUES ($1, $2, $3)', [
        randomUUID(),
        blocker,
        blocked,
      ]);
    }
    for (const f of relations.friendships ?? []) {
      await client.query(
        'INSERT INTO friendships (id, user1_id, user2_id, status, created_at, sender_id) VALUES ($1, $2, $3, $4, now(), $2)',
        [randomUUID(), f.user1, f.user2, f.status ?? 'accepted'],
      );
    }
    for (const i of relations.interactions ?? []) {
      await client.query(
        'INSERT INTO explore_interactions (id, user_id, target_user_id, action_type, created_at) VALUES ($1, $2, $3, $4, $5)',
        [randomUUID(), i.user, i.target, i.action, i.at ?? new Date()],
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
