import type { ClassStudent, DayLesson, DayMark, StudentLessonRow, UnexplainedAbsence } from './types.js';

const MISSED: readonly string[] = ['absent', 'sick', 'excused'];
const MARK_ORDER = ['absent', 'sick', 'excused', 'late'];

export const fullName = (s: ClassStudent) => `${s.lastName} ${s.firstName}`;

/** Lessons a student had and that count for attendance: held and filled. */
export const counted = (r: StudentLessonRow) => r.status === 'scheduled' && r.filled;

/**
 * A day missed whole: every lesson held that day was filled and marked н, б or у. A lesson not
 * filled yet leaves the day open (the student may have been there).
 */
export const wholeDayMissed = (day: readonly StudentLessonRow[]) => {
  const held = day.filter((r) => r.status === 'scheduled');
  return held.length > 0 && held.every((r) => r.filled && r.mark !== null && MISSED.includes(r.mark));
};

/**
 * One school day of the class: each lesson once, with the marks other than present of the
 * class's students in it, in the order of the class list.
 */
export function dayLessons(rows: readonly StudentLessonRow[], students: readonly ClassStudent[]): DayLesson[] {
  const order = new Map(students.map((s, i) => [s.id, i]));
  const names = new Map(students.map((s) => [s.id, fullName(s)]));
  const lessons = new Map<number, DayLesson>();
  for (const r of rows) {
    const lesson =
      lessons.get(r.lessonId) ??
      lessons
        .set(r.lessonId, {
          lessonId: r.lessonId,
          period: r.period,
          subject: r.subject,
          groupName: r.groupName,
          state: r.status === 'cancelled' ? 'cancelled' : r.filled ? 'filled' : 'notFilled',
          marks: [],
        })
        .get(r.lessonId)!;
    if (lesson.state === 'filled' && r.mark && r.mark !== 'present')
      lesson.marks.push({ studentId: r.studentId, name: names.get(r.studentId) ?? '', mark: r.mark });
  }
  const rank = (m: DayMark) => MARK_ORDER.indexOf(m.mark) * 10_000 + (order.get(m.studentId) ?? 0);
  for (const l of lessons.values()) l.marks.sort((a, b) => rank(a) - rank(b));
  return [...lessons.values()];
}

/**
 * Students marked н on the day, each with the lessons and the parent's latest answer; those the
 * parent has not answered for first, then by the class list.
 */
export function unexplainedAbsences(rows: readonly StudentLessonRow[], students: readonly ClassStudent[]): UnexplainedAbsence[] {
  const out: UnexplainedAbsence[] = [];
  for (const s of students) {
    const mine = rows.filter((r) => r.studentId === s.id);
    const absent = mine.filter((r) => counted(r) && r.mark === 'absent');
    if (!absent.length) continue;
    out.push({
      studentId: s.id,
      name: fullName(s),
      lessons: absent.map((r) => ({ period: r.period, subject: r.subject })),
      wholeDay: wholeDayMissed(mine),
      parentAnswer: absent.find((r) => r.parentExplanation)?.parentExplanation ?? null,
    });
  }
  const unanswered = (a: UnexplainedAbsence) => (a.parentAnswer === null || a.parentAnswer === 'unknown' ? 0 : 1);
  return out
    .map((a, i) => ({ a, i }))
    .sort((x, y) => unanswered(x.a) - unanswered(y.a) || x.i - y.i)
    .map((x) => x.a);
}
