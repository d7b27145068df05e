import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { schools } from './schools.js';

/**
 * Study periods (четверти, триместры, полугодия) of a school year. A school may divide its
 * year differently for different grade levels, so each row names the levels it serves; the
 * year is named by its first day.
 */
export const studyPeriods = pgTable(
  'study_periods',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    yearFrom: date('year_from', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    number: integer('number').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    gradeLevels: integer('grade_levels').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('study_periods_school_dates').on(t.schoolId, t.fromDate),
    check('study_periods_range', sql`${t.fromDate} <= ${t.toDate}`),
    check('study_periods_kind', sql`${t.kind} IN ('quarters','trimesters','halves')`),
  ],
);
