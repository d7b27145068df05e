import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { lessons } from './journal.js';
import { users } from './people.js';
import { schools } from './schools.js';

/**
 * Reminder points already handled, one row per lesson and point ('after' the lesson,
 * 'before' the deadline). The primary key is what makes the scan idempotent across
 * processes and restarts: a point is claimed by INSERT … ON CONFLICT DO NOTHING in the
 * same transaction as the outbox rows it causes.
 */
export const lessonReminders = pgTable(
  'lesson_reminders',
  {
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    point: text('point').notNull(),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.point] })],
);

/**
 * School-wide compliance runs already done: the escalation of a school day, the weekly and
 * monthly reports. Same claim rule as lesson_reminders, one row per school, kind and period.
 */
export const complianceRuns = pgTable(
  'compliance_runs',
  {
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** The school day ('2026-11-23'), the week's Monday or the month ('2026-11'). */
    periodKey: text('period_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.kind, t.periodKey] })],
);
