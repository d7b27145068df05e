import { inClosedYears } from '../shared/closed-years.js';
import { instantAt, isLocalDate, isLocalTime } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import { adminSchool, auditOf, closedYearsOf, isInt, nonEmpty, Problems, type ScheduleDeps } from './context.js';
import type { NewLesson } from './types.js';

export interface LessonInput {
  externalId?: string | null;
  courseExternalId: string;
  date: string;
  start: string;
  end: string;
  period?: number | null;
  /** The room («Кабинет»); shown to students when given. */
  room?: string | null;
}

export interface LessonImportReport {
  dryRun: boolean;
  created: number;
  /** Already stored with the same course and start. */
  existing: number;
  /** Known by external id but given a new course, date or time. */
  moved: number;
  ids: Record<string, number>;
}

const MAX_LESSONS = 20_000;

function validate(items: LessonInput[], problems: Problems): void {
  if (!Array.isArray(items) || items.length === 0) {
    problems.add('items', 'must be a non-empty list');
    return;
  }
  if (items.length > MAX_LESSONS) {
    problems.add('items', `at most ${MAX_LESSONS} lessons per request`);
    return;
  }
  const externals = new Map<string, number>();
  items.forEach((l, i) => {
    const at = `items[${i}]`;
    if (l.externalId != null) {
      if (!nonEmpty(l.externalId, 100)) problems.add(`${at}.externalId`, 'must be 1 to 100 characters', i + 1);
      else if (externals.has(l.externalId)) problems.add(`${at}.externalId`, `repeats items[${externals.get(l.externalId)}]`, i + 1);
      else externals.set(l.externalId, i);
    }
    if (!nonEmpty(l.courseExternalId, 100)) problems.add(`${at}.courseExternalId`, 'is required', i + 1);
    if (!isLocalDate(String(l.date))) problems.add(`${at}.date`, 'must be a date YYYY-MM-DD', i + 1);
    const startOk = isLocalTime(String(l.start));
    const endOk = isLocalTime(String(l.end));
    if (!startOk) problems.add(`${at}.start`, 'must be a time HH:MM', i + 1);
    if (!endOk) problems.add(`${at}.end`, 'must be a time HH:MM', i + 1);
    if (startOk && endOk && l.start >= l.end) problems.add(`${at}.end`, 'must be after start', i + 1);
    if (l.period != null && !isInt(l.period, 0, 20)) problems.add(`${at}.period`, 'must be an integer from 0 to 20', i + 1);
    if (l.room != null && !nonEmpty(l.room, 30)) problems.add(`${at}.room`, 'must be 1 to 30 characters', i + 1);
  });
}

export function lessonImportOperations(deps: ScheduleDeps) {
  return {
    /** Explicit lessons (one-off or from the main journal); idempotent by external id and by course and start. */
    async importLessons(principal: Principal, items: LessonInput[], options: { dryRun?: boolean } = {}): Promise<LessonImportReport> {
      const school = await adminSchool(deps, principal);
      const problems = new Problems();
      validate(items, problems);
      problems.throwIfAny('The lessons cannot be imported');
      const repo = deps.uow.repos.schedule;
      const courses = new Map(
        (await repo.coursesByExternal(school.id, [...new Set(items.map((l) => l.courseExternalId))])).map((c) => [c.externalId!, c]),
      );
      const closed = await closedYearsOf(deps, school.id);
      const rows: NewLesson[] = [];
      for (const [i, l] of items.entries()) {
        const course = courses.get(l.courseExternalId);
        if (!course) {
          problems.add(`items[${i}].courseExternalId`, `no course "${l.courseExternalId}" in this school`, i + 1);
          continue;
        }
        if (inClosedYears(l.date, closed)) {
          problems.add(`items[${i}].date`, 'falls in a closed school year', i + 1);
          continue;
        }
        rows.push({
          schoolId: school.id,
          courseId: course.id,
          groupId: course.groupId,
          teacherId: course.teacherId,
          externalId: l.externalId ?? null,
          date: l.date,
          period: l.period ?? null,
          room: l.room?.trim() || null,
          startsAt: instantAt(l.date, l.start, school.timezone),
          endsAt: instantAt(l.date, l.end, school.timezone),
        });
      }
      problems.throwIfAny('The lessons cannot be imported');

      const dates = rows.map((r) => r.date).sort();
      const run = async (tx = deps.uow.repos) => {
        const known = new Map(
          (
            await tx.schedule.lessonsByExternal(
              school.id,
              rows.flatMap((r) => (r.externalId ? [r.externalId] : [])),
            )
          ).map((l) => [l.externalId!, l]),
        );
        const keys = await tx.schedule.lessonKeys(
          school.id,
          [...new Set(rows.map((r) => r.courseId))],
          dates[0]!,
          dates[dates.length - 1]!,
        );
        const taken = new Map(keys.map((k) => [`${k.courseId}@${k.startsAt.getTime()}`, k]));
        const batch = new Map<string, number>();
        const fresh: NewLesson[] = [];
        const moves: { id: number; row: NewLesson; before: unknown }[] = [];
        let existing = 0;
        for (const [i, r] of rows.entries()) {
          const key = `${r.courseId}@${r.startsAt.getTime()}`;
          if (batch.has(key)) {
            problems.add(`items[${i}]`, `same course and start as items[${batch.get(key)}]`, i + 1);
            continue;
          }
          batch.set(key, i);
          const byId = r.externalId ? known.get(r.externalId) : undefined;
          const atSlot = taken.get(key);
          if (byId) {
            if (inClosedYears(byId.date, closed)) problems.add(`items[${i}].externalId`, 'names a lesson of a closed school year', i + 1);
            else if (
              byId.courseId === r.courseId &&
              byId.startsAt.getTime() === r.startsAt.getTime() &&
              byId.endsAt.getTime() === r.endsAt.getTime() &&
              byId.period === r.period &&
              byId.room === (r.room ?? null)
            )
              existing++;
            else if (atSlot && atSlot.id !== byId.id)
              problems.add(`items[${i}]`, 'the course already has another lesson at this time', i + 1);
            else
              moves.push({
                id: byId.id,
                row: r,
                before: { courseId: byId.courseId, date: byId.date, startsAt: byId.startsAt, endsAt: byId.endsAt },
              });
          } else if (atSlot) {
            if (r.externalId && atSlot.externalId && atSlot.externalId !== r.externalId)
              problems.add(`items[${i}].externalId`, `the course already has lesson "${atSlot.externalId}" at this time`, i + 1);
            else existing++;
          } else fresh.push(r);
        }
        problems.throwIfAny('The lessons cannot be imported');
        if (options.dryRun) return { created: fresh.length, existing, moved: moves.length };
        const created = await tx.schedule.insertLessons(fresh);
        for (const m of moves) await tx.schedule.moveLesson(m.id, m.row);
        const audit = auditOf(principal, school.id);
        await tx.audit.record([
          ...moves.map((m) =>
            audit('lesson', m.id, 'move', m.before, {
              courseId: m.row.courseId,
              date: m.row.date,
              startsAt: m.row.startsAt,
              endsAt: m.row.endsAt,
            }),
          ),
          ...(created
            ? [audit('schedule', `${dates[0]}..${dates[dates.length - 1]}`, 'import_lessons', undefined, { created, moved: moves.length })]
            : []),
        ]);
        return { created, existing: existing + fresh.length - created, moved: moves.length };
      };
      const counts = options.dryRun ? await run() : await deps.uow.transaction(run);
      const ids: Record<string, number> = {};
      if (!options.dryRun) {
        const externals = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
        for (const l of await repo.lessonsByExternal(school.id, externals)) ids[l.externalId!] = l.id;
      }
      return { dryRun: Boolean(options.dryRun), ...counts, ids };
    },
  };
}
