import { searchConcepts, type SearchConcept } from '@circle-match/scoring';
import type pg from 'pg';

/**
 * Writes the lexicon's topic concepts into cm_topic_concepts and, when they changed, rebuilds every member's topic
 * points (cm_topic_points) in the same transaction; searches keep reading the old points until it commits. Run by
 * `migrate`, so each deploy's lexicon is the database's. Resolves with whether anything changed.
 */
export async function syncTopicConcepts(client: pg.ClientBase, concepts: readonly SearchConcept[] = searchConcepts()): Promise<boolean> {
  await client.query('BEGIN');
  try {
    // Concurrent migrate runs (two deploys at once) take turns; searches are not blocked.
    await client.query('LOCK TABLE cm_topic_concepts IN EXCLUSIVE MODE');
    const { rows } = await client.query<SearchConcept>('SELECT name, phrases FROM cm_topic_concepts ORDER BY id');
    if (JSON.stringify(rows) === JSON.stringify(concepts.map(({ name, phrases }) => ({ name, phrases })))) {
      await client.query('COMMIT');
      return false;
    }
    await client.query('DELETE FROM cm_topic_concepts');
    // Each concept's query is the OR of its phrases in PostgreSQL's stemming, as the candidate query tests free words.
    await client.query(
      `INSERT INTO cm_topic_concepts (id, name, phrases, query)
       SELECT c.id, c.name, c.phrases, (
         SELECT string_agg('(' || t.q::text || ')', ' | ')::tsquery
         FROM (SELECT plainto_tsquery('english', phrase) AS q FROM unnest(c.phrases) phrase) t
         WHERE numnode(t.q) > 0)
       FROM jsonb_to_recordset($1::jsonb) AS c(id smallint, name text, phrases text[])`,
      [JSON.stringify(concepts.map((c, i) => ({ id: i + 1, ...c })))],
    );
    await client.query('SELECT cm_reindex_all_topics()');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query('ANALYZE cm_topic_points');
  return true;
}
