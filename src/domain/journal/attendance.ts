import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import type { AttendanceStatus } from '../lessons/types.js';
import type { Repositories, UnitOfWork } from '../ports.js';
import { assertEditable, assertLessonAccess } from './access.js';
import { ATTENDANCE_STATUSES, type AttendanceChange, type AttendanceWrite, type JournalEvents } from './types.js';
import type { AttendanceInput, LessonView } from './views.js';
import { lessonViewOf } from './reads.js';
import { cleanTypedText } from '../shared/text.js';

export const MAX_REASON = 300;

type Mark = { status: AttendanceStatus; reason: string | null };

/** Checks the shape of the input; who may be marked is checked against the roster later. */
function parseMarks(input: AttendanceInput): Map<number, Mark> {
  const marks = new Map<number, Mark>();
  if ('allPresent' in input && input.allPresent === true) return marks;
  if (!('marks' in input) || !Array.isArray(input.marks)) {
    throw new ValidationError('Send either allPresent: true or a list of marks', [{ path: 'marks', message: 'is required' }]);
  }
  const details: ErrorDetail[] = [];
  input.marks.forEach((m, i) => {
    if (!Number.isInteger(m?.studentId)) details.push({ path: `marks[${i}].studentId`, message: 'must be a student id' });
    else if (marks.has(m.studentId)) details.push({ path: `marks[${i}].studentId`, message: 'the student is marked twice' });
    if (!ATTENDANCE_STATUSES.includes(m?.status))
      details.push({ path: `marks[${i}].status`, message: `must be one of ${ATTENDANCE_STATUSES.join(', ')}` });
    const reason = cleanTypedText(m?.reason) || null;
    if (m?.reason != null && typeof m.reason !== 'string') details.push({ path: `marks[${i}].reason`, message: 'must be text' });
    if (reason && reason.length > MAX_REASON)
      details.push({ path: `marks[${i}].reason`, message: `must be at most ${MAX_REASON} characters` });
    if (Number.isInteger(m?.studentId)) marks.set(m.studentId, { status: m.status, reason });
  });
  if (details.length) throw new ValidationError('The attendance marks are invalid', details);
  return marks;
}

/** The marks to save: given outright, or decided from the lesson as it is under the save's lock. */
type Marks = AttendanceInput | ((current: LessonView) => AttendanceInput);

export function createAttendanceWrites({ uow, clock, events }: { uow: UnitOfWork; clock: Clock; events?: JournalEvents }) {
  /**
   * One save. `saved` is the lesson as getLesson would show it after the commit, built from what
   * was read under the lock and what was written, so a caller that shows it reads nothing again.
   */
  const save = (principal: Principal, lessonId: number, input: Marks) =>
    uow.transaction(async (repos: Repositories) => {
      // The lock makes a teacher and a substitute saving at once queue up: the last one wins, and
      // its audit is exact. The snapshot (lesson, school, roster, saved marks) is read after it, in
      // a statement of its own, so that it sees what the other save committed.
      const snapshot = await repos.journal.lockedSnapshot(lessonId);
      const { lesson } = assertLessonAccess(principal, snapshot, lessonId, 'write');
      const { school, closedYears, students: roster } = snapshot!;
      const today = localDateOf(clock.now(), school.timezone);
      const marks = parseMarks(typeof input === 'function' ? input(lessonViewOf(principal, snapshot!, today)) : input);
      assertEditable(principal, lesson, 'attendance', { school, closedYears, today });

      const enrolled = new Set(roster.map((s) => s.id));
      const strangers = [...marks.keys()].filter((id) => !enrolled.has(id));
      if (strangers.length) {
        throw new ValidationError(
          'Some students are not in the group on the lesson date',
          strangers.map((id) => ({
            path: `marks[${[...marks.keys()].indexOf(id)}].studentId`,
            message: `student ${id} is not in the group on ${lesson.date}`,
          })),
        );
      }

      const saved = new Map(snapshot!.marks.map((a) => [a.studentId, a]));
      const now = clock.now();
      const changes: AttendanceChange[] = [];
      const writes: AttendanceWrite[] = [];
      for (const student of roster) {
        // The bot sends only the exceptions: everyone else is present.
        const after = marks.get(student.id) ?? { status: 'present', reason: null };
        const prev = saved.get(student.id);
        const before = prev ? { status: prev.status, reason: prev.reason } : null;
        if (before && before.status === after.status && before.reason === after.reason) continue;
        changes.push({ studentId: student.id, before, after });
        writes.push({ lessonId: lesson.id, studentId: student.id, ...after, markedBy: actorIdOf(principal), markedAt: now });
      }

      // The writes do not depend on each other, so they are sent together: one round trip
      // instead of four while the lesson stays locked (the transaction runs them in order, and
      // any failure rolls all of them back).
      const current = lesson.attendanceFilledAt ? lesson : { ...lesson, attendanceFilledAt: now };
      await Promise.all([
        writes.length ? repos.journal.saveAttendance(writes) : null,
        writes.length
          ? repos.audit.record(
              changes.map((c) => ({
                schoolId: lesson.schoolId,
                actorId: actorIdOf(principal),
                via: viaOf(principal),
                entity: 'attendance',
                entityId: `${lesson.id}:${c.studentId}`,
                action: c.before ? 'update' : 'create',
                before: c.before,
                after: c.after,
              })),
            )
          : null,
        lesson.attendanceFilledAt ? null : repos.journal.markAttendanceFilled(lesson.id, now),
        changes.length && events ? events.attendanceChanged(repos, { lesson: current, school, changes, principal }) : null,
      ]);
      // The upsert keeps a parent's explanation of a mark; a new mark has none.
      const after = writes.map((w) => ({
        studentId: w.studentId,
        status: w.status,
        reason: w.reason,
        parentExplanation: saved.get(w.studentId)?.parentExplanation ?? null,
      }));
      const written = new Set(writes.map((w) => w.studentId));
      const savedSnapshot = {
        ...snapshot!,
        lesson: current,
        marks: [...snapshot!.marks.filter((m) => !written.has(m.studentId)), ...after],
      };
      return { changes, saved: () => lessonViewOf(principal, savedSnapshot, today) };
    });

  return {
    async saveAttendance(principal: Principal, lessonId: number, input: AttendanceInput): Promise<AttendanceChange[]> {
      return (await save(principal, lessonId, input)).changes;
    },
    async updateAttendance(
      principal: Principal,
      lessonId: number,
      decide: (current: LessonView) => AttendanceInput,
    ): Promise<{ changes: AttendanceChange[]; lesson: LessonView }> {
      const { changes, saved } = await save(principal, lessonId, decide);
      return { changes, lesson: saved() };
    },
  };
}
