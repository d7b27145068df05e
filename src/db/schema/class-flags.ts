import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, tstz } from './columns.js';
import { lessons } from './journal.js';
import { students, users } from './people.js';
import { schools } from './schools.js';

/**
 * A subject teacher's word to a student's class teacher («🚩 Классному руководителю» on the
 * lesson card). `delivered_on` is the school day of the class teacher's daily message that
 * took it: set when that day's run is claimed, so a flag goes into exactly one message.
 */
export const classFlags = pgTable(
  'class_flags',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id),
    /** One of the presets (domain/class-daily FLAG_REASONS). */
    reason: text('reason').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    deliveredOn: date('delivered_on', { mode: 'string' }),
  },
  (t) => [
    index('class_flags_undelivered').on(t.schoolId).where(sql`${t.deliveredOn} IS NULL`),
    index('class_flags_delivered').on(t.schoolId, t.deliveredOn),
    check('class_flags_reason', sql`${t.reason} IN ('unprepared','late','truancy','failing','behaviour')`),
  ],
);
