import type { Locale as DateLocale } from 'date-fns';
// One file per locale: the index of date-fns/locale loads every language it has (over a second under load).
import { enGB } from 'date-fns/locale/en-GB';
import { ru } from 'date-fns/locale/ru';
import type { Locale } from '../domain/access/types.js';
import { formatLocalDate, localDateOf, localTimeOf, type LocalDate } from '../domain/shared/dates.js';

/** Month and weekday names per language; British English writes "1 October 2026". */
const NAMES: Record<Locale, DateLocale> = { ru, en: enGB };

/** The patterns of each language, so the text is the same on every ICU build. */
const PATTERN: Record<Locale, Record<'date' | 'day' | 'dayMonth' | 'month', string>> = {
  ru: { date: "d MMMM yyyy 'г.'", day: 'EEEE, d MMMM', dayMonth: 'd MMMM', month: "LLLL yyyy 'г.'" },
  en: { date: 'd MMMM yyyy', day: 'EEEE d MMMM', dayMonth: 'd MMMM', month: 'LLLL yyyy' },
};

/** "1 октября 2026 г." / "1 October 2026", as the date is in the school's timezone. */
export function formatDate(instant: Date, timezone: string, locale: Locale): string {
  return formatLocalDate(localDateOf(instant, timezone), PATTERN[locale].date, NAMES[locale]);
}

/** "среда, 1 октября" / "Wednesday 1 October" for headings of a school day. */
export function formatDay(instant: Date, timezone: string, locale: Locale): string {
  return formatLocalDate(localDateOf(instant, timezone), PATTERN[locale].day, NAMES[locale]);
}

/** "08:30" on the school's clock, the same in every language. */
export function formatTime(instant: Date, timezone: string): string {
  return localTimeOf(instant, timezone);
}

/** "1 октября" / "1 October" for a local date. */
export function formatDayMonth(date: LocalDate, locale: Locale): string {
  return formatLocalDate(date, PATTERN[locale].dayMonth, NAMES[locale]);
}

/** "октябрь 2026 г." / "October 2026": the month a local date is in. */
export function formatMonth(date: LocalDate, locale: Locale): string {
  return formatLocalDate(date, PATTERN[locale].month, NAMES[locale]);
}
