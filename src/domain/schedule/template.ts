import { addLocalDays, daysBetween, instantAt, isLocalDate, isLocalTime, isoWeekday, type LocalDate } from '../shared/dates.js';
import { isInt, nonEmpty, type Problems } from './context.js';
import type { Course, NewLesson } from './types.js';

export type HolidayInput = { date: LocalDate; name?: string } | { from: LocalDate; to: LocalDate; name?: string };
export interface Bell {
  period: number;
  start: string;
  end: string;
}
export interface TemplateSlot {
  weekday: number;
  period: number;
  courseExternalId: string;
  /** The room («Кабинет») of this slot; shown to students when given. */
  room?: string | null;
}

export interface TemplateInput {
  from: LocalDate;
  to: LocalDate;
  holidays?: HolidayInput[];
  bells: Bell[];
  template: TemplateSlot[];
  dryRun?: boolean;
}

export const MAX_TERM_DAYS = 400;

/** Checks the shape of a template request; references to courses are checked by the caller. */
export function validateTemplate(input: TemplateInput, problems: Problems): void {
  const { from, to } = input;
  const fromOk = typeof from === 'string' && isLocalDate(from);
  const toOk = typeof to === 'string' && isLocalDate(to);
  if (!fromOk) problems.add('from', 'must be a date YYYY-MM-DD');
  if (!toOk) problems.add('to', 'must be a date YYYY-MM-DD');
  if (fromOk && toOk) {
    if (from > to) problems.add('to', `must not be before from (${from})`);
    else if (daysBetween(from, to) + 1 > MAX_TERM_DAYS) problems.add('to', `the term may be at most ${MAX_TERM_DAYS} days long`);
  }
  (input.holidays ?? []).forEach((h, i) => {
    const at = `holidays[${i}]`;
    if ('date' in h) {
      if (!isLocalDate(String(h.date))) problems.add(`${at}.date`, 'must be a date YYYY-MM-DD');
    } else {
      const ok = isLocalDate(String(h.from)) && isLocalDate(String(h.to));
      if (!ok) problems.add(at, 'needs "date", or "from" and "to" as dates YYYY-MM-DD');
      else if (h.from > h.to) problems.add(`${at}.to`, 'must not be before from');
      else if (daysBetween(h.from, h.to) + 1 > MAX_TERM_DAYS) problems.add(at, 'a holiday range is too long');
    }
    if (h.name != null && !nonEmpty(h.name, 200)) problems.add(`${at}.name`, 'must be 1 to 200 characters');
  });
  if (!Array.isArray(input.bells) || input.bells.length === 0) problems.add('bells', 'must list the periods with their start and end');
  const periods = new Set<number>();
  (input.bells ?? []).forEach((b, i) => {
    const at = `bells[${i}]`;
    if (!isInt(b.period, 0, 20)) problems.add(`${at}.period`, 'must be an integer from 0 to 20');
    else if (periods.has(b.period)) problems.add(`${at}.period`, `period ${b.period} has two bells`);
    else periods.add(b.period);
    const startOk = isLocalTime(String(b.start));
    const endOk = isLocalTime(String(b.end));
    if (!startOk) problems.add(`${at}.start`, 'must be a time HH:MM');
    if (!endOk) problems.add(`${at}.end`, 'must be a time HH:MM');
    if (startOk && endOk && b.start >= b.end) problems.add(`${at}.end`, 'must be after start');
  });
  if (!Array.isArray(input.template) || input.template.length === 0) problems.add('template', 'must list at least one slot');
  (input.template ?? []).forEach((s, i) => {
    const at = `template[${i}]`;
    if (!isInt(s.weekday, 1, 7)) problems.add(`${at}.weekday`, 'must be an integer from 1 (Monday) to 7 (Sunday)');
    if (!isInt(s.period, 0, 20)) problems.add(`${at}.period`, 'must be an integer from 0 to 20');
    else if (!periods.has(s.period)) problems.add(`${at}.period`, `period ${s.period} has no bell`);
    if (!nonEmpty(s.courseExternalId, 100)) problems.add(`${at}.courseExternalId`, 'is required');
    if (s.room != null && !nonEmpty(s.room, 30)) problems.add(`${at}.room`, 'must be 1 to 30 characters');
  });
}

/**
 * In one period of a weekday a group has one lesson, a teacher is in one place, and a class
 * is either taught whole or in its subgroups: two subgroups of one class side by side are
 * fine, a subgroup beside a lesson of its whole class is not. `classOf` maps a group to its class.
 */
export function checkSlotOverlaps(
  template: TemplateSlot[],
  courses: Map<string, Course>,
  classOf: Map<number, number>,
  problems: Problems,
): void {
  const taken = new Map<string, number>();
  const teaching = new Map<string, number>();
  /** Per class and slot: the template index of a whole-class lesson, and of the first subgroup lesson. */
  const split = new Map<string, { whole?: number; part?: number }>();
  template.forEach((s, i) => {
    const course = courses.get(s.courseExternalId);
    if (!course) return;
    const slot = `${s.weekday}/${s.period}`;
    const when = `on weekday ${s.weekday}, period ${s.period}`;
    const first = taken.get(`${course.groupId}/${slot}`);
    if (first !== undefined) {
      problems.add(`template[${i}]`, `the group already has template[${first}] ${when}`);
      return;
    }
    taken.set(`${course.groupId}/${slot}`, i);
    const busy = teaching.get(`${course.teacherId}/${slot}`);
    if (busy !== undefined) problems.add(`template[${i}]`, `the teacher already teaches template[${busy}] ${when}`);
    else teaching.set(`${course.teacherId}/${slot}`, i);

    const classId = classOf.get(course.groupId) ?? course.groupId;
    const state = split.get(`${classId}/${slot}`) ?? {};
    const whole = classId === course.groupId;
    const other = whole ? state.part : state.whole;
    if (other !== undefined)
      problems.add(`template[${i}]`, `template[${other}] teaches ${whole ? 'a subgroup of this class' : 'the whole class'} ${when}`);
    if (whole) state.whole ??= i;
    else state.part ??= i;
    split.set(`${classId}/${slot}`, state);
  });
}

/** Every date of the holiday list, with its name. */
export function holidayDays(holidays: HolidayInput[]): Map<LocalDate, string | null> {
  const days = new Map<LocalDate, string | null>();
  for (const h of holidays) {
    if ('date' in h) days.set(h.date, h.name ?? null);
    else for (let d = h.from; d <= h.to; d = addLocalDays(d, 1)) days.set(d, h.name ?? null);
  }
  return days;
}

export interface Expansion {
  lessons: NewLesson[];
  schoolDays: number;
  skippedHolidays: LocalDate[];
}

/** Lays the weekly template over the term in memory: the caller writes the result in bulk. */
export function expandTemplate(
  input: TemplateInput,
  ctx: { schoolId: number; timezone: string; workingDays: number[]; holidays: Set<LocalDate>; courses: Map<string, Course> },
): Expansion {
  const bells = new Map(input.bells.map((b) => [b.period, b]));
  const byWeekday = new Map<number, TemplateSlot[]>();
  for (const s of input.template) byWeekday.set(s.weekday, [...(byWeekday.get(s.weekday) ?? []), s]);
  const working = new Set(ctx.workingDays);
  const lessons: NewLesson[] = [];
  const skippedHolidays: LocalDate[] = [];
  let schoolDays = 0;
  for (let date = input.from; date <= input.to; date = addLocalDays(date, 1)) {
    const weekday = isoWeekday(date);
    if (!working.has(weekday)) continue;
    if (ctx.holidays.has(date)) {
      skippedHolidays.push(date);
      continue;
    }
    schoolDays++;
    // Instants are computed once per bell and day, not once per lesson.
    const times = new Map<number, [Date, Date]>();
    for (const slot of byWeekday.get(weekday) ?? []) {
      const course = ctx.courses.get(slot.courseExternalId)!;
      let t = times.get(slot.period);
      if (!t) {
        const bell = bells.get(slot.period)!;
        t = [instantAt(date, bell.start, ctx.timezone), instantAt(date, bell.end, ctx.timezone)];
        times.set(slot.period, t);
      }
      lessons.push({
        schoolId: ctx.schoolId,
        courseId: course.id,
        groupId: course.groupId,
        teacherId: course.teacherId,
        externalId: null,
        date,
        period: slot.period,
        room: slot.room?.trim() || null,
        startsAt: t[0],
        endsAt: t[1],
      });
    }
  }
  return { lessons, schoolDays, skippedHolidays };
}
