import { groupLabelText, groupLevelText } from './group-label.js';
import { sql } from 'drizzle-orm';
import type { CourseClass, FinalGradeRepository, PeriodMark, SetFinalGrade } from '../../domain/journal/final-grade-types.js';
import type { Executor } from '../client.js';
import { byName } from './journal/roster-queries.js';

type SheetRow = {
  id: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  marks: PeriodMark[];
  final: (Omit<SetFinalGrade, 'id'> & { id: number | string }) | null;
};

export function createFinalGradeRepository(db: Executor): FinalGradeRepository {
  async function courseClass(courseId: number, lock: boolean): Promise<CourseClass | null> {
    const [r] = await db.execute<{
      id: number;
      school_id: number;
      group_id: number;
      teacher_id: number;
      subject: string;
      group_name: string;
      grade_level: number | null;
    }>(sql`
        SELECT c.id, c.school_id, c.group_id, c.teacher_id, sub.name AS subject, ${sql.raw(groupLabelText('g'))} AS group_name,
          ${sql.raw(groupLevelText('g'))} AS grade_level
        FROM courses c JOIN groups g ON g.id = c.group_id JOIN subjects sub ON sub.id = c.subject_id
        WHERE c.id = ${courseId} ${lock ? sql`FOR UPDATE OF c` : sql``}`);
    if (!r) return null;
    return {
      courseId: r.id,
      schoolId: r.school_id,
      groupId: r.group_id,
      teacherId: r.teacher_id,
      subjectName: r.subject,
      groupName: r.group_name,
      gradeLevel: r.grade_level,
    };
  }
  return {
    courseClass: (courseId) => courseClass(courseId, false),
    lockCourse: (courseId) => courseClass(courseId, true),

    async periodSheet(course, from, to, final, rosterFrom) {
      // One statement for the whole class: the roster of the period, each student's current
      // grades of the course in it (the grade's work type, else its lesson's) and the final grade.
      const rows = await db.execute<SheetRow>(sql`
        WITH roster AS (
          SELECT DISTINCT s.id, s.last_name, s.first_name, s.middle_name
          FROM enrollments e JOIN students s ON s.id = e.student_id
          WHERE e.group_id = ${course.groupId} AND e.from_date <= ${to}
            AND (e.to_date IS NULL OR e.to_date >= greatest(${from}::date, ${rosterFrom}::date))
        )
        SELECT r.id, r.last_name, r.first_name, r.middle_name,
          COALESCE((
            SELECT json_agg(json_build_object('value', g.value, 'date', g.date::text, 'workType', COALESCE(g.work_type, l.work_type))
                            ORDER BY g.date, g.id)
            FROM grades g LEFT JOIN lessons l ON l.id = g.lesson_id
            WHERE g.course_id = ${course.courseId} AND g.student_id = r.id AND g.kind = 'current'
              AND g.deleted_at IS NULL AND g.date BETWEEN ${from} AND ${to}
          ), '[]'::json) AS marks,
          (
            SELECT json_build_object('id', f.id, 'value', f.value, 'date', f.date::text, 'externalId', f.external_id)
            FROM grades f
            WHERE f.course_id = ${course.courseId} AND f.student_id = r.id AND f.kind = ${final.kind}
              AND f.term IS NOT DISTINCT FROM ${final.term}::int AND f.deleted_at IS NULL
            ORDER BY f.id DESC LIMIT 1
          ) AS final
        FROM roster r`);
      return rows
        .map((r) => ({
          student: { id: r.id, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name },
          marks: r.marks,
          final: r.final ? { ...r.final, id: Number(r.final.id) } : null,
        }))
        .sort((a, b) => byName(a.student, b.student));
    },
  };
}
