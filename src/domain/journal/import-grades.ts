import type { Clock } from '../shared/clock.js';
import { isLocalDate } from '../shared/dates.js';
import { ForbiddenError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { viaOf, type Principal } from '../shared/principal.js';
import type { GradeKind } from '../lessons/types.js';
import type { UnitOfWork } from '../ports.js';
import { inClosedYear, loadEditContext } from './access.js';
import { gradeAudit } from './grades.js';
import { gradeShapeProblems, normalizeGradeValue } from './grade-rules.js';
import type { EnrollmentSpan, Grade, GradeChange, GradeWrite, JournalEvents } from './types.js';
import type { ImportGradeDraft, ImportGradeItem, ImportGradesResult } from './views.js';
import { cleanTypedText } from '../shared/text.js';
import { readWorkType } from '../year/work-types.js';

export const MAX_IMPORT_ITEMS = 5000;
const MAX_DETAILS = 500;
const CHUNK = 1000;

type Row = GradeWrite & { externalId: string };

const str = (v: unknown, max = 100): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function sameGrade(a: Grade, b: Row): boolean {
  return (
    !a.deletedAt &&
    a.studentId === b.studentId &&
    a.courseId === b.courseId &&
    a.lessonId === b.lessonId &&
    a.date === b.date &&
    a.kind === b.kind &&
    a.term === b.term &&
    a.value === b.value &&
    a.comment === b.comment &&
    a.workType === b.workType
  );
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Links each grade to its lesson when the course has exactly one lesson that day, so lesson views show it. */
async function attachLessonsWith(repos: UnitOfWork['repos'], rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const dates = rows.map((r) => r.date).sort();
  const found = await repos.journal.lessonDatesOf([...new Set(rows.map((r) => r.courseId))], dates[0]!, dates[dates.length - 1]!);
  const byDay = new Map<string, number[]>();
  for (const l of found) byDay.set(`${l.courseId}|${l.date}`, [...(byDay.get(`${l.courseId}|${l.date}`) ?? []), l.id]);
  for (const r of rows) {
    const ids = byDay.get(`${r.courseId}|${r.date}`);
    r.lessonId = ids?.length === 1 ? ids[0]! : null;
  }
}

export function createGradeImport({ uow, clock, events }: { uow: UnitOfWork; clock: Clock; events?: JournalEvents }) {
  const attachLessons = (rows: Row[]) => attachLessonsWith(uow.repos, rows);
  return {
    async importGrades(principal: Principal, drafts: ImportGradeDraft[]): Promise<ImportGradesResult> {
      // Every field is checked below before it is used, and all problems are reported together.
      const items = drafts as ImportGradeItem[];
      if (principal.kind !== 'api') throw new ForbiddenError('Grades are imported with the school API key');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_IMPORT_ITEMS) {
        throw new ValidationError('The batch is invalid', [
          { path: 'items', message: `must be a list of 1 to ${MAX_IMPORT_ITEMS} grades` },
        ]);
      }
      const schoolId = principal.schoolId;
      const ctx = await loadEditContext(uow.repos, clock, schoolId);
      const details: ErrorDetail[] = [];
      const at = (i: number, field: string, message: string) => details.push({ path: `items[${i}].${field}`, row: i, field, message });

      // Pass 1: each item on its own, and the ids to look up in bulk.
      const seen = new Set<string>();
      const workTypes: (string | null)[] = [];
      const values: (string | null)[] = items.map((item, i) => {
        if (!str(item?.externalId)) at(i, 'externalId', 'must be text of 1 to 100 characters');
        else if (seen.has(item.externalId)) at(i, 'externalId', 'appears twice in the batch');
        else seen.add(item.externalId);
        if (!str(item?.studentExternalId)) at(i, 'studentExternalId', 'must be text of 1 to 100 characters');
        if (!str(item?.courseExternalId)) at(i, 'courseExternalId', 'must be text of 1 to 100 characters');
        if (typeof item?.date !== 'string' || !isLocalDate(item.date)) at(i, 'date', 'must be a date YYYY-MM-DD');
        else if (inClosedYear(item.date, ctx)) at(i, 'date', 'falls in a closed school year');
        if (!item?.kind) at(i, 'kind', 'is required');
        for (const [field, message] of gradeShapeProblems(item ?? {})) at(i, field, message);
        const value = normalizeGradeValue(item?.value, ctx.school.policy.gradeScale);
        if ('error' in value) at(i, 'value', value.error);
        const workType = readWorkType(ctx.school.policy.workTypes, item?.workType);
        if ('error' in workType) at(i, 'workType', workType.error);
        workTypes[i] = 'code' in workType ? workType.code : null;
        return 'value' in value ? value.value : null;
      });

      // Pass 2: what the items refer to, with one query per kind of thing.
      const ids = (key: 'studentExternalId' | 'courseExternalId') => [...new Set(items.filter((x) => str(x?.[key])).map((x) => x[key]))];
      const [students, courses, existing] = await Promise.all([
        uow.repos.journal.studentsByExternalIds(schoolId, ids('studentExternalId')),
        uow.repos.journal.coursesByExternalIds(schoolId, ids('courseExternalId')),
        uow.repos.journal.gradesByExternalIds(schoolId, [...seen]),
      ]);
      const studentOf = new Map(students.map((s) => [s.externalId, s.id]));
      const courseOf = new Map(courses.map((c) => [c.externalId, c]));
      const spans = new Map<number, EnrollmentSpan[]>();
      for (const e of await uow.repos.journal.enrollmentsOf(students.map((s) => s.id)))
        spans.set(e.studentId, [...(spans.get(e.studentId) ?? []), e]);

      const rows: Row[] = [];
      items.forEach((item, i) => {
        const studentId = studentOf.get(item?.studentExternalId);
        const course = courseOf.get(item?.courseExternalId);
        if (str(item?.studentExternalId) && studentId === undefined)
          at(i, 'studentExternalId', `no student "${item.studentExternalId}" in this school`);
        if (str(item?.courseExternalId) && !course) at(i, 'courseExternalId', `no course "${item.courseExternalId}" in this school`);
        if (studentId === undefined || !course || !isLocalDate(String(item.date))) return;
        const inGroup = (spans.get(studentId) ?? []).some(
          (e) => e.groupId === course.groupId && e.fromDate <= item.date && (e.toDate === null || item.date <= e.toDate),
        );
        if (!inGroup) at(i, 'studentExternalId', `the student is not in the course's group on ${item.date}`);
        rows.push({
          schoolId,
          courseId: course.id,
          lessonId: null,
          studentId,
          kind: item.kind as GradeKind,
          term: item.term ?? null,
          value: values[i]!,
          comment: cleanTypedText(item.comment) || null,
          workType: workTypes[i] ?? null,
          date: item.date,
          externalId: item.externalId,
          createdBy: null,
        });
      });
      if (details.length) {
        const shown = details.slice(0, MAX_DETAILS);
        throw new ValidationError(`${details.length} problem(s) in the batch; nothing was saved`, shown);
      }

      await attachLessons(rows);
      const before = new Map(existing.map((g) => [g.externalId!, g]));
      const writes = rows.filter((r) => {
        const old = before.get(r.externalId);
        return !old || !sameGrade(old, r);
      });
      const created = writes.filter((r) => !before.has(r.externalId)).length;
      const result = { created, updated: writes.length - created, unchanged: rows.length - writes.length };
      if (!writes.length) return result;

      await uow.transaction(async (repos) => {
        const now = clock.now();
        const changes: GradeChange[] = [];
        for (const part of chunks(writes)) {
          for (const g of await repos.journal.upsertExternalGrades(part, now))
            changes.push({ before: before.get(g.externalId!) ?? null, after: g });
        }
        for (const part of chunks(changes)) {
          await repos.audit.record(
            part.map((c) => ({
              schoolId,
              actorId: null,
              via: viaOf(principal),
              entity: 'grade',
              entityId: c.after!.id,
              action: c.before ? 'update' : 'create',
              before: c.before && gradeAudit(c.before),
              after: gradeAudit(c.after!),
            })),
          );
        }
        if (events) await events.gradesChanged(repos, { lesson: null, changes, principal });
      });
      return result;
    },
  };
}
