import { counted, fullName, wholeDayMissed } from './day.js';
import type { AbsenceCounts, ClassAbsenceView, ClassStudent, StudentLessonRow } from './types.js';

const zero = (): AbsenceCounts => ({ excused: 0, unexcused: 0, parentExplained: 0, late: 0, excusedDays: 0, unexcusedDays: 0 });

/**
 * Counts per student over held, filled lessons: б and у are excused; н is unexcused even when
 * the parent answered the notice (the school accepts an answer by changing the mark to б or у;
 * until then the answer is shown beside the count); оп is lateness, not an absence. A day counts
 * whole when every lesson held that day was filled and missed (wholeDayMissed): excused if none is н.
 */
export function absenceCounts(
  rows: readonly StudentLessonRow[],
  students: readonly ClassStudent[],
): Pick<ClassAbsenceView, 'students' | 'totals' | 'studentCount'> {
  const byStudent = new Map<number, Map<string, StudentLessonRow[]>>();
  for (const r of rows) {
    const days = byStudent.get(r.studentId) ?? byStudent.set(r.studentId, new Map()).get(r.studentId)!;
    (days.get(r.date) ?? days.set(r.date, []).get(r.date)!).push(r);
  }
  const totals = zero();
  const out: ClassAbsenceView['students'] = [];
  for (const s of students) {
    const c = zero();
    for (const lessons of byStudent.get(s.id)?.values() ?? []) {
      for (const l of lessons.filter(counted)) {
        if (l.mark === 'sick' || l.mark === 'excused') c.excused++;
        else if (l.mark === 'absent') {
          c.unexcused++;
          if (l.parentExplanation === 'sick' || l.parentExplanation === 'excused') c.parentExplained++;
        } else if (l.mark === 'late') c.late++;
      }
      if (wholeDayMissed(lessons)) {
        if (lessons.some((l) => l.mark === 'absent')) c.unexcusedDays++;
        else c.excusedDays++;
      }
    }
    for (const k of Object.keys(c) as (keyof AbsenceCounts)[]) totals[k] += c[k];
    if (c.excused || c.unexcused || c.late) out.push({ studentId: s.id, name: fullName(s), ...c });
  }
  return { students: out, totals, studentCount: students.length };
}
