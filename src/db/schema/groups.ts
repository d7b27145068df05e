import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';
import { students, users } from './people.js';
import { schools } from './schools.js';

export const groups = pgTable(
  'groups',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    name: text('name').notNull(),
    /**
     * 'class' (общеобразовательный класс), 'club' (объединение доп. образования) or 'subgroup'
     * (a class split for a subject: some of its students, with their own courses and lessons).
     */
    kind: text('kind').notNull().default('class'),
    /** The class a subgroup belongs to; set exactly for subgroups. */
    parentGroupId: integer('parent_group_id').references((): AnyPgColumn => groups.id, { onDelete: 'cascade' }),
    gradeLevel: integer('grade_level'),
    classTeacherId: integer('class_teacher_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('groups_school_external').on(t.schoolId, t.externalId),
    check('groups_kind', sql`${t.kind} IN ('class','club','subgroup')`),
    check('groups_subgroup_parent', sql`(${t.kind} = 'subgroup') = (${t.parentGroupId} IS NOT NULL)`),
    index('groups_parent').on(t.parentGroupId).where(sql`${t.parentGroupId} IS NOT NULL`),
  ],
);

/** Movement of students is history: a transfer closes one row and opens another. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: id(),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    /** Last day in the group, inclusive; null while enrolled. */
    toDate: date('to_date', { mode: 'string' }),
    reason: text('reason'),
    /** Why the enrollment closed when the student left the school (withdrawal, graduation); null for a move. */
    endReason: text('end_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('enrollments_group').on(t.groupId, t.fromDate),
    index('enrollments_student').on(t.studentId, t.fromDate),
    check('enrollments_range', sql`${t.toDate} IS NULL OR ${t.fromDate} <= ${t.toDate}`),
  ],
);

export const subjects = pgTable(
  'subjects',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [unique('subjects_school_name').on(t.schoolId, t.name)],
);

export const courses = pgTable(
  'courses',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subjects.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id),
    plannedHours: integer('planned_hours'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('courses_school_external').on(t.schoolId, t.externalId),
    unique('courses_group_subject_teacher').on(t.groupId, t.subjectId, t.teacherId),
    index('courses_teacher').on(t.teacherId),
    check('courses_hours', sql`${t.plannedHours} IS NULL OR ${t.plannedHours} >= 0`),
  ],
);

/** Calendar-thematic plan (КТП): ordered topics of a course. */
export const planItems = pgTable(
  'plan_items',
  {
    id: id(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    topic: text('topic').notNull(),
    hours: integer('hours').notNull().default(1),
    /** Work type suggested for the lesson that covers this topic (policy.workTypes code). */
    workType: text('work_type'),
  },
  (t) => [unique('plan_items_course_position').on(t.courseId, t.position), check('plan_items_hours', sql`${t.hours} > 0`)],
);
