import { index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { users } from './people.js';
import { schools } from './schools.js';

/**
 * Departments (методические объединения): a head and the teachers they look after. A teacher
 * belongs when listed in teacher_ids or when they teach a course of a subject in subject_ids,
 * so a department defined by subjects follows staff changes without a reload. The member
 * lists are arrays because the whole list is replaced on every load and checked then.
 */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    headId: integer('head_id')
      .notNull()
      .references(() => users.id),
    teacherIds: integer('teacher_ids').array().notNull(),
    subjectIds: integer('subject_ids').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('departments_school_name').on(t.schoolId, t.name), index('departments_head').on(t.headId)],
);
