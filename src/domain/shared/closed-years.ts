import type { LocalDate } from './dates.js';
import { ReadOnlyError } from './errors.js';

/**
 * A school year closed by the archive (a `closed_years` row): nothing dated inside it may
 * change any more, whichever service is asked, so the archive stays what was signed.
 */
export interface ClosedYearRange {
  fromDate: LocalDate;
  toDate: LocalDate;
}

export function inClosedYears(date: LocalDate, years: readonly ClosedYearRange[]): boolean {
  return years.some((y) => y.fromDate <= date && date <= y.toDate);
}

/** Whether any day of from..to (inclusive) falls in a closed year. */
export function overlapsClosedYears(from: LocalDate, to: LocalDate, years: readonly ClosedYearRange[]): boolean {
  return years.some((y) => y.fromDate <= to && from <= y.toDate);
}

export function assertOpenYear(date: LocalDate, years: readonly ClosedYearRange[], what = 'The lesson'): void {
  if (inClosedYears(date, years)) throw new ReadOnlyError(`${what} belongs to a closed school year`, 'closed_year');
}
