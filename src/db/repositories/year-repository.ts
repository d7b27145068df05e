import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { StudyPeriod, StudyPeriodRepository } from '../../domain/year/types.js';
import type { Executor } from '../client.js';
import { studyPeriods } from '../schema/index.js';

const toPeriod = (r: typeof studyPeriods.$inferSelect): StudyPeriod => ({
  id: r.id,
  schoolId: r.schoolId,
  yearFrom: r.yearFrom,
  kind: r.kind as StudyPeriod['kind'],
  number: r.number,
  from: r.fromDate,
  to: r.toDate,
  gradeLevels: r.gradeLevels,
});
const ORDER = [asc(studyPeriods.kind), asc(studyPeriods.gradeLevels), asc(studyPeriods.number)];

export function createYearRepository(db: Executor): StudyPeriodRepository {
  return {
    async listForYear(schoolId, yearFrom) {
      const rows = await db
        .select()
        .from(studyPeriods)
        .where(and(eq(studyPeriods.schoolId, schoolId), eq(studyPeriods.yearFrom, yearFrom)))
        .orderBy(...ORDER);
      return rows.map(toPeriod);
    },
    async listAround(schoolId, date) {
      // The year of a date is the latest one loaded that began on or before it and has a period ending after it began.
      const [year] = await db
        .select({ yearFrom: studyPeriods.yearFrom })
        .from(studyPeriods)
        .where(
          and(
            eq(studyPeriods.schoolId, schoolId),
            lte(studyPeriods.yearFrom, date),
            gte(sql`${studyPeriods.yearFrom} + interval '1 year'`, date),
          ),
        )
        .orderBy(sql`${studyPeriods.yearFrom} DESC`)
        .limit(1);
      return year ? this.listForYear(schoolId, year.yearFrom) : [];
    },
    async overlapping(schoolId, from, to) {
      const rows = await db
        .select()
        .from(studyPeriods)
        .where(and(eq(studyPeriods.schoolId, schoolId), lte(studyPeriods.fromDate, to), gte(studyPeriods.toDate, from)))
        .orderBy(...ORDER);
      return rows.map(toPeriod);
    },
    async replaceYear(schoolId, yearFrom, periods) {
      await db.delete(studyPeriods).where(and(eq(studyPeriods.schoolId, schoolId), eq(studyPeriods.yearFrom, yearFrom)));
      if (!periods.length) return [];
      const rows = await db
        .insert(studyPeriods)
        .values(
          periods.map((p) => ({
            schoolId,
            yearFrom,
            kind: p.kind,
            number: p.number,
            fromDate: p.from,
            toDate: p.to,
            gradeLevels: p.gradeLevels,
          })),
        )
        .returning();
      return rows.map(toPeriod);
    },
  };
}
