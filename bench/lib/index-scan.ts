import type { Sql } from 'postgres';

/**
 * The yardstick of the database benchmarks: a plain scan of the rows a query reads (a count and
 * a sum over the same table range, through the index the query uses), timed on the same server
 * a moment before or after. Absolute times on a shared machine swing by a factor of two from
 * hour to hour; a query's time over this one holds from machine to machine, and says how much
 * the query costs beyond reading its rows.
 */
export interface IndexScan {
  label: string;
  ms: number;
  /** The indexes the scan's plan goes through, to check it is the index the query uses. */
  indexes: string[];
  rows: number;
}

const RUNS = 5;

function indexesOf(plan: unknown, into = new Set<string>()): Set<string> {
  if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (typeof node['Index Name'] === 'string') into.add(node['Index Name']);
    for (const v of Object.values(node)) if (v && typeof v === 'object') indexesOf(v, into);
  }
  return into;
}

/** The median of a few runs (warm cache, as the query's own repeated runs are) of `query`, a count(*) first. */
export async function indexScan(sql: Sql, label: string, query: string, params: (string | number)[] = []): Promise<IndexScan> {
  const [explained] = await sql.unsafe(`EXPLAIN (FORMAT JSON) ${query}`, params);
  const indexes = [...indexesOf(Object.values(explained!)[0])];
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const [row] = await sql.unsafe(query, params);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    rows = Number(Object.values(row!)[0]);
  }
  return { label, ms: [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, indexes, rows };
}

/** «12.3 × a plain index scan of the same rows (4.1 ms, 1,234 rows through lessons_date)». */
export function overScan(ms: number, scan: IndexScan): string {
  return `${(ms / scan.ms).toFixed(1)} × a plain index scan of the same rows (${scan.label}: ${scan.ms.toFixed(1)} ms, ${scan.rows} rows through ${scan.indexes.join(' + ') || 'no index'})`;
}
