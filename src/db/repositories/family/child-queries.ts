import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { FamilyRepository } from '../../../domain/family/types.js';
import type { AttendanceStatus, GradeKind, LessonStatus } from '../../../domain/lessons/types.js';
import type { Executor } from '../../client.js';
import { guardianships, students } from '../../schema/index.js';
import { groupLabelText } from '../group-label.js';
import { covers, toDate } from './shared.js';

/** Queries of the family repository: a parent's children and what is shown of them. */
export function createChildQueries(
  db: Executor,
): Pick<FamilyRepository, 'childrenOf' | 'isGuardian' | 'hasFormerChildren' | 'student' | 'lessonsOfStudent' | 'gradesOfStudent'> {
  return {
    async childrenOf(parentId, onDate) {
      const rows = await db.execute<{
        id: number;
        school_id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        groups: { id: number; name: string }[] | null;
      }>(sql`
        SELECT s.id, s.school_id, s.last_name, s.first_name, s.middle_name,
          (SELECT json_agg(json_build_object('id', gr.id, 'name', ${sql.raw(groupLabelText('gr'))}) ORDER BY gr.kind, gr.name)
             FROM enrollments e JOIN groups gr ON gr.id = e.group_id
            WHERE e.student_id = s.id AND ${covers(sql`${onDate}::date`)}) AS groups
        FROM guardianships g JOIN students s ON s.id = g.student_id
        WHERE g.parent_id = ${parentId} AND g.ended_on IS NULL
        ORDER BY s.last_name, s.first_name, s.id`);
      return rows.map((r) => ({
        studentId: r.id,
        schoolId: r.school_id,
        lastName: r.last_name,
        firstName: r.first_name,
        middleName: r.middle_name,
        groups: r.groups ?? [],
      }));
    },
    async isGuardian(parentId, studentId) {
      const rows = await db
        .select({ p: guardianships.parentId })
        .from(guardianships)
        .where(and(eq(guardianships.parentId, parentId), eq(guardianships.studentId, studentId), isNull(guardianships.endedOn)));
      return rows.length > 0;
    },
    async hasFormerChildren(parentId) {
      const rows = await db
        .select({ p: guardianships.parentId })
        .from(guardianships)
        .where(and(eq(guardianships.parentId, parentId), isNotNull(guardianships.endedOn)))
        .limit(1);
      return rows.length > 0;
    },
    async student(studentId) {
      const [row] = await db
        .select({ id: students.id, schoolId: students.schoolId, lastName: students.lastName, firstName: students.firstName })
        .from(students)
        .where(eq(students.id, studentId));
      return row ?? null;
    },
    async lessonsOfStudent(studentId, from, to) {
      const rows = await db.execute<{
        id: number;
        date: string;
        period: number | null;
        room: string | null;
        starts_at: string | Date;
        ends_at: string | Date;
        subject: string;
        group_name: string;
        status: string;
        topic: string | null;
        homework: string | null;
        mark: string | null;
        explanation: string | null;
      }>(sql`
        SELECT l.id, l.date::text AS date, l.period, l.room, l.starts_at, l.ends_at, sub.name AS subject, ${sql.raw(groupLabelText('gr'))} AS group_name,
               l.status, l.topic, l.homework, a.status AS mark, a.parent_explanation AS explanation
        FROM enrollments e
        JOIN lessons l ON l.group_id = e.group_id AND ${covers(sql`l.date`)}
        JOIN groups gr ON gr.id = l.group_id
        JOIN courses c ON c.id = l.course_id
        JOIN subjects sub ON sub.id = c.subject_id
        LEFT JOIN attendance a ON a.lesson_id = l.id AND a.student_id = e.student_id
        WHERE e.student_id = ${studentId} AND l.date BETWEEN ${from}::date AND ${to}::date
        ORDER BY l.starts_at, l.id`);
      return rows.map((r) => ({
        lessonId: r.id,
        date: r.date,
        period: r.period,
        room: r.room,
        startsAt: toDate(r.starts_at),
        endsAt: toDate(r.ends_at),
        subject: r.subject,
        groupName: r.group_name,
        status: r.status as LessonStatus,
        topic: r.topic,
        homework: r.homework,
        attendance: r.mark ? { status: r.mark as AttendanceStatus, parentExplanation: r.explanation } : null,
      }));
    },
    async gradesOfStudent(studentId, from, to) {
      const rows = await db.execute<{
        id: string | number;
        lesson_id: number | null;
        subject: string;
        value: string;
        kind: string;
        term: number | null;
        comment: string | null;
        date: string;
      }>(sql`
        SELECT gr.id, gr.lesson_id, sub.name AS subject, gr.value, gr.kind, gr.term, gr.comment, gr.date::text AS date
        FROM grades gr JOIN courses c ON c.id = gr.course_id JOIN subjects sub ON sub.id = c.subject_id
        WHERE gr.student_id = ${studentId} AND gr.deleted_at IS NULL AND gr.date BETWEEN ${from}::date AND ${to}::date
        ORDER BY gr.date, gr.id`);
      return rows.map((r) => ({
        id: Number(r.id),
        lessonId: r.lesson_id,
        subject: r.subject,
        value: r.value,
        kind: r.kind as GradeKind,
        term: r.term,
        comment: r.comment,
        date: r.date,
      }));
    },
  };
}
