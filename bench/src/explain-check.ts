import { nearestStatement, topicStatement, type CandidateQuery, type SqlStatement } from '@circle-match/matching';
import pg from 'pg';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

export interface ExplainVerdict {
  sequentialScans: number;
  indexes: string[];
  executionMs: number;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the pool query's statements, planned as the service plans them (the nearest half
 * with bitmap scans off): does any node scan `profiles` sequentially, and which indexes serve it?
 */
export async function explainCandidatePool(databaseUrl: string, query: CandidateQuery): Promise<ExplainVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const verdict: ExplainVerdict = { sequentialScans: 0, indexes: [], executionMs: 0 };
  const indexes = new Set<string>();
  const explain = async (statement: SqlStatement): Promise<void> => {
    await client.query(statement.text, statement.values); // warm the connection's caches
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
      statement.values,
    );
    const plan = rows[0]?.['QUERY PLAN'][0];
    if (!plan) throw new Error('no plan');
    verdict.executionMs += plan['Execution Time'];
    walk(plan.Plan, (n) => {
      if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'profiles') verdict.sequentialScans++;
      if (n['Index Name']) indexes.add(n['Index Name']);
    });
  };
  try {
    await client.query('BEGIN READ ONLY');
    if (query.topicPhrases.length > 0) await explain(topicStatement(query));
    if (query.origin) await client.query('SET LOCAL enable_bitmapscan = off');
    await explain(nearestStatement(query, [], query.poolSize));
    await client.query('COMMIT');
    return { ...verdict, indexes: [...indexes] };
  } finally {
    await client.end();
  }
}
