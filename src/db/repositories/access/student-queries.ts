import { and, inArray, sql } from 'drizzle-orm';
import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { users } from '../../schema/index.js';
import { toUser, userColumns } from './shared.js';

/** Pupils codes are issued for and their student users. */
export function createStudentQueries(db: Executor): Pick<AccessRepository, 'studentsForCodes' | 'ensureStudentUsers'> {
  return {
    async studentsForCodes(schoolId, which, onDate) {
      const filter =
        'groupId' in which
          ? sql`s.id IN (SELECT e.student_id FROM enrollments e WHERE e.group_id = ${which.groupId}
                  AND e.from_date <= ${onDate}::date AND (e.to_date IS NULL OR e.to_date >= ${onDate}::date))`
          : sql`s.id IN (${sql.join(
              which.studentIds.map((id) => sql`${id}`),
              sql`, `,
            )})`;
      const rows = await db.execute<{
        id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        class_name: string | null;
        class_teachers: number[] | null;
      }>(sql`
        SELECT s.id, s.last_name, s.first_name, s.middle_name,
          (array_agg(g.name ORDER BY g.name) FILTER (WHERE g.id IS NOT NULL))[1] AS class_name,
          array_agg(DISTINCT g.class_teacher_id) FILTER (WHERE g.class_teacher_id IS NOT NULL) AS class_teachers
        FROM students s
        LEFT JOIN enrollments e ON e.student_id = s.id AND e.from_date <= ${onDate}::date AND (e.to_date IS NULL OR e.to_date >= ${onDate}::date)
        LEFT JOIN groups g ON g.id = e.group_id AND g.kind = 'class'
        WHERE s.school_id = ${schoolId} AND ${filter}
          -- A pupil who has left (no enrollment today) gets no code.
          AND EXISTS (SELECT 1 FROM enrollments e2 WHERE e2.student_id = s.id AND e2.from_date <= ${onDate}::date
                        AND (e2.to_date IS NULL OR e2.to_date >= ${onDate}::date))
        GROUP BY s.id ORDER BY s.last_name, s.first_name, s.id`);
      return rows.map((r) => ({
        id: r.id,
        lastName: r.last_name,
        firstName: r.first_name,
        middleName: r.middle_name,
        className: r.class_name,
        classTeacherIds: r.class_teachers ?? [],
      }));
    },
    async ensureStudentUsers(schoolId, students) {
      if (!students.length) return [];
      await db
        .insert(users)
        .values(
          students.map((s) => ({
            schoolId,
            roles: ['student'],
            lastName: s.lastName,
            firstName: s.firstName,
            middleName: s.middleName,
            studentId: s.id,
          })),
        )
        .onConflictDoNothing({ target: users.studentId, where: sql`${users.studentId} IS NOT NULL` });
      const rows = await db
        .select(userColumns)
        .from(users)
        .where(
          and(
            sql`${users.schoolId} = ${schoolId}`,
            inArray(
              users.studentId,
              students.map((s) => s.id),
            ),
          ),
        );
      const order = new Map(students.map((s, i) => [s.id, i]));
      return rows.map(toUser).sort((a, b) => order.get(a.studentId!)! - order.get(b.studentId!)!);
    },
  };
}
