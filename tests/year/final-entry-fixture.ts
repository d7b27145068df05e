import { eq } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { groups, grades } from '../../src/db/schema/index.js';
import { journalSchool } from '../journal/fixture.js';
import { YEAR_2026 } from './fixtures.js';

/**
 * The journal school of the journal tests with its class 5А at grade level 5 and the 2026/2027
 * quarters loaded through PUT /v1/study-periods (term 1: 2026-09-01..2026-10-24, its term grades open 2026-10-10, due
 * 2026-10-22, close 2026-11-04), and current grades of term 1 weighted by work types:
 * Иванов 5 (control, ×2), 4, 4 → 4.5 → 5; Абрамова 3 (control), 5 (lab, ×1.5, on the grade) → 3.86 → 4; Ёлкин none.
 */
export async function finalSchool(app: App, policy: Record<string, unknown> = {}) {
  const s = await journalSchool(app, policy);
  await app.db.db.update(groups).set({ gradeLevel: 5 }).where(eq(groups.id, s.group.id));
  const loaded = await app.http!.inject({ method: 'PUT', url: '/v1/study-periods', headers: s.auth, payload: YEAR_2026 as object });
  if (loaded.statusCode !== 200) throw new Error(`study periods: ${loaded.body}`);
  const control = await s.seed.lesson(s.course, '2026-09-15', '09:00', { workType: 'control' });
  const plain = await s.seed.lesson(s.course, '2026-09-22');
  const other = await s.seed.lesson(s.course, '2026-10-06');
  const { ivanov, abramova } = s.students;
  const j = app.services.journal;
  await j.addGrades(s.api, control.id, [
    { studentId: ivanov.id, value: '5' },
    { studentId: abramova.id, value: '3' },
  ]);
  await j.addGrades(s.api, plain.id, [{ studentId: ivanov.id, value: '4' }]);
  const [, lab] = await j.addGrades(s.api, other.id, [
    { studentId: ivanov.id, value: '4' },
    { studentId: abramova.id, value: '5' },
  ]);
  await app.db.db.update(grades).set({ workType: 'lab' }).where(eq(grades.id, lab!.id));
  return { ...s, lessons: { control, plain, other } };
}
