import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { grades, lessons } from '../../src/db/schema/index.js';
import { finalSchool } from '../year/final-entry-fixture.js';

/**
 * The final-grade school (5А at grade level 5, the 2026/2027 quarters, today 2026-10-14) with
 * what the subject teacher's reports count. Смирнова teaches Математика in 5А and Физика in 5Б.
 *
 * Ведомость, 1 четверть: Абрамова 3×2, 5×1,5 → 3,86; Ёлкин none; Иванов 5×2, 4, 4 → 4,5 and the term grade 5.
 * Attendance, October (held lessons 10-06 and 10-12; 10-13 cancelled; 10-20 not yet):
 *   Абрамова оп 1; Ёлкин у 1; Иванов н 1, б 1. September: Иванов н 1 on 09-22.
 * КТП of Математика: 4 topics of 1 hour; lessons by 10-14: 5 in the schedule (one cancelled),
 *   4 held, 3 with a topic → lag min(5, 4) − 3 = 1. Физика: planned 68 hours, nothing yet.
 */
export async function courseSchool(app: App) {
  const s = await finalSchool(app);
  const { ivanov, abramova, yolkin } = s.students;
  const monday = await s.seed.lesson(s.course, '2026-10-12', '10:00', { topic: 'Дроби' });
  const cancelled = await s.seed.lesson(s.course, '2026-10-13', '10:00', { status: 'cancelled' });
  const future = await s.seed.lesson(s.course, '2026-10-20', '10:00');
  await app.db.db
    .update(lessons)
    .set({ topic: 'Натуральные числа' })
    .where(inArray(lessons.id, [s.lessons.control.id, s.lessons.plain.id]));
  await s.seed.plan(s.course.id, ['Натуральные числа', 'Сложение', 'Дроби', 'Проценты']);

  const j = app.services.journal;
  await j.saveAttendance(s.api, s.lessons.plain.id, { marks: [{ studentId: ivanov.id, status: 'absent' }] });
  await j.saveAttendance(s.api, s.lessons.other.id, {
    marks: [
      { studentId: ivanov.id, status: 'absent' },
      { studentId: abramova.id, status: 'late' },
    ],
  });
  await j.saveAttendance(s.api, monday.id, {
    marks: [
      { studentId: ivanov.id, status: 'sick' },
      { studentId: yolkin.id, status: 'excused' },
    ],
  });
  await app.db.db.insert(grades).values({
    schoolId: s.school.id,
    courseId: s.course.id,
    studentId: ivanov.id,
    kind: 'term',
    term: 1,
    value: '5',
    date: '2026-10-14',
  });

  const groupB = await s.seed.group('5Б');
  const physics = await s.seed.course(groupB.id, s.teacher.id, 'Физика', 68);
  const colleagueCourse = await s.seed.course(s.group.id, s.colleague.id, 'Русский язык');
  const termGrades = () => app.db.db.select().from(grades).where(eq(grades.courseId, s.course.id));
  return { ...s, groupB, physics, colleagueCourse, extra: { monday, cancelled, future }, termGrades };
}

/** pdftotext (poppler-utils) must be installed, as for tests/reports/pdf.test.ts. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-course-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
}
