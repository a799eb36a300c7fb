import { queryCandidatePool, useCandidateSession, type CandidateQuery, type SqlStatement } from '@circle-match/matching';
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
 * EXPLAIN (ANALYZE, BUFFERS) of each statement of the pool query, with the service's own session settings: does
 * any node scan `profiles` sequentially, and which indexes serve it?
 */
export async function explainCandidatePool(databaseUrl: string, query: CandidateQuery): Promise<ExplainVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await useCandidateSession(client);
  const verdict: ExplainVerdict = { sequentialScans: 0, indexes: [], executionMs: 0 };
  const indexes = new Set<string>();
  const explain = async (statement: SqlStatement): Promise<void> => {
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
    await queryCandidatePool(client, query, explain);
    return { ...verdict, indexes: [...indexes] };
  } finally {
    await client.end();
  }
}
