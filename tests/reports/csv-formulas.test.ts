import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { enrollments, groups, lessons, students, subjects, users } from '../../src/db/schema/index.js';
import { REPORT_KINDS } from '../../src/domain/reports/types.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { NOW, PERIOD, reportSchool } from './fixture.js';

const FORMULA = "=cmd|' /C calc'!A0";

describe('report CSV exports defuse spreadsheet formulas', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock(NOW) });
    s = await reportSchool(app);
    // Every kind of name a report prints starts like a formula: students, classes, subjects, people, reasons.
    const db = app.db.db;
    await db.update(students).set({ lastName: FORMULA }).where(eq(students.schoolId, s.school.id));
    await db
      .update(groups)
      .set({ name: sql`'@' || ${groups.name}` })
      .where(eq(groups.schoolId, s.school.id));
    await db
      .update(subjects)
      .set({ name: sql`'-' || ${subjects.name}` })
      .where(eq(subjects.schoolId, s.school.id));
    await db
      .update(users)
      .set({ lastName: sql`'+' || ${users.lastName}` })
      .where(eq(users.schoolId, s.school.id));
    await db
      .update(enrollments)
      .set({ reason: '=HYPERLINK(1)' })
      .where(
        sql`${enrollments.reason} is not null and ${enrollments.studentId} in (select id from students where school_id = ${s.school.id})`,
      );
    // A listed work with a formula for a topic: the control-works report has a row to print.
    await db.update(lessons).set({ workType: 'control', topic: '=SUM(A1)' }).where(eq(lessons.id, s.lessons.l1.id));
  });
  afterAll(() => app.stop());

  it.each(REPORT_KINDS)('%s', async (kind) => {
    const file = await app.services.reports.document(s.api, s.school.id, kind, { ...PERIOD, groupId: null }, 'csv');
    const text = file.content.subarray(3).toString('utf8');
    // No cell quotes a `;` here, so splitting is exact.
    const cells = text
      .split('\r\n')
      .slice(1, -1)
      .flatMap((line) => line.split(';'));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => /^"?[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells.some((c) => /^'[=+\-@]/.test(c))).toBe(true);
    if (['attendance-summary', 'grades-summary', 'movement'].includes(kind)) expect(text).toContain(`'${FORMULA}`);
  });
});
