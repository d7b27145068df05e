import { overlapsClosedYears } from '../shared/closed-years.js';
import { isLocalDate } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import { adminSchool, auditOf, closedYearsOf, Problems, type ScheduleDeps } from './context.js';
import { checkSlotOverlaps, expandTemplate, holidayDays, validateTemplate, type TemplateInput } from './template.js';

export interface GenerationReport {
  dryRun: boolean;
  from: string;
  to: string;
  /** Working days of the term that are not holidays. */
  schoolDays: number;
  /** Working days skipped because they are holidays. */
  holidaysSkipped: number;
  /** Holiday dates stored for the school by this run. */
  holidaysStored: number;
  lessons: { total: number; created: number; existing: number };
  warnings: { path: string; message: string }[];
}

export function generationOperations(deps: ScheduleDeps) {
  return {
    /**
     * Creates every lesson of a term from a weekly template. Everything is checked before
     * anything is written; a second run finds the lessons and creates nothing.
     */
    async generateFromTemplate(principal: Principal, input: TemplateInput): Promise<GenerationReport> {
      const school = await adminSchool(deps, principal);
      const problems = new Problems();
      validateTemplate(input, problems);
      const wanted = [...new Set((input.template ?? []).map((s) => s.courseExternalId).filter((x) => typeof x === 'string'))];
      const found = await deps.uow.repos.schedule.coursesByExternal(school.id, wanted);
      const courses = new Map(found.map((c) => [c.externalId!, c]));
      (input.template ?? []).forEach((s, i) => {
        if (typeof s.courseExternalId === 'string' && s.courseExternalId && !courses.has(s.courseExternalId)) {
          problems.add(`template[${i}].courseExternalId`, `no course "${s.courseExternalId}" in this school`);
        }
      });
      const classOf = await deps.uow.repos.schedule.classesOfGroups([...new Set(found.map((c) => c.groupId))]);
      checkSlotOverlaps(input.template ?? [], courses, classOf, problems);
      if (
        isLocalDate(String(input.from)) &&
        isLocalDate(String(input.to)) &&
        overlapsClosedYears(input.from, input.to, await closedYearsOf(deps, school.id))
      ) {
        problems.add('from', 'the period overlaps a closed school year');
      }
      problems.throwIfAny('The schedule template is invalid');

      const warnings: GenerationReport['warnings'] = [];
      const working = new Set(school.policy.workingDays);
      input.template.forEach((s, i) => {
        if (!working.has(s.weekday))
          warnings.push({
            path: `template[${i}].weekday`,
            message: `weekday ${s.weekday} is not a working day of the school; no lessons were made for it`,
          });
      });

      const given = holidayDays(input.holidays ?? []);
      const stored = await deps.uow.repos.schedule.holidayDates(school.id, input.from, input.to);
      const holidays = new Set([...given.keys(), ...stored]);
      const { lessons, schoolDays, skippedHolidays } = expandTemplate(input, {
        schoolId: school.id,
        timezone: school.timezone,
        workingDays: school.policy.workingDays,
        holidays,
        courses,
      });

      const courseIds = [...new Set(found.map((c) => c.id))];
      const run = async (tx = deps.uow.repos) => {
        const existing = await tx.schedule.lessonKeys(school.id, courseIds, input.from, input.to);
        const have = new Set(existing.map((l) => `${l.courseId}@${l.startsAt.getTime()}`));
        const fresh = lessons.filter((l) => !have.has(`${l.courseId}@${l.startsAt.getTime()}`));
        if (input.dryRun) return { created: fresh.length, holidaysStored: [...given.keys()].filter((d) => !stored.includes(d)).length };
        const holidaysStored = await tx.schedule.addHolidays(
          school.id,
          [...given].map(([date, name]) => ({ date, name })),
        );
        const created = await tx.schedule.insertLessons(fresh);
        await tx.audit.record([
          auditOf(principal, school.id)('schedule', `${input.from}..${input.to}`, 'generate', undefined, {
            from: input.from,
            to: input.to,
            created,
            holidaysStored,
            slots: input.template.length,
          }),
        ]);
        return { created, holidaysStored };
      };
      const { created, holidaysStored } = input.dryRun ? await run() : await deps.uow.transaction(run);
      return {
        dryRun: Boolean(input.dryRun),
        from: input.from,
        to: input.to,
        schoolDays,
        holidaysSkipped: skippedHolidays.length,
        holidaysStored,
        lessons: { total: lessons.length, created, existing: lessons.length - created },
        warnings,
      };
    },
  };
}
