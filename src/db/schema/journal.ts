import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { bigId, createdAt, id, tstz } from './columns.js';
import { courses, groups, planItems } from './groups.js';
import { students, users } from './people.js';
import { schools } from './schools.js';

export const lessons = pgTable(
  'lessons',
  {
    id: id(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    /** Copied from the course so that the daily queries need no join. */
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => users.id),
    substituteId: integer('substitute_id').references(() => users.id),
    externalId: text('external_id'),
    /** The lesson's date in the school's timezone. */
    date: date('date', { mode: 'string' }).notNull(),
    period: integer('period'),
    /** The room («Кабинет») from the schedule import when the school gives one; shown to students. */
    room: text('room'),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    status: text('status').notNull().default('scheduled'),
    cancelReason: text('cancel_reason'),
    topic: text('topic'),
    homework: text('homework'),
    planItemId: integer('plan_item_id').references(() => planItems.id, { onDelete: 'set null' }),
    /** Code of the school's work type (policy.workTypes) when the lesson is a контрольная, лабораторная …; null for an ordinary lesson. */
    workType: text('work_type'),
    attendanceFilledAt: tstz('attendance_filled_at'),
    topicFilledAt: tstz('topic_filled_at'),
    homeworkFilledAt: tstz('homework_filled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('lessons_course_start').on(t.courseId, t.startsAt),
    unique('lessons_school_external').on(t.schoolId, t.externalId),
    index('lessons_school_date').on(t.schoolId, t.date),
    index('lessons_teacher_date').on(t.teacherId, t.date),
    index('lessons_substitute_date').on(t.substituteId, t.date).where(sql`${t.substituteId} IS NOT NULL`),
    index('lessons_group_date').on(t.groupId, t.date),
    index('lessons_course').on(t.courseId, t.date),
    /** Region-wide daily summaries: every school's lessons of one date. */
    index('lessons_date').on(t.date, t.groupId).where(sql`${t.status} <> 'cancelled'`),
    /** Compliance scans look only at lessons still missing a required part. */
    index('lessons_unfinished')
      .on(t.endsAt)
      .where(sql`${t.status} = 'scheduled' AND (${t.attendanceFilledAt} IS NULL OR ${t.topicFilledAt} IS NULL)`),
    check('lessons_status', sql`${t.status} IN ('scheduled','cancelled')`),
    check('lessons_times', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const ATTENDANCE_STATUSES = ['present', 'absent', 'sick', 'excused', 'late'] as const;

export const attendance = pgTable(
  'attendance',
  {
    id: bigId(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    reason: text('reason'),
    /** The parent's answer to an absence notice ("sick", "excused", "unknown"). */
    parentExplanation: text('parent_explanation'),
    parentExplainedAt: tstz('parent_explained_at'),
    markedBy: integer('marked_by').references(() => users.id),
    markedAt: tstz('marked_at').notNull().defaultNow(),
  },
  (t) => [
    unique('attendance_lesson_student').on(t.lessonId, t.studentId),
    index('attendance_student').on(t.studentId),
    /** Absence counts read only the marks that are not 'present' (a small share of the rows). */
    index('attendance_not_present').on(t.lessonId, t.studentId, t.status).where(sql`${t.status} <> 'present'`),
    check('attendance_status', sql`${t.status} IN ('present','absent','sick','excused','late')`),
  ],
);

export const GRADE_KINDS = ['current', 'term', 'year', 'exam'] as const;

export const grades = pgTable(
  'grades',
  {
    id: bigId(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    lessonId: integer('lesson_id').references(() => lessons.id, { onDelete: 'set null' }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Term number for term grades (1..4 or 1..2 for semesters). */
    term: integer('term'),
    /** '1'..'5', 'pass' or 'fail': "н/а" and "осв." are never stored as marks. */
    value: text('value').notNull(),
    comment: text('comment'),
    /** The work type the mark was given for (from its lesson, or as the main journal sent it); weighs it in averages. */
    workType: text('work_type'),
    /** Lesson date or the date the main journal gave; drives reports and notices. */
    date: date('date', { mode: 'string' }).notNull(),
    externalId: text('external_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    unique('grades_school_external').on(t.schoolId, t.externalId),
    index('grades_student_date').on(t.studentId, t.date),
    index('grades_course_date').on(t.courseId, t.date),
    index('grades_lesson').on(t.lessonId),
    /** Term and year grades per course and student, without the far more numerous current ones (term-grade scans, final-grade screens). */
    index('grades_final').on(t.courseId, t.studentId, t.kind, t.term).where(sql`${t.kind} <> 'current' AND ${t.deletedAt} IS NULL`),
    /** The class teacher's daily message reads a day's new failing marks of the region; they are a small share. */
    index('grades_failing').on(t.schoolId, t.updatedAt).where(sql`${t.value} IN ('1','2','fail') AND ${t.deletedAt} IS NULL`),
    check('grades_kind', sql`${t.kind} IN ('current','term','year','exam')`),
    check('grades_value', sql`${t.value} IN ('1','2','3','4','5','pass','fail')`),
    check('grades_term', sql`${t.term} IS NULL OR ${t.term} BETWEEN 1 AND 4`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigId(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    via: text('via').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: createdAt(),
  },
  (t) => [
    index('audit_school_at').on(t.schoolId, t.at),
    index('audit_entity').on(t.entity, t.entityId),
    check('audit_via', sql`${t.via} IN ('bot','api','system')`),
  ],
);
