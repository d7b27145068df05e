/**
 * `npx tsx bench/compliance/explain.ts <database kept by BENCH_KEEP=1> [claim|runs|days|heads|daily]`: prints
 * EXPLAIN (ANALYZE, BUFFERS) of the queries the first reminder scan of the afternoon
 * (2026-11-23 10:00 UTC), the escalation pass (claims of the runs, days with lessons missing)
 * the term-grade pass of that day (the teachers with missing term grades), the heads' part of the
 * escalation pass (heads) or the class teachers' daily messages of 2026-11-23 (daily) sends, inside a
 * transaction that is rolled back, so the claims it makes are not kept.
 */
import { sql, type SQL } from 'drizzle-orm';
import { createDbClient, type Executor } from '../../src/db/client.js';
import { createComplianceRepository } from '../../src/db/repositories/compliance/index.js';
import { createClassDailyRepository } from '../../src/db/repositories/class-daily/index.js';
import { createDepartmentRepository } from '../../src/db/repositories/department-repository.js';
import { classDailyQuery } from '../../src/domain/class-daily/index.js';
import { termGradeRules } from '../../src/domain/compliance/index.js';

const [name, which = 'claim'] = process.argv.slice(2);
if (!name || !/^sj_bench_[a-z0-9]+$/.test(name))
  throw new Error('usage: explain.ts <sj_bench_… database> [claim|runs|days|terms|heads|daily]');
const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${name}`;
const client = createDbClient(url.toString(), { max: 1 });
const now = new Date('2026-11-23T10:00:00Z');

class Rollback extends Error {}
try {
  await client.db.transaction(async (tx) => {
    const explaining = {
      async execute(query: SQL) {
        const plan = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
        console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
        return [];
      },
    } as unknown as Executor;
    const schools = await createComplianceRepository(tx).schools();
    const repo = createComplianceRepository(explaining);
    const rules = schools.map((s) => ({
      schoolId: s.id,
      timezone: s.timezone,
      fillDeadline: s.policy.fillDeadline,
      afterMinutes: s.policy.reminderAfterLessonMinutes,
      beforeMinutes: s.policy.reminderBeforeDeadlineMinutes,
      parts: s.policy.requiredParts,
      workingDays: s.policy.workingDays,
    }));
    if (which === 'claim') await repo.claimDueReminders(rules, now, new Date(now.getTime() - 48 * 3_600_000));
    else if (which === 'runs') await repo.claimRuns(schools.map((s) => ({ schoolId: s.id, kind: 'escalation', periodKey: '2026-11-23' })));
    else if (which === 'days') {
      await repo.daysWithMissing(schools.map((s) => ({ schoolId: s.id, date: '2026-11-22', parts: s.policy.requiredParts })));
    } else if (which === 'terms') {
      await repo.termGradeTeachers(schools.map((s) => termGradeRules(s, '2026-11-23', 'reminder')));
    } else if (which === 'heads') {
      await repo.teachersWithMissing(schools.map((s) => ({ schoolId: s.id, date: '2026-11-22', parts: s.policy.requiredParts })));
      await createDepartmentRepository(explaining).teachersOfHeads(schools.map((s) => s.id));
    } else if (which === 'daily') {
      // The flags are given to the day's message first (for real, rolled back), as the pass does.
      const days = schools.map((s) => ({ schoolId: s.id, date: '2026-11-23' }));
      await createClassDailyRepository(tx).takeFlags(days);
      const daily = createClassDailyRepository(explaining);
      await daily.previousRuns(days);
      await daily.teachersWithNews(schools.map((s) => classDailyQuery(s, '2026-11-23', null)));
    } else throw new Error(`unknown query ${which}`);
    throw new Rollback();
  });
} catch (err) {
  if (!(err instanceof Rollback)) throw err;
} finally {
  await client.close();
}
