/**
 * Who may ever be a candidate (docs/semantics.md), as SQL on a `profiles` row aliased `p`: not deleted by either of Circle's
 * two flags (is_deleted may be NULL there: only true counts), not suspended, not invisible. One definition for the
 * candidate index's load, its change reloads and the per-answer re-check.
 */
export const SEARCHABLE_SQL =
  'p.deleted_at IS NULL AND p.is_deleted IS NOT TRUE AND NOT p.is_suspended AND NOT p.invisible_mode';

/** Active within `daysParam` days (an SQL parameter such as `$2`); never active (NULL) counts as active. */
export function activeWithinSql(daysParam: string): string {
  return `(p.last_active IS NULL OR p.last_active >= now() - ${daysParam} * interval '1 day')`;
}

/** Friendship states that make two members friends (pending, inactive and blocked ones do not). */
const FRIENDS = "('accepted', 'active')";

/**
 * An interaction `i` that keeps its target from the member who made it: any like or super-like, or a pass within
 * the cooldown (a pass without a time counts as recent). Views do not.
 */
function excludingInteraction(cooldownDaysParam: string): string {
  return `(i.action_type IN ('like', 'super_like')
    OR (i.action_type = 'pass' AND (i.created_at IS NULL OR i.created_at >= now() - ${cooldownDaysParam} * interval '1 day')))`;
}

/**
 * Those `p` the requester (`requesterParam`) must never be shown beyond the member's own state (docs/semantics.md): a block
 * either way, a friendship accepted or active, a pass within `cooldownDaysParam` days or any like or super-like.
 * Each test is a lookup on a unique constraint or on cm_explore_interactions_user_idx (recommended indexes).
 */
export function unrelatedToSql(requesterParam: string, cooldownDaysParam: string): string {
  return `NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${requesterParam} AND b.blocked_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = p.id AND b.blocked_id = ${requesterParam})
    AND NOT EXISTS (SELECT 1 FROM friendships f WHERE f.user1_id = ${requesterParam} AND f.user2_id = p.id AND f.status IN ${FRIENDS})
    AND NOT EXISTS (SELECT 1 FROM friendships f WHERE f.user1_id = p.id AND f.user2_id = ${requesterParam} AND f.status IN ${FRIENDS})
    AND NOT EXISTS (SELECT 1 FROM explore_interactions i WHERE i.user_id = ${requesterParam} AND i.target_user_id = p.id
      AND ${excludingInteraction(cooldownDaysParam)})`;
}

/**
 * The ids of everyone `unrelatedToSql` keeps from the requester (`requesterParam`), in one scalar subquery that
 * returns them comma-separated (NULL when none): read with the requester, once per request.
 */
export function relatedIdsSql(requesterParam: string, cooldownDaysParam: string): string {
  return `(SELECT string_agg(r.id::text, ',') FROM (
      SELECT b.blocked_id AS id FROM blocks b WHERE b.blocker_id = ${requesterParam}
      UNION ALL SELECT b.blocker_id FROM blocks b WHERE b.blocked_id = ${requesterParam}
      UNION ALL SELECT f.user2_id FROM friendships f WHERE f.user1_id = ${requesterParam} AND f.status IN ${FRIENDS}
      UNION ALL SELECT f.user1_id FROM friendships f WHERE f.user2_id = ${requesterParam} AND f.status IN ${FRIENDS}
      UNION ALL SELECT i.target_user_id FROM explore_interactions i WHERE i.user_id = ${requesterParam}
        AND ${excludingInteraction(cooldownDaysParam)}
    ) r)`;
}
