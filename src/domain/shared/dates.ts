import { TZDate } from '@date-fns/tz';
import { format, isValid, parseISO, type Locale as DateLocale } from 'date-fns';

/** A calendar date 'YYYY-MM-DD' as the school sees it. */
export type LocalDate = string;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The dates the journal takes. Nothing in a school's journal lies outside them, and year 0000
 * parses in JavaScript yet is refused by PostgreSQL, so a date beyond them is a typo to
 * report, never a value to store or compute with.
 */
export const FIRST_LOCAL_DATE: LocalDate = '2000-01-01';
export const LAST_LOCAL_DATE: LocalDate = '2100-12-31';
/** How a refused date is described to whoever sent it. */
export const LOCAL_DATE_RULE = `a date YYYY-MM-DD from ${FIRST_LOCAL_DATE} to ${LAST_LOCAL_DATE}`;

/** A real day of the calendar, any year: for birth dates, which are not journal dates. */
export function isCalendarDate(value: string): boolean {
  return DATE_RE.test(value) && isValid(parseISO(value));
}

/** Written YYYY-MM-DD within FIRST_LOCAL_DATE..LAST_LOCAL_DATE; whether the day exists is isLocalDate's question. */
export function isLocalDateInRange(value: string): boolean {
  return DATE_RE.test(value) && value >= FIRST_LOCAL_DATE && value <= LAST_LOCAL_DATE;
}

/** A day the journal can hold: a real one within FIRST_LOCAL_DATE..LAST_LOCAL_DATE. */
export function isLocalDate(value: string): boolean {
  return isLocalDateInRange(value) && isCalendarDate(value);
}

export function isLocalTime(value: string): boolean {
  return TIME_RE.test(value);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

// One formatter per timezone: building an Intl.DateTimeFormat costs far more than using one,
// and every editability check and reminder scan asks for "today" in the school's timezone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * The last answer per timezone, by the minute it was asked for: formatting costs about 15 µs
 * and a save asks twice. Every offset in use is a whole number of minutes, so the local date
 * cannot change within a minute of UTC.
 */
const lastDay = new Map<string, { minute: number; date: LocalDate }>();

/** The date it is now in `tz`. */
export function localDateOf(instant: Date, tz: string): LocalDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDay.get(tz);
  if (last && last.minute === minute) return last.date;
  let f = dayFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, f);
  }
  let y = '',
    m = '',
    d = '';
  for (const part of f.formatToParts(instant)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') m = part.value;
    else if (part.type === 'day') d = part.value;
  }
  const date = `${y}-${m}-${d}`;
  lastDay.set(tz, { minute, date });
  return date;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time 'HH:mm' it is at `instant` in `tz` (every quiet-hours check asks). */
export function localTimeOf(instant: Date, tz: string): string {
  let f = clockFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(tz, f);
  }
  return f.format(instant);
}

/** The instant of a wall-clock time on a local date in `tz` ('24:00' means the next midnight). */
export function instantAt(date: LocalDate, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, tz).getTime());
}

/** Calendar arithmetic on the date alone (in UTC, where no day is 23 or 25 hours long). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  // Date.UTC from the parts: parsing the ISO text cost more than the rest (every editability check does this).
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1;
  const day = Number(date.slice(8, 10));
  // Strict as parsing was: no 30 February rolling over into March.
  const check = new Date(Date.UTC(y, m, day));
  if (!DATE_RE.test(date) || check.getUTCDate() !== day || check.getUTCMonth() !== m) throw new RangeError(`Invalid local date: ${date}`);
  return new Date(Date.UTC(y, m, day + days)).toISOString().slice(0, 10);
}

/** Whole calendar months later (negative: earlier); the 31st falls back to the month's last day. */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(Number(date.slice(8, 10)), last))).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = parseISO(date).getDay();
  return day === 0 ? 7 : day;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((parseISO(to).getTime() - parseISO(from).getTime()) / 86_400_000);
}

/*
 * The one way a date becomes text, for the bot, the notices and the documents alike: an
 * instant is first the school's local date (localDateOf) or time (localTimeOf), then a
 * date-fns pattern with the month and weekday names of `locale` (date-fns' own locales).
 * Going through the local date spares a TZDate per call; the answers are remembered because
 * a screen asks for the same few days again and again, and date-fns' `format` measured about
 * seven times an Intl formatter's cost.
 */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 5_000;

export function formatLocalDate(date: LocalDate, pattern: string, locale?: DateLocale): string {
  const key = `${date}|${locale?.code ?? ''}|${pattern}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7)) - 1;
    const d = Number(date.slice(8, 10));
    text = format(new Date(y, m, d), pattern, { locale });
    // Days go by: start afresh now and then rather than keep every day of a long-running process.
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** 'YYYY-MM-DD' -> 'DD.MM.YYYY', as Russian documents and the bot's short ranges write dates. */
export const numericDate = (date: LocalDate): string => formatLocalDate(date, 'dd.MM.yyyy');
