import type { School } from '../schools/types.js';
import { weightedAverage } from '../year/final-grades.js';
import { fullName } from './day.js';
import type { ClassGradeRow, ClassStudent, RiskEntry, RiskReason, SheetRow, SubjectAverage } from './types.js';

/** Below this weighted average a period mark rounds to 2 (or less): failing. */
export const FAILING_BELOW = 2.5;
/** How many of a subject's latest marks the "recent 2s" rule looks at. */
export const RECENT_MARKS = 3;

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

/** Each student's marks in one subject in date order, with the weighted average. */
export function sheetRows(
  grades: readonly ClassGradeRow[],
  students: readonly ClassStudent[],
  subjectId: number,
  school: School,
): SheetRow[] {
  return students.map((s) => {
    const marks = grades.filter((g) => g.studentId === s.id && g.subjectId === subjectId);
    return {
      studentId: s.id,
      name: fullName(s),
      marks: marks.map((m) => m.value),
      average: weightedAverage(marks, school.policy.workTypes),
    };
  });
}

/** Per subject: the mean of the students' averages, how many have marks, how many are failing. */
export function subjectAverages(
  grades: readonly ClassGradeRow[],
  students: readonly ClassStudent[],
  subjects: readonly { id: number; name: string }[],
  school: School,
): SubjectAverage[] {
  return subjects.map((subject) => {
    const rows = sheetRows(grades, students, subject.id, school);
    const averages = rows.map((r) => r.average).filter((a): a is number => a !== null);
    return {
      subjectId: subject.id,
      subject: subject.name,
      average: mean(averages),
      graded: rows.filter((r) => r.marks.length).length,
      failing: averages.filter((a) => a < FAILING_BELOW).length,
    };
  });
}

/**
 * Students at risk in a subject: a failing weighted average, or at least `recentTwos` 2s among
 * their last RECENT_MARKS numeric marks. Ordered by the class list, then subject.
 */
export function riskEntries(
  grades: readonly ClassGradeRow[],
  students: readonly ClassStudent[],
  subjects: readonly { id: number; name: string }[],
  school: School,
): RiskEntry[] {
  const recentTwos = school.policy.riskRecentTwos;
  const entries: RiskEntry[] = [];
  for (const s of students) {
    for (const subject of subjects) {
      const marks = grades.filter((g) => g.studentId === s.id && g.subjectId === subject.id);
      const reasons: RiskReason[] = [];
      const average = weightedAverage(marks, school.policy.workTypes);
      if (average !== null && average < FAILING_BELOW) reasons.push({ kind: 'failing', average });
      const recent = marks.filter((m) => Number.isFinite(Number(m.value))).slice(-RECENT_MARKS);
      const twos = recent.filter((m) => m.value === '2').length;
      if (twos >= recentTwos) reasons.push({ kind: 'recentTwos', twos, of: recent.length });
      if (reasons.length) entries.push({ studentId: s.id, name: fullName(s), subject: subject.name, reasons });
    }
  }
  return entries;
}

export { mean };
