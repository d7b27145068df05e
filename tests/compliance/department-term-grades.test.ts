import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { grades } from '../../src/db/schema/index.js';
import { manualClock } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf-text.js';
import { seeder } from '../helpers/seed.js';
import { principalOf } from './fixture.js';
import { termHarness, termSchool, type TermHarness } from './term-fixture.js';

describe("the head of department's month counts the term grades due in it", () => {
  let h: TermHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('per teacher of the department: term grades on time, late and not entered, in the message figures and the PDF', async () => {
    h = await termHarness(manualClock('2027-01-10T05:00:00Z'));
    const s = await termSchool(h);
    // Quarter 2 grades are due on 26 December: one of Петров's three came a day late.
    const [late] = await h.app.db.db
      .select()
      .from(grades)
      .where(and(eq(grades.courseId, s.courses.physics.id), eq(grades.kind, 'term')));
    await h.app.db.db
      .update(grades)
      .set({ createdAt: new Date('2026-12-27T10:00:00Z') })
      .where(eq(grades.id, late!.id));
    await h.app.db.db
      .update(grades)
      .set({ createdAt: new Date('2026-12-20T10:00:00Z') })
      .where(and(eq(grades.schoolId, s.school.id), eq(grades.courseId, s.courses.algebra.id)));
    const head = await seeder(h.app, s.school.id).user(['head_of_department'], { lastName: 'Главная' });
    await h.app.services.departments.load({ kind: 'system' }, s.school.id, {
      departments: [{ name: 'Точные науки', headId: head.id, teacherIds: [s.ivanova.id, s.petrov.id] }],
    });
    const [department] = await h.app.services.compliance.departmentsOf(principalOf(head));

    const report = await h.app.services.compliance.departmentReport(principalOf(head), department!.id, '2026-12');
    // Иванова: Алгебра 1 of 3 on time; Геометрия none of quarter 2 (one deleted, one of quarter 1). Сидоров is not in the department.
    expect(report.termGrades).toEqual([
      { teacherId: s.ivanova.id, onTime: 1, late: 0, missing: 5 },
      { teacherId: s.petrov.id, onTime: 2, late: 1, missing: 0 },
    ]);
    const text = pdfText(report.file.content);
    expect(text).toContain('Отметки за');
    expect(text).toMatch(/Иванова Мария Петровна(\s+\S+){6}\s+1\s+0\s+5/);
    expect(text).toMatch(/Петров Олег Ильич(\s+\S+){6}\s+2\s+1\s+0/);
    expect(text).not.toContain('Сидоров');

    // November had no term grades due: no such columns.
    const november = await h.app.services.compliance.departmentReport(principalOf(head), department!.id, '2026-11');
    expect(november.termGrades).toEqual([]);
    expect(pdfText(november.file.content)).not.toContain('Отметки за');
  });
});
