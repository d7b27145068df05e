import { eq } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { grades, groups } from '../../src/db/schema/index.js';
import { YEAR_2026 } from '../year/fixtures.js';
import type { familySchool } from './fixture.js';

type Family = Awaited<ReturnType<typeof familySchool>>;
type GradeRow = typeof grades.$inferInsert;

/**
 * Marks of the family school's child around the first quarter of 2026/27 (01.09–24.10), with
 * the clock of testClock() on 14.10: mathematics 5 (a контрольная lesson), 4, 4 and a term 5;
 * history one 3; a 2 from August, a deleted mark and the other child's mark that must not count.
 */
export async function periodMarks(app: App, f: Family, options: { periods?: boolean } = {}) {
  await app.db.db.update(groups).set({ gradeLevel: 5 }).where(eq(groups.id, f.group.id));
  if (options.periods ?? true) await app.services.year.loadPeriods({ kind: 'api', schoolId: f.school.id }, f.school.id, YEAR_2026);
  const control = await f.seed.lesson(f.math, '2026-09-10', '09:00', { period: 1, workType: 'control' });
  const base = { schoolId: f.school.id, studentId: f.child.id, kind: 'current' } as const;
  const rows: GradeRow[] = [
    { ...base, courseId: f.math.id, lessonId: control.id, value: '5', date: '2026-09-10' },
    { ...base, courseId: f.math.id, value: '4', date: '2026-09-15' },
    { ...base, courseId: f.math.id, lessonId: f.monday.id, value: '4', date: '2026-10-12', comment: 'устно' },
    { ...base, courseId: f.math.id, kind: 'term', term: 1, value: '5', date: '2026-10-20' },
    { ...base, courseId: f.history.id, value: '3', date: '2026-10-14' },
    { ...base, courseId: f.math.id, value: '2', date: '2026-08-30' },
    { ...base, courseId: f.math.id, value: '2', date: '2026-10-01', deletedAt: new Date('2026-10-02T10:00:00Z') },
    { ...base, studentId: f.other.id, courseId: f.math.id, value: '2', date: '2026-10-01' },
  ];
  await app.db.db.insert(grades).values(rows);
  const elsewhere = await f.seed.group('6Б');
  const chemistry = await f.seed.course(elsewhere.id, f.teacher.id, 'Химия');
  return { chemistry };
}
