import { eq, inArray, sql } from 'drizzle-orm';
import type { AbsenceAnswer, FamilyRepository } from '../../../domain/family/types.js';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import type { Executor } from '../../client.js';
import { attendance, students } from '../../schema/index.js';

/** Queries of the family repository: absences of a child and the parents' explanations. */
export function createAbsenceQueries(db: Executor): Pick<FamilyRepository, 'absencesOn' | 'setExplanation' | 'explanationFacts'> {
  return {
    async absencesOn(studentId, date) {
      const rows = await db.execute<{
        id: string | number;
        lesson_id: number;
        group_id: number;
        class_teacher_id: number | null;
        status: string;
        parent_explanation: string | null;
      }>(sql`
        SELECT a.id, a.lesson_id, l.group_id, gr.class_teacher_id, a.status, a.parent_explanation
        FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN groups gr ON gr.id = l.group_id
        WHERE a.student_id = ${studentId} AND l.date = ${date}::date AND l.status = 'scheduled' AND a.status <> 'present'
        ORDER BY l.starts_at
        FOR UPDATE OF a`);
      return rows.map((r) => ({
        attendanceId: Number(r.id),
        lessonId: r.lesson_id,
        groupId: r.group_id,
        classTeacherId: r.class_teacher_id,
        status: r.status as AttendanceStatus,
        parentExplanation: r.parent_explanation,
      }));
    },
    async setExplanation(attendanceIds, answer, at) {
      if (!attendanceIds.length) return;
      await db.update(attendance).set({ parentExplanation: answer, parentExplainedAt: at }).where(inArray(attendance.id, attendanceIds));
    },
    async explanationFacts(studentId, date) {
      const [student] = await db
        .select({ lastName: students.lastName, firstName: students.firstName })
        .from(students)
        .where(eq(students.id, studentId));
      if (!student) return null;
      const rows = await db.execute<{
        period: number | null;
        subject: string;
        status: string;
        explanation: string | null;
        explained_at: string | Date | null;
        class_teacher_id: number | null;
      }>(sql`
        SELECT l.period, sub.name AS subject, a.status, a.parent_explanation AS explanation, a.parent_explained_at AS explained_at, gr.class_teacher_id
        FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN groups gr ON gr.id = l.group_id
        JOIN courses c ON c.id = l.course_id JOIN subjects sub ON sub.id = c.subject_id
        WHERE a.student_id = ${studentId} AND l.date = ${date}::date AND l.status = 'scheduled' AND a.status <> 'present'
        ORDER BY l.starts_at`);
      // The latest answer wins if marks of one day carry different ones.
      const at = (r: { explained_at: string | Date | null }) => (r.explained_at ? new Date(r.explained_at).getTime() : 0);
      const latest = [...rows].filter((r) => r.explanation).sort((a, b) => at(b) - at(a))[0];
      return {
        studentId,
        studentName: `${student.lastName} ${student.firstName}`,
        date,
        explanation: (latest?.explanation ?? null) as AbsenceAnswer | null,
        classTeacherIds: [...new Set(rows.map((r) => r.class_teacher_id).filter((x): x is number => x !== null))],
        lessons: rows.map((r) => ({ period: r.period, subject: r.subject, status: r.status as AttendanceStatus })),
      };
    },
  };
}
