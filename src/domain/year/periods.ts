import { addLocalDays, isLocalDate, type LocalDate } from '../shared/dates.js';
import { ValidationError, type ErrorDetail } from '../shared/errors.js';
import { DIVISION_KINDS, PERIODS_PER_DIVISION, type SchoolYearInput, type StudyPeriod } from './types.js';

/** Grade levels of a Russian school: 1–11 (0 for a preparatory class). */
const MIN_LEVEL = 0;
const MAX_LEVEL = 11;
/**
 * The longest break a school year has between two periods. Autumn, winter and spring holidays
 * last one to two weeks (with the extra February week of first-graders, still under three);
 * a longer gap is a typo in a date, not a holiday.
 */
export const MAX_BREAK_DAYS = 21;
const MAX_YEAR_DAYS = 366;

/** Whole days from a to b (b later: positive). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

type Planned = Omit<StudyPeriod, 'id' | 'schoolId' | 'yearFrom'>;

/**
 * Checks a year's division into periods and returns the periods to store. Every problem is
 * reported at once, each with the path of the value at fault: inverted or invalid dates,
 * periods outside the year, overlaps and over-long gaps inside a division, a wrong number of
 * periods for the kind, a grade level in two divisions. A period may end on a holiday or a
 * weekend: only calendar dates are checked.
 */
export function planSchoolYear(input: SchoolYearInput): Planned[] {
  const details: ErrorDetail[] = [];
  const at = (path: string, message: string) => details.push({ path, message });
  const yearOk = isLocalDate(input.from) && isLocalDate(input.to);
  if (!isLocalDate(input.from)) at('from', 'must be a date YYYY-MM-DD');
  if (!isLocalDate(input.to)) at('to', 'must be a date YYYY-MM-DD');
  if (yearOk && input.from >= input.to) at('to', 'the year must end after it begins');
  if (yearOk && daysBetween(input.from, input.to) >= MAX_YEAR_DAYS) at('to', 'a school year is at most one calendar year long');
  if (!input.divisions.length) at('divisions', 'at least one division of the year is required');

  const levelOwner = new Map<number, number>();
  const planned: Planned[] = [];
  input.divisions.forEach((division, d) => {
    const path = `divisions[${d}]`;
    if (!DIVISION_KINDS.includes(division.kind)) at(`${path}.kind`, `must be one of ${DIVISION_KINDS.join(', ')}`);
    if (!division.gradeLevels.length) at(`${path}.gradeLevels`, 'at least one grade level is required');
    for (const level of division.gradeLevels) {
      if (!Number.isInteger(level) || level < MIN_LEVEL || level > MAX_LEVEL)
        at(`${path}.gradeLevels`, `grade levels are whole numbers from ${MIN_LEVEL} to ${MAX_LEVEL}, got ${level}`);
      else if (levelOwner.has(level)) at(`${path}.gradeLevels`, `grade level ${level} is already in divisions[${levelOwner.get(level)}]`);
      else levelOwner.set(level, d);
    }
    const expected = PERIODS_PER_DIVISION[division.kind];
    if (expected !== undefined && division.periods.length !== expected)
      at(`${path}.periods`, `${division.kind} divide the year into ${expected} periods, got ${division.periods.length}`);

    // After a period with bad dates its neighbours' gaps would only repeat the same mistake.
    let previous: { from: LocalDate; to: LocalDate; index: number } | null | 'unknown' = null;
    division.periods.forEach((period, p) => {
      const pp = `${path}.periods[${p}]`;
      const valid = isLocalDate(period.from) && isLocalDate(period.to);
      if (!isLocalDate(period.from)) at(`${pp}.from`, 'must be a date YYYY-MM-DD');
      if (!isLocalDate(period.to)) at(`${pp}.to`, 'must be a date YYYY-MM-DD');
      if (valid && period.from > period.to) at(`${pp}.to`, `ends (${period.to}) before it begins (${period.from})`);
      if (!valid || period.from > period.to) {
        previous = 'unknown';
        return;
      }
      if (yearOk && (period.from < input.from || period.to > input.to)) at(pp, `lies outside the school year ${input.from}..${input.to}`);
      if (previous === 'unknown') {
        // nothing to compare with
      } else if (previous) {
        if (period.from <= previous.to) at(pp, `overlaps periods[${previous.index}] (${previous.from}..${previous.to})`);
        else {
          const gap = daysBetween(previous.to, period.from) - 1;
          if (gap > MAX_BREAK_DAYS)
            at(pp, `leaves ${gap} days after periods[${previous.index}] uncovered (a break is at most ${MAX_BREAK_DAYS} days)`);
        }
      } else if (yearOk && period.from > input.from) {
        const gap = daysBetween(input.from, period.from);
        if (gap > MAX_BREAK_DAYS) at(pp, `begins ${gap} days after the year does`);
      }
      previous = { from: period.from, to: period.to, index: p };
      planned.push({
        kind: division.kind,
        number: p + 1,
        from: period.from,
        to: period.to,
        gradeLevels: [...division.gradeLevels].sort((a, b) => a - b),
      });
    });
  });
  if (details.length) throw new ValidationError('The study periods are invalid', details);
  return planned;
}

/** The period a date falls in for a grade level; null between periods (holidays) or when none is loaded. */
export function periodOn(periods: readonly StudyPeriod[], gradeLevel: number | null, date: LocalDate): StudyPeriod | null {
  return periods.find((p) => p.from <= date && date <= p.to && (gradeLevel === null || p.gradeLevels.includes(gradeLevel))) ?? null;
}

/**
 * The period whose final grades are current on a date: the one it falls in, or during a break
 * the one that has just ended (term grades are often finished in the holidays).
 */
export function currentOrLastPeriod(periods: readonly StudyPeriod[], gradeLevel: number | null, date: LocalDate): StudyPeriod | null {
  const mine = periods
    .filter((p) => gradeLevel === null || p.gradeLevels.includes(gradeLevel))
    .sort((a, b) => a.from.localeCompare(b.from));
  let last: StudyPeriod | null = null;
  for (const p of mine) {
    if (p.from > date) break;
    last = p;
  }
  return last;
}

/** Term grades of a period: entry opens `openDays` before its last day and is due `dueDays` before it. */
export function termGradeWindow(period: Pick<StudyPeriod, 'to'>, openDays: number, dueDays: number): { opens: LocalDate; due: LocalDate } {
  return { opens: addLocalDays(period.to, -openDays), due: addLocalDays(period.to, -dueDays) };
}
