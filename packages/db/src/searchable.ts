/**
 * Who may ever be a candidate (SPEC §6), as SQL on a `profiles` row aliased `p`: one definition for the candidate
 * index's load, its change reloads and the per-answer re-check. The index applies the same rule to what it loaded
 * (apps/matching/src/index/eligibility.ts); a test holds the two together.
 */
export const SEARCHABLE_SQL = 'p.deleted_at IS NULL AND NOT p.is_suspended';

/** Active within `daysParam` days (an SQL parameter such as `$2`); never active (NULL) counts as active. */
export function activeWithinSql(daysParam: string): string {
  return `(p.last_active IS NULL OR p.last_active >= now() - ${daysParam} * interval '1 day')`;
}
