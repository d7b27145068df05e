import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { NotFoundError, ReadOnlyError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import { inClosedYear, loadEditContext } from './access.js';
import { finalWindowProblem, loadFinalRules, minimumMessage } from './final-grade-checks.js';
import { assertCourseAccess, courseRules, finalOptionsOf, readSheet, type FinalOptions, type FinalSheet } from './final-sheet.js';
import { normalizeGradeValue } from './grade-rules.js';
import { gradeAudit } from './grades.js';
import type { Grade, GradeChange, GradeWrite, JournalEvents } from './types.js';

export interface TermGradeInput {
  studentId: number;
  value: string;
}

export interface TermGradesResult {
  /** Grades written (new, or replacing a different mark). */
  saved: Grade[];
  /** Students whose term grade already had that mark: nothing written. */
  unchanged: number[];
  /** Students saved under the policy's minimum of current grades (rule 'warn'). */
  warned: number[];
  /** takeSuggestions only: students left for the teacher (no suggestion, or refused by the minimum). */
  skipped: number[];
}

export function createFinalGrades({ uow, clock, events }: { uow: UnitOfWork; clock: Clock; events?: JournalEvents }) {
  const today = (tz: string) => localDateOf(clock.now(), tz);

  async function write(
    principal: Principal,
    courseId: number,
    term: number,
    pick: (sheet: FinalSheet) => { items: TermGradeInput[]; skipped: number[] },
  ): Promise<TermGradesResult> {
    return uow.transaction(async (repos) => {
      // Taps of one course queue up: a double tap finds the grade the first one wrote.
      const cls = assertCourseAccess(principal, await repos.finalGrades.lockCourse(courseId), courseId, 'write');
      const ctx = await loadEditContext(repos, clock, cls.schoolId);
      if (inClosedYear(ctx.today, ctx)) throw new ReadOnlyError('The school year is closed', 'closed_year');
      const rules = await loadFinalRules(repos, cls, ctx);
      const sheet = await readSheet(repos, cls, rules, term, principal);
      if (!sheet.open) throw new ValidationError('The term grades are not accepted now', [finalWindowProblem(rules, 'term', term)!]);
      const { items, skipped } = pick(sheet);
      const details: ErrorDetail[] = [];
      const result: TermGradesResult = { saved: [], unchanged: [], warned: [], skipped };
      const writes: { row: GradeWrite; before: Grade | null }[] = [];
      for (const [i, item] of items.entries()) {
        const at = (field: string, message: string) => details.push({ path: `grades[${i}].${field}`, message });
        const entry = sheet.students.find((s) => s.student.id === item.studentId);
        const value = normalizeGradeValue(item.value, sheet.scale);
        if (!entry) at('studentId', `student ${item.studentId} is not in the class during term ${term}`);
        if ('error' in value) at('value', value.error);
        if (!entry || 'error' in value) continue;
        if (principal.kind === 'user' && entry.minimum === 'refuse')
          at('studentId', `student ${item.studentId} ${minimumMessage(entry.marks.length, sheet.minCurrentGrades)}`);
        if (entry.final?.externalId && principal.kind === 'user')
          at('studentId', 'this term grade came from the main journal: change it there');
        if (entry.final?.value === value.value) {
          result.unchanged.push(item.studentId);
          continue;
        }
        if (principal.kind === 'user' && entry.minimum === 'warn') result.warned.push(item.studentId);
        writes.push({
          before: entry.final ? await repos.journal.findGrade(entry.final.id) : null,
          row: {
            schoolId: cls.schoolId,
            courseId: cls.courseId,
            lessonId: null,
            studentId: item.studentId,
            kind: 'term',
            term,
            value: value.value,
            // A term grade sums the period up: it is of no work type and weighs in no average.
            workType: null,
            comment: null,
            // Dated inside its period, so reports by date count it there even when entered in the break.
            date: [ctx.today, sheet.window.period.to].sort()[0]!,
            externalId: null,
            createdBy: actorIdOf(principal),
          },
        });
      }
      if (details.length) throw new ValidationError('Some term grades are invalid; none were saved', details);
      if (!writes.length) return result;
      const now = clock.now();
      for (const w of writes) if (w.before) await repos.journal.markGradeDeleted(w.before.id, now);
      result.saved = await repos.journal.insertGrades(
        writes.map((w) => w.row),
        now,
      );
      const changes: GradeChange[] = result.saved.map((g, i) => ({ before: writes[i]!.before, after: g }));
      await repos.audit.record(
        changes.map((c) => ({
          schoolId: cls.schoolId,
          actorId: actorIdOf(principal),
          via: viaOf(principal),
          entity: 'grade',
          entityId: c.after!.id,
          action: c.before ? 'update' : 'create',
          before: c.before ? gradeAudit(c.before) : null,
          after: gradeAudit(c.after!),
        })),
      );
      if (events) await events.gradesChanged(repos, { lesson: null, changes, principal });
      return result;
    });
  }

  return {
    /** Which final grades are open in a course today: the school's rules, so anyone of the school may ask (a substitute's grade keyboard). */
    async finalOptions(principal: Principal, courseId: number): Promise<FinalOptions> {
      const cls = await uow.repos.finalGrades.courseClass(courseId);
      if (!cls || !sameSchool(principal, cls.schoolId)) throw new NotFoundError('Course', courseId);
      const mine = principal.kind !== 'user' || principal.userId === cls.teacherId;
      return finalOptionsOf(await courseRules(uow.repos, cls, today), mine);
    },

    async finalSheet(principal: Principal, courseId: number, term?: number): Promise<FinalSheet> {
      const cls = assertCourseAccess(principal, await uow.repos.finalGrades.courseClass(courseId), courseId, 'read');
      return readSheet(uow.repos, cls, await courseRules(uow.repos, cls, today), term, principal);
    },

    async setTermGrades(principal: Principal, courseId: number, term: number, items: TermGradeInput[]): Promise<TermGradesResult> {
      if (!Array.isArray(items) || items.length === 0 || items.length > 200)
        throw new ValidationError('Send 1 to 200 grades', [{ path: 'grades', message: 'must be a list of 1 to 200 grades' }]);
      return write(principal, courseId, term, () => ({ items, skipped: [] }));
    },

    takeSuggestions(principal: Principal, courseId: number, term: number): Promise<TermGradesResult> {
      return write(principal, courseId, term, (sheet) => {
        const waiting = sheet.students.filter((s) => !s.final);
        const take = waiting.filter((s) => s.suggestion !== null && (principal.kind !== 'user' || s.minimum !== 'refuse'));
        return {
          items: take.map((s) => ({ studentId: s.student.id, value: s.suggestion! })),
          skipped: waiting.filter((s) => !take.includes(s)).map((s) => s.student.id),
        };
      });
    },
  };
}

export type FinalGrades = ReturnType<typeof createFinalGrades>;
