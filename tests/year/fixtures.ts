import type { SchoolYearInput } from '../../src/domain/year/types.js';

/** 2026/2027 as many Russian schools run it: quarters for 1–9, halves for 10–11. */
export const YEAR_2026: SchoolYearInput = {
  from: '2026-09-01',
  to: '2027-05-31',
  divisions: [
    {
      kind: 'quarters',
      gradeLevels: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      periods: [
        { from: '2026-09-01', to: '2026-10-24' },
        { from: '2026-11-05', to: '2026-12-28' },
        { from: '2027-01-12', to: '2027-03-21' },
        { from: '2027-04-01', to: '2027-05-26' },
      ],
    },
    {
      kind: 'halves',
      gradeLevels: [11, 10],
      periods: [
        { from: '2026-09-01', to: '2026-12-28' },
        { from: '2027-01-12', to: '2027-05-26' },
      ],
    },
  ],
};
