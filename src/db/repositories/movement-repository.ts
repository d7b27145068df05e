import { sql } from 'drizzle-orm';
import type { GroupKind } from '../../domain/roster/types.js';
import type { EnrollmentRow, MovementRepository, StudentRef } from '../../domain/movement/types.js';
import type { Executor } from '../client.js';

/** An id list as one JSON parameter: the statement text stays the same for any number of ids. */
const idList = (ids: number[]) => sql`(SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

type StudentColumns = { id: number; external_id: string | null; last_name: string; first_name: string };
const toStudent = (r: StudentColumns): StudentRef => ({
  id: r.id,
  externalId: r.external_id,
  lastName: r.last_name,
  firstName: r.first_name,
});

type EnrollmentColumns = {
  id: number;
  student_id: number;
  group_id: number;
  group_name: string;
  kind: string;
  from_date: string;
  to_date: string | null;
};
const ENROLLMENT_SELECT = sql`SELECT e.id, e.student_id, e.group_id, g.name AS group_name, g.kind,
  to_char(e.from_date, 'YYYY-MM-DD') AS from_date, to_char(e.to_date, 'YYYY-MM-DD') AS to_date
  FROM enrollments e JOIN groups g ON g.id = e.group_id`;
const toEnrollment = (r: EnrollmentColumns): EnrollmentRow => ({
  id: r.id,
  studentId: r.student_id,
  groupId: r.group_id,
  groupName: r.group_name,
  kind: r.kind as GroupKind,
  fromDate: r.from_date,
  toDate: r.to_date,
});

export function createMovementRepository(db: Executor): MovementRepository {
  return {
    async student(schoolId, studentId) {
      const [row] = await db.execute<StudentColumns>(
        sql`SELECT id, external_id, last_name, first_name FROM students WHERE id = ${studentId} AND school_id = ${schoolId}`,
      );
      return row ? toStudent(row) : null;
    },
    async studentsByIds(studentIds) {
      if (!studentIds.length) return [];
      const rows = await db.execute<StudentColumns>(
        sql`SELECT id, external_id, last_name, first_name FROM students WHERE id IN ${idList(studentIds)} ORDER BY last_name, first_name, id`,
      );
      return rows.map(toStudent);
    },
    async openEnrollments(studentIds) {
      if (!studentIds.length) return [];
      const rows = await db.execute<EnrollmentColumns>(
        sql`${ENROLLMENT_SELECT} WHERE e.student_id IN ${idList(studentIds)} AND e.to_date IS NULL ORDER BY g.kind, g.name, e.id`,
      );
      return rows.map(toEnrollment);
    },
    async studentsInClasses(schoolId) {
      const rows = await db.execute<StudentColumns & { group_name: string }>(sql`
        SELECT DISTINCT ON (s.id) s.id, s.external_id, s.last_name, s.first_name, g.name AS group_name
        FROM students s JOIN enrollments e ON e.student_id = s.id AND e.to_date IS NULL
        JOIN groups g ON g.id = e.group_id AND g.kind = 'class'
        WHERE s.school_id = ${schoolId}
        ORDER BY s.id, e.from_date DESC`);
      return rows.map((r) => ({ ...toStudent(r), groupName: r.group_name }));
    },
    async activeGuardians(studentIds) {
      if (!studentIds.length) return [];
      const rows = await db.execute<{ parent_id: number; student_id: number; last_name: string; first_name: string }>(sql`
        SELECT g.parent_id, g.student_id, u.last_name, u.first_name
        FROM guardianships g JOIN users u ON u.id = g.parent_id
        WHERE g.student_id IN ${idList(studentIds)} AND g.ended_on IS NULL
        ORDER BY u.last_name, u.first_name, u.id`);
      return rows.map((r) => ({ parentId: r.parent_id, studentId: r.student_id, lastName: r.last_name, firstName: r.first_name }));
    },
    async recordDepartures({ studentIds, date, reason }) {
      await db.execute(sql`
        UPDATE enrollments SET to_date = ${date}::date - 1, end_reason = ${reason}
        WHERE student_id IN ${idList(studentIds)} AND to_date IS NULL`);
      await db.execute(sql`
        UPDATE guardianships SET ended_on = ${date}::date, end_reason = ${reason}
        WHERE student_id IN ${idList(studentIds)} AND ended_on IS NULL`);
      // The student's own account ends with the enrollment: no screen, no notice from the day they leave.
      await db.execute(sql`UPDATE users SET active = false WHERE student_id IN ${idList(studentIds)} AND active`);
    },
    async cancelNoticesAbout(schoolId, studentIds, at) {
      // An absence or an explanation names the student; a grade notice names the grade. A digest
      // covers all of a parent's children and reads its grades at send time through the guardianship.
      const rows = await db.execute<{ student_id: number; n: number }>(sql`
        WITH about AS (
          SELECT n.id, coalesce((n.payload->>'studentId')::int, gr.student_id) AS student_id
          FROM notifications n LEFT JOIN grades gr ON n.kind = 'grade' AND gr.id = (n.payload->>'gradeId')::bigint
          WHERE n.school_id = ${schoolId} AND n.status IN ('pending', 'queued')
        ),
        cancelled AS (
          UPDATE notifications n SET status = 'cancelled', version = n.version + 1, last_error = 'the student left the school',
            updated_at = ${at.toISOString()}::timestamptz
          FROM about WHERE n.id = about.id AND about.student_id IN ${idList(studentIds)}
          RETURNING about.student_id
        )
        SELECT student_id, count(*)::int AS n FROM cancelled GROUP BY student_id`);
      return new Map(rows.map((r) => [r.student_id, r.n]));
    },
    async promotableClasses(schoolId, date) {
      const rows = await db.execute<{
        id: number;
        external_id: string | null;
        name: string;
        grade_level: number | null;
        class_teacher_id: number | null;
        students: number;
      }>(sql`
        SELECT g.id, g.external_id, g.name, g.grade_level, g.class_teacher_id, count(DISTINCT e.student_id)::int AS students
        FROM groups g JOIN enrollments e ON e.group_id = g.id AND e.to_date IS NULL AND e.from_date < ${date}::date
        WHERE g.school_id = ${schoolId} AND g.kind = 'class'
        GROUP BY g.id ORDER BY g.grade_level NULLS LAST, g.name, g.id`);
      return rows.map((r) => ({
        id: r.id,
        externalId: r.external_id,
        name: r.name,
        gradeLevel: r.grade_level,
        classTeacherId: r.class_teacher_id,
        students: r.students,
      }));
    },
    async openEnrollmentsOfGroups(groupIds, date) {
      if (!groupIds.length) return [];
      const rows = await db.execute<EnrollmentColumns>(
        sql`${ENROLLMENT_SELECT} WHERE e.group_id IN ${idList(groupIds)} AND e.to_date IS NULL AND e.from_date < ${date}::date ORDER BY e.id`,
      );
      return rows.map(toEnrollment);
    },
    async openSubgroupEnrollmentsOfClasses(classIds, date) {
      if (!classIds.length) return [];
      const rows = await db.execute<EnrollmentColumns>(
        sql`${ENROLLMENT_SELECT} WHERE e.group_id IN (SELECT sg.id FROM groups sg WHERE sg.parent_group_id IN ${idList(classIds)})
              AND e.to_date IS NULL AND e.from_date < ${date}::date ORDER BY e.id`,
      );
      return rows.map(toEnrollment);
    },
    async renameGroupExternalIds(changes) {
      if (!changes.length) return;
      await db.execute(sql`
        UPDATE groups g SET external_id = x.external_id
        FROM jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ id: c.id, external_id: c.externalId })))}::jsonb)
          AS x(id int, external_id text)
        WHERE g.id = x.id`);
    },
  };
}
