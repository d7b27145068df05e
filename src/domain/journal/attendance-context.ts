import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import { assertLessonAccess, editabilityOf } from './access.js';
import type { LessonView } from './views.js';

/** What an attendance keyboard needs: the part of LessonView without grades, topic or parts. */
export type AttendanceContext = Pick<LessonView, 'lesson' | 'groupName' | 'subjectName' | 'students' | 'attendanceEditable'>;

/**
 * The lean read behind every attendance tap: the same authorization and editability as
 * getLesson (never act on an id alone), from one database statement.
 */
export function createAttendanceContextRead({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return async function attendanceContext(principal: Principal, lessonId: number): Promise<AttendanceContext> {
    const snapshot = await uow.repos.journal.lessonSnapshot(lessonId);
    const record = assertLessonAccess(principal, snapshot, lessonId, 'read');
    const { school, closedYears } = snapshot!;
    const ctx = { school, closedYears, today: localDateOf(clock.now(), school.timezone) };
    const byStudent = new Map(snapshot!.marks.map((m) => [m.studentId, m]));
    return {
      lesson: record.lesson,
      groupName: record.groupName,
      subjectName: record.subjectName,
      students: snapshot!.students.map((s) => {
        const m = byStudent.get(s.id);
        return { ...s, attendance: m ? { status: m.status, reason: m.reason, parentExplanation: m.parentExplanation } : null };
      }),
      attendanceEditable: editabilityOf(principal, record.lesson, 'attendance', ctx),
    };
  };
}
