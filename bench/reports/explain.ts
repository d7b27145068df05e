/**
 * `npx tsx bench/reports/explain.ts <database kept by BENCH_KEEP=1> [monthly|year|region] [schoolId]`:
 * prints EXPLAIN (ANALYZE, BUFFERS) of the very queries the reports repository sends.
 */
import { sql, type SQL } from 'drizzle-orm';
import { createDbClient } from '../../src/db/client.js';
import type { Executor } from '../../src/db/client.js';
import { createReportsRepository } from '../../src/db/repositories/reports/index.js';

const [name, which = 'monthly', school = '750'] = process.argv.slice(2);
if (!name || !/^sj_bench_[a-z0-9]+$/.test(name))
  throw new Error('usage: explain.ts <sj_bench_… database> [monthly|year|region] [schoolId]');
const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${name}`;
const client = createDbClient(url.toString(), { max: 1 });
const explaining = {
  async execute(query: SQL) {
    const plan = await client.db.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    return [];
  },
} as unknown as Executor;
const repo = createReportsRepository(explaining);
const schoolId = Number(school);
try {
  if (which === 'monthly') await repo.attendanceSummary({ schoolId, from: '2026-10-01', to: '2026-10-31', groupId: null });
  else if (which === 'year') await repo.attendanceSummary({ schoolId, from: '2026-09-01', to: '2027-04-26', groupId: null });
  else if (which === 'region') await repo.regionDaily('2026-10-15');
  else throw new Error(`unknown query ${which}`);
} finally {
  await client.close();
}
