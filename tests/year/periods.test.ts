import { describe, expect, it } from 'vitest';
import { currentOrLastPeriod, periodOn, planSchoolYear, termGradeWindow } from '../../src/domain/year/periods.js';
import type { SchoolYearInput, StudyPeriod } from '../../src/domain/year/types.js';
import { YEAR_2026 } from './fixtures.js';
import { ValidationError } from '../../src/domain/shared/errors.js';

function problems(input: SchoolYearInput) {
  try {
    planSchoolYear(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details.map((d) => `${d.path}: ${d.message}`);
  }
  throw new Error('expected the plan to be refused');
}

const asStored = (input: SchoolYearInput): StudyPeriod[] =>
  planSchoolYear(input).map((p, i) => ({ ...p, id: i + 1, schoolId: 1, yearFrom: input.from }));

describe('study periods', () => {
  it('plans quarters and halves side by side, numbered, with sorted grade levels', () => {
    const planned = planSchoolYear(YEAR_2026);
    expect(planned).toHaveLength(6);
    expect(planned.map((p) => `${p.kind} ${p.number} ${p.from}..${p.to}`)).toEqual([
      'quarters 1 2026-09-01..2026-10-24',
      'quarters 2 2026-11-05..2026-12-28',
      'quarters 3 2027-01-12..2027-03-21',
      'quarters 4 2027-04-01..2027-05-26',
      'halves 1 2026-09-01..2026-12-28',
      'halves 2 2027-01-12..2027-05-26',
    ]);
    expect(planned[4]!.gradeLevels).toEqual([10, 11]);
  });

  it('reports every problem at once: inverted, outside the year, overlapping, a long gap, a wrong count, a level twice', () => {
    const bad: SchoolYearInput = {
      from: '2026-09-01',
      to: '2027-05-31',
      divisions: [
        {
          kind: 'quarters',
          gradeLevels: [5, 6],
          periods: [
            { from: '2026-09-01', to: '2026-10-24' },
            { from: '2026-10-20', to: '2026-12-28' },
            { from: '2027-03-21', to: '2027-01-12' },
            { from: '2027-04-01', to: '2027-06-15' },
          ],
        },
        {
          kind: 'halves',
          gradeLevels: [6, 10],
          periods: [
            { from: '2026-09-01', to: '2026-12-28' },
            { from: '2027-02-01', to: '2027-05-26' },
            { from: '2027-05-27', to: '2027-05-28' },
          ],
        },
      ],
    };
    expect(problems(bad)).toEqual([
      'divisions[0].periods[1]: overlaps periods[0] (2026-09-01..2026-10-24)',
      'divisions[0].periods[2].to: ends (2027-01-12) before it begins (2027-03-21)',
      'divisions[0].periods[3]: lies outside the school year 2026-09-01..2027-05-31',
      'divisions[1].gradeLevels: grade level 6 is already in divisions[0]',
      'divisions[1].periods: halves divide the year into 2 periods, got 3',
      'divisions[1].periods[1]: leaves 34 days after periods[0] uncovered (a break is at most 21 days)',
    ]);
  });

  it('refuses impossible dates and an inverted or overlong year', () => {
    expect(problems({ from: '2026-02-30', to: '2026-05-31', divisions: [] })).toEqual([
      'from: must be a date YYYY-MM-DD',
      'divisions: at least one division of the year is required',
    ]);
    expect(problems({ ...YEAR_2026, from: '2027-06-01' })).toContain('to: the year must end after it begins');
    expect(problems({ ...YEAR_2026, to: '2027-09-30' })).toContain('to: a school year is at most one calendar year long');
  });

  it('finds the period of a date by grade level, nothing in the holidays, and the period just ended for final grades', () => {
    const periods = asStored(YEAR_2026);
    expect(periodOn(periods, 5, '2026-10-24')).toMatchObject({ kind: 'quarters', number: 1 });
    expect(periodOn(periods, 10, '2026-10-24')).toMatchObject({ kind: 'halves', number: 1 });
    expect(periodOn(periods, 5, '2026-10-30')).toBeNull();
    expect(currentOrLastPeriod(periods, 5, '2026-10-30')).toMatchObject({ kind: 'quarters', number: 1 });
    expect(currentOrLastPeriod(periods, 5, '2026-08-20')).toBeNull();
    expect(periodOn(periods, 7, '2027-05-27')).toBeNull();
  });

  it('opens term grades 14 days before the period ends and makes them due 2 days before', () => {
    expect(termGradeWindow({ to: '2026-10-24' }, 14, 2)).toEqual({ opens: '2026-10-10', due: '2026-10-22' });
  });
});
