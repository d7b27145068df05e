import type { Clock } from '../shared/clock.js';
import { addLocalDays, localDateOf, type LocalDate } from '../shared/dates.js';
import { inClosedYears, type ClosedYearRange } from '../shared/closed-years.js';
import { ForbiddenError, NotFoundError, ReadOnlyError } from '../shared/errors.js';
import { sameSchool, type Principal } from '../shared/principal.js';
import type { Lesson } from '../lessons/types.js';
import type { School } from '../schools/types.js';
import type { Repositories } from '../ports.js';
import type { LessonRecord } from './types.js';
import type { Editability, ReadOnlyReason } from './views.js';

/** Attendance and grades need the lesson day to have come; topic and homework may be planned ahead. */
export type LessonPartKind = 'attendance' | 'grades' | 'content';

const ADMIN_ROLES = new Set(['administrator', 'director', 'deputy_director']);

export function isSchoolAdmin(principal: Principal, schoolId: number): boolean {
  if (principal.kind === 'system') return true;
  if (principal.schoolId !== schoolId) return false;
  return principal.kind === 'api' || principal.roles.some((r) => ADMIN_ROLES.has(r));
}

/** The teacher, the substitute, the school's API key and the system may change a lesson. */
export function canWrite(principal: Principal, lesson: Pick<Lesson, 'schoolId' | 'teacherId' | 'substituteId'>): boolean {
  if (principal.kind === 'system') return true;
  if (principal.schoolId !== lesson.schoolId) return false;
  if (principal.kind === 'api') return true;
  return principal.userId === lesson.teacherId || principal.userId === lesson.substituteId;
}

/** Writers, school administration and the class teacher of the group may read a lesson. */
export function canRead(principal: Principal, record: LessonRecord): boolean {
  if (canWrite(principal, record.lesson) || isSchoolAdmin(principal, record.lesson.schoolId)) return true;
  return principal.kind === 'user' && principal.schoolId === record.lesson.schoolId && record.classTeacherId === principal.userId;
}

/** Another school's lesson looks missing; a lesson of one's own school that is not one's own is forbidden. */
export function assertLessonAccess(principal: Principal, record: LessonRecord | null, id: number, mode: 'read' | 'write'): LessonRecord {
  if (!record || !sameSchool(principal, record.lesson.schoolId)) throw new NotFoundError('Lesson', id);
  const allowed = mode === 'read' ? canRead(principal, record) : canWrite(principal, record.lesson);
  if (!allowed)
    throw new ForbiddenError(
      mode === 'read' ? 'This lesson is not yours' : 'Only the teacher or the substitute of this lesson can change it',
    );
  return record;
}

/** What editability depends on besides the lesson itself. */
export interface EditContext {
  school: School;
  today: LocalDate;
  closedYears: ClosedYearRange[];
}

export async function loadEditContext(repos: Repositories, clock: Clock, schoolId: number): Promise<EditContext> {
  const found = await repos.journal.editContextOf(schoolId);
  if (!found) throw new NotFoundError('School', schoolId);
  return { ...found, today: localDateOf(clock.now(), found.school.timezone) };
}

export function inClosedYear(date: LocalDate, ctx: EditContext): boolean {
  return inClosedYears(date, ctx.closedYears);
}

/** Why the lesson cannot be changed now, or null. The main journal (API key) ignores the edit window. */
export function readOnlyReason(principal: Principal, lesson: Lesson, part: LessonPartKind, ctx: EditContext): ReadOnlyReason | null {
  if (inClosedYear(lesson.date, ctx)) return 'closed_year';
  if (lesson.status === 'cancelled') return 'cancelled';
  const boundByWindow = principal.kind === 'user';
  if (boundByWindow && ctx.today > addLocalDays(lesson.date, ctx.school.policy.editWindowDays)) return 'edit_window';
  if (part !== 'content' && lesson.date > ctx.today) return 'not_started';
  return null;
}

export function editabilityOf(principal: Principal, lesson: Lesson, part: LessonPartKind, ctx: EditContext): Editability {
  if (!canWrite(principal, lesson)) return { editable: false, reason: 'not_allowed' };
  const reason = readOnlyReason(principal, lesson, part, ctx);
  return { editable: reason === null, reason };
}

const MESSAGES: Record<ReadOnlyReason, string> = {
  cancelled: 'The lesson is cancelled',
  edit_window: 'The lesson can no longer be changed: its edit window is over',
  closed_year: 'The lesson belongs to a closed school year',
  not_started: 'The lesson day has not come yet',
};

export function assertEditable(principal: Principal, lesson: Lesson, part: LessonPartKind, ctx: EditContext): void {
  const reason = readOnlyReason(principal, lesson, part, ctx);
  if (reason) throw new ReadOnlyError(MESSAGES[reason], reason);
}
