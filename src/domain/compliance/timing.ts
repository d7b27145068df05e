import { addLocalDays, instantAt, isoWeekday, localDateOf, type LocalDate } from '../shared/dates.js';
import { missingParts, type Lesson } from '../lessons/types.js';
import type { LessonPart, SchoolPolicy } from '../schools/policy.js';

const MINUTE = 60_000;

/** The instant a lesson day's journal is due ('24:00' is the next midnight, '23:59' one minute before it). */
export function deadlineOf(date: LocalDate, policy: Pick<SchoolPolicy, 'fillDeadline'>, tz: string): Date {
  return instantAt(date, policy.fillDeadline, tz);
}

/** The last reminder of a day: never held back by quiet hours. */
export function lastReminderAt(date: LocalDate, policy: SchoolPolicy, tz: string): Date {
  return new Date(deadlineOf(date, policy, tz).getTime() - policy.reminderBeforeDeadlineMinutes * MINUTE);
}

export function escalationAt(date: LocalDate, policy: Pick<SchoolPolicy, 'fillDeadline' | 'escalationDelayMinutes'>, tz: string): Date {
  return new Date(deadlineOf(date, policy, tz).getTime() + policy.escalationDelayMinutes * MINUTE);
}

export function isWorkingDay(date: LocalDate, policy: Pick<SchoolPolicy, 'workingDays'>): boolean {
  return policy.workingDays.includes(isoWeekday(date));
}

export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/** The inclusive local date range of the day, ISO week (Monday..Sunday) or month containing `date`. */
export function periodRange(period: Period, date: LocalDate): { from: LocalDate; to: LocalDate } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') {
    const from = addLocalDays(date, 1 - isoWeekday(date));
    return { from, to: addLocalDays(from, 6) };
  }
  const from = `${date.slice(0, 7)}-01`;
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addLocalDays(next, -1) };
}

/** Lessons the teacher must fill that are still missing a required part. */
export function incomplete<T extends Pick<Lesson, 'attendanceFilledAt' | 'topicFilledAt' | 'homeworkFilledAt'>>(
  lessons: T[],
  parts: readonly LessonPart[],
): (T & { missing: LessonPart[] })[] {
  return lessons.map((l) => ({ ...l, missing: missingParts(l, parts) })).filter((l) => l.missing.length > 0);
}

export const today = (now: Date, tz: string) => localDateOf(now, tz);
