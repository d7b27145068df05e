import type { LocalDate } from '../shared/dates.js';

/** How a school divides its year for some grade levels: четверти, триместры or полугодия. */
export type DivisionKind = 'quarters' | 'trimesters' | 'halves';

export const PERIODS_PER_DIVISION: Record<DivisionKind, number> = { quarters: 4, trimesters: 3, halves: 2 };
export const DIVISION_KINDS = ['quarters', 'trimesters', 'halves'] as const satisfies readonly DivisionKind[];

/** One study period (1 четверть, 2 полугодие …) for the grade levels of its division. */
export interface StudyPeriod {
  id: number;
  schoolId: number;
  /** The school year it belongs to, by its first day: 2026-09-01 for 2026/2027. */
  yearFrom: LocalDate;
  kind: DivisionKind;
  /** 1-based position in the division. */
  number: number;
  from: LocalDate;
  /** Last day, inclusive. */
  to: LocalDate;
  gradeLevels: number[];
}

/** What an administrator loads: the year's bounds and one division per group of grade levels. */
export interface SchoolYearInput {
  from: LocalDate;
  to: LocalDate;
  divisions: { kind: DivisionKind; gradeLevels: number[]; periods: { from: LocalDate; to: LocalDate }[] }[];
}

export interface StudyPeriodRepository {
  /** Every period of the school's year that starts on `yearFrom`, ordered by grade levels and number. */
  listForYear(schoolId: number, yearFrom: LocalDate): Promise<StudyPeriod[]>;
  /** The periods of the school year that contains `date`, if one is loaded. */
  listAround(schoolId: number, date: LocalDate): Promise<StudyPeriod[]>;
  /** Periods of any year that share a day with from..to. */
  overlapping(schoolId: number, from: LocalDate, to: LocalDate): Promise<StudyPeriod[]>;
  /** Replaces the year's periods with these (inside the caller's transaction). */
  replaceYear(schoolId: number, yearFrom: LocalDate, periods: Omit<StudyPeriod, 'id' | 'schoolId' | 'yearFrom'>[]): Promise<StudyPeriod[]>;
}
