import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AbsenceAnswer, ClassOverview, FamilyRepository } from '../../domain/family/types.js';
import type { AttendanceStatus, GradeKind, LessonStatus } from '../../domain/lessons/types.js';
import type { Executor } from '../client.js';
import { attendance, consents, guardianships, preferences, students, users } from '../schema/index.js';
import { preferencesOf } from './audience-repository.js';
import { groupLabelText } from './group-label.js';

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

type ConsentRow = typeof consents.$inferSelect;
const toConsent = (r: ConsentRow) => ({
  id: r.id,
  parentId: r.parentId,
  version: r.version,
  grantedAt: r.grantedAt,
  withdrawnAt: r.withdrawnAt,
});

/** Enrollment `e` covers the lesson or date expression `d` (both ends inclusive). */
const covers = (d: ReturnType<typeof sql>) => sql`e.from_date <= ${d} AND (e.to_date IS NULL OR e.to_date >= ${d})`;

export function createFamilyRepository(db: Executor): FamilyRepository {
  return {
    async lastConsent(parentId) {
      const [row] = await db
        .select()
        .from(consents)
        .where(eq(consents.parentId, parentId))
        .orderBy(sql`${consents.withdrawnAt} IS NULL DESC`, desc(consents.grantedAt), desc(consents.id))
        .limit(1);
      return row ? toConsent(row) : null;
    },
    async insertConsent(r) {
      const [row] = await db
        .insert(consents)
        .values({ parentId: r.parentId, version: r.version, grantedAt: r.at, recordedBy: r.recordedBy, via: r.via })
        .returning();
      return toConsent(row!);
    },
    async withdrawConsent(parentId, at) {
      const [row] = await db
        .update(consents)
        .set({ withdrawnAt: at })
        .where(and(eq(consents.parentId, parentId), isNull(consents.withdrawnAt)))
        .returning();
      return row ? toConsent(row) : null;
    },
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
        SELECT l.id, l.date::text AS date, l.period, l.starts_at, l.ends_at, sub.name AS subject, ${sql.raw(groupLabelText('gr'))} AS group_name,
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
    async preferences(userId) {
      const [row] = await db.select().from(preferences).where(eq(preferences.userId, userId));
      if (!row) return null;
      return preferencesOf({
        absences: row.absences,
        grades: row.grades,
        digest_time: row.digestTime,
        quiet_start: row.quietStart,
        quiet_end: row.quietEnd,
        email_fallback: row.emailFallback,
      });
    },
    async savePreferences(userId, p, at) {
      const values = {
        absences: p.absences,
        grades: p.grades,
        digestTime: p.digestTime,
        quietStart: p.quietStart,
        quietEnd: p.quietEnd,
        emailFallback: p.emailFallback,
        updatedAt: at,
      };
      await db
        .insert(preferences)
        .values({ userId, ...values })
        .onConflictDoUpdate({ target: preferences.userId, set: values });
    },
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
    async storedData(userId) {
      const [row] = await db
        .select({
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          email: users.email,
          phone: users.phone,
          telegramUserId: users.telegramUserId,
        })
        .from(users)
        .where(eq(users.id, userId));
      if (!row) return null;
      const { telegramUserId, ...rest } = row;
      return { ...rest, telegramLinked: telegramUserId !== null };
    },
    async groupsOfClassTeacher(userId) {
      return db
        .execute<{ id: number; name: string }>(sql`SELECT id, name FROM groups WHERE class_teacher_id = ${userId} ORDER BY name, id`)
        .then((rows) => rows.map((r) => ({ id: r.id, name: r.name })));
    },
    async classParents(groupId, onDate) {
      const rows = await db.execute<{
        student_id: number;
        last_name: string;
        first_name: string;
        parent_id: number | null;
        p_last: string | null;
        p_first: string | null;
        telegram_user_id: string | null;
        telegram_status: string | null;
        email: string | null;
        consent: boolean | null;
      }>(sql`
        SELECT s.id AS student_id, s.last_name, s.first_name, u.id AS parent_id, u.last_name AS p_last, u.first_name AS p_first,
               u.telegram_user_id, u.telegram_status, u.email,
               EXISTS (SELECT 1 FROM consents c WHERE c.parent_id = u.id AND c.withdrawn_at IS NULL) AS consent
        FROM enrollments e JOIN students s ON s.id = e.student_id
        LEFT JOIN guardianships g ON g.student_id = s.id AND g.ended_on IS NULL
        LEFT JOIN users u ON u.id = g.parent_id AND u.active
        WHERE e.group_id = ${groupId} AND ${covers(sql`${onDate}::date`)}
        ORDER BY s.last_name, s.first_name, s.id, u.last_name, u.id`);
      const out = new Map<number, ClassOverview['students'][number]>();
      for (const r of rows) {
        const student =
          out.get(r.student_id) ??
          out
            .set(r.student_id, { studentId: r.student_id, lastName: r.last_name, firstName: r.first_name, parents: [] })
            .get(r.student_id)!;
        if (r.parent_id === null) continue;
        student.parents.push({
          parentId: r.parent_id,
          name: `${r.p_last} ${r.p_first}`,
          telegramLinked: r.telegram_user_id !== null,
          telegramBlocked: r.telegram_status === 'blocked',
          hasEmail: !!r.email,
          consent: !!r.consent,
        });
      }
      return [...out.values()];
    },
  };
}
