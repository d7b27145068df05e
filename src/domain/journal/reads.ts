import type { Clock } from '../shared/clock.js';
import { daysBetween, isLocalDate, localDateOf, type LocalDate } from '../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { sameSchool, type Principal } from '../shared/principal.js';
import { missingParts, responsibleTeacherId } from '../lessons/types.js';
import type { UnitOfWork } from '../ports.js';
import type { LessonSnapshot } from './types.js';
import { assertLessonAccess, editabilityOf, isSchoolAdmin, loadEditContext } from './access.js';
import type { DayLesson, GroupJournal, LessonView } from './views.js';

export const MAX_JOURNAL_DAYS = 93;

function assertDate(value: string, path: string): void {
  if (!isLocalDate(value)) throw new ValidationError('A date is invalid', [{ path, message: 'must be a date YYYY-MM-DD' }]);
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** A lesson as its reader sees it on `today` (the school's local date); access is checked before. */
export function lessonViewOf(principal: Principal, snapshot: LessonSnapshot, today: LocalDate): LessonView {
  const { lesson, groupName, subjectName, school, closedYears, students, marks, grades, nextPlanItem, planWorkType } = snapshot;
  const ctx = { school, closedYears, today };
  const byStudent = new Map(marks.map((m) => [m.studentId, m]));
  return {
    lesson,
    groupName,
    subjectName,
    students: students.map((s) => {
      const m = byStudent.get(s.id);
      return { ...s, attendance: m ? { status: m.status, reason: m.reason, parentExplanation: m.parentExplanation } : null };
    }),
    grades,
    suggestedTopic: nextPlanItem,
    suggestedWorkType:
      lesson.workType === null && planWorkType !== null && school.policy.workTypes.some((w) => w.code === planWorkType)
        ? planWorkType
        : null,
    workTypes: school.policy.workTypes,
    missing: lesson.status === 'cancelled' ? [] : missingParts(lesson, school.policy.requiredParts),
    editable: editabilityOf(principal, lesson, 'content', ctx),
    attendanceEditable: editabilityOf(principal, lesson, 'attendance', ctx),
  };
}

export function createJournalReads({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const repos = uow.repos;
  return {
    async lessonsForDay(principal: Principal, date: LocalDate): Promise<DayLesson[]> {
      if (principal.kind !== 'user') throw new ForbiddenError('Only a teacher has a day of lessons');
      assertDate(date, 'date');
      const [records, ctx] = await Promise.all([
        repos.journal.lessonsOfTeacher(principal.schoolId, principal.userId, date),
        loadEditContext(repos, clock, principal.schoolId),
      ]);
      return records.map(({ lesson, groupName, subjectName }) => ({
        lessonId: lesson.id,
        groupId: lesson.groupId,
        groupName,
        subjectName,
        period: lesson.period,
        startsAt: lesson.startsAt,
        endsAt: lesson.endsAt,
        status: lesson.status,
        isSubstitute: lesson.substituteId === principal.userId,
        isResponsible: responsibleTeacherId(lesson) === principal.userId,
        missing: lesson.status === 'cancelled' ? [] : missingParts(lesson, ctx.school.policy.requiredParts),
        editable: editabilityOf(principal, lesson, 'content', ctx),
        attendanceEditable: editabilityOf(principal, lesson, 'attendance', ctx),
      }));
    },

    async getLesson(principal: Principal, lessonId: number): Promise<LessonView> {
      // One statement: every press on a lesson card or attendance keyboard re-reads the lesson.
      const snapshot = await repos.journal.lessonSnapshot(lessonId);
      assertLessonAccess(principal, snapshot, lessonId, 'read');
      return lessonViewOf(principal, snapshot!, localDateOf(clock.now(), snapshot!.school.timezone));
    },

    async groupJournal(principal: Principal, groupId: number, from: LocalDate, to: LocalDate): Promise<GroupJournal> {
      const group = await repos.journal.findGroup(groupId);
      if (!group || !sameSchool(principal, group.schoolId)) throw new NotFoundError('Group', groupId);
      const classTeacher = principal.kind === 'user' && group.classTeacherId === principal.userId;
      if (!isSchoolAdmin(principal, group.schoolId) && !classTeacher)
        throw new ForbiddenError('Only the school administration and the class teacher read a whole group journal');
      assertDate(from, 'from');
      assertDate(to, 'to');
      const span = daysBetween(from, to) + 1;
      if (span < 1 || span > MAX_JOURNAL_DAYS) {
        throw new ValidationError('The date range is invalid', [
          { path: 'to', message: `must be on or after "from" and at most ${MAX_JOURNAL_DAYS} days in all` },
        ]);
      }
      const [records, students] = await Promise.all([
        repos.journal.lessonsOfGroup(groupId, from, to),
        repos.journal.enrolledBetween(groupId, from, to),
      ]);
      const ids = records.map((r) => r.lesson.id);
      const [marks, grades] = await Promise.all([repos.journal.attendanceOf(ids), repos.journal.gradesOfLessons(ids)]);
      const marksOf = groupBy(marks, (m) => m.lessonId);
      const gradesOf = groupBy(grades, (g) => g.lessonId ?? 0);
      return {
        group: { id: group.id, name: group.name },
        from,
        to,
        students,
        lessons: records.map(({ lesson, subjectName }) => ({
          lesson,
          subjectName,
          attendance: (marksOf.get(lesson.id) ?? []).map(({ studentId, status, reason, parentExplanation }) => ({
            studentId,
            status,
            reason,
            parentExplanation,
          })),
          grades: gradesOf.get(lesson.id) ?? [],
        })),
      };
    },
  };
}
