import { sql } from 'drizzle-orm';
import type { ClassDailyRepository, ClassNews, FlagReason, NewsSection } from '../../../domain/class-daily/types.js';
import type { Executor } from '../../client.js';
import { classFlags } from '../../schema/index.js';
import { newsCte } from './news-query.js';

const daysParam = (days: { schoolId: number; date: string }[]) =>
  JSON.stringify(days.map((d) => ({ school_id: d.schoolId, date: d.date })));

type NewsRow = {
  section: NewsSection;
  class_id: number;
  class_name: string;
  student_id: number;
  student_name: string;
  subject: string | null;
  value: string | null;
  grade_kind: ClassNews['gradeKind'];
  term: number | null;
  lessons: number | null;
  teacher_name: string | null;
  reason: FlagReason | null;
};

/** The named queries of the class teacher's daily message and the subject teachers' flags. */
export function createClassDailyRepository(db: Executor): ClassDailyRepository {
  return {
    async previousRuns(days) {
      if (!days.length) return new Map();
      const rows = await db.execute<{ school_id: number; period_key: string }>(sql`
        SELECT i.school_id, r.period_key
        FROM jsonb_to_recordset(${daysParam(days)}::jsonb) AS i(school_id int, date text),
        LATERAL (SELECT period_key FROM compliance_runs c
                 WHERE c.school_id = i.school_id AND c.kind = 'class_daily' AND c.period_key < i.date
                 ORDER BY c.period_key DESC LIMIT 1) r`);
      return new Map(rows.map((r) => [r.school_id, r.period_key]));
    },

    async takeFlags(days) {
      if (!days.length) return 0;
      const rows = await db.execute<{ id: number }>(sql`
        UPDATE class_flags f SET delivered_on = i.date
        FROM jsonb_to_recordset(${daysParam(days)}::jsonb) AS i(school_id int, date date)
        WHERE f.school_id = i.school_id AND f.delivered_on IS NULL
        RETURNING f.id`);
      return rows.length;
    },

    async teachersWithNews(queries) {
      if (!queries.length) return [];
      const rows = await db.execute<{ teacher_id: number; school_id: number }>(sql`
        ${newsCte(queries, null, { streakOnlyWithoutNews: true })}
        SELECT DISTINCT c.teacher_id, c.school_id FROM (
          SELECT class_id FROM away WHERE unexplained
          UNION SELECT class_id FROM streak
          UNION SELECT class_id FROM failing
          UNION SELECT class_id FROM flags) x
        JOIN cls c ON c.class_id = x.class_id`);
      return rows.map((r) => ({ teacherId: r.teacher_id, schoolId: r.school_id }));
    },

    async newsFor(teacherId, query) {
      const rows = await db.execute<NewsRow>(sql`
        ${newsCte([query], teacherId)},
        lines AS (
          SELECT 'absentToday' AS section, 1 AS ord, class_id, student_id, NULL::text AS subject, NULL::text AS value,
                 NULL::text AS grade_kind, NULL::int AS term, lessons, NULL::text AS teacher_name, NULL::text AS reason, 0::bigint AS n
          FROM away WHERE unexplained
          UNION ALL
          SELECT 'streak', 2, class_id, student_id, NULL, NULL, NULL, NULL, lessons, NULL, NULL, 0 FROM streak
          UNION ALL
          SELECT 'failing', 3, f.class_id, f.student_id, s.name, f.value, f.kind, f.term, NULL, NULL, NULL, 0
          FROM failing f JOIN courses co ON co.id = f.course_id JOIN subjects s ON s.id = co.subject_id
          UNION ALL
          SELECT 'flag', 4, f.class_id, f.student_id, s.name, NULL, NULL, NULL, NULL,
                 u.last_name || ' ' || u.first_name || coalesce(' ' || u.middle_name, ''), f.reason, f.id
          FROM flags f JOIN lessons l ON l.id = f.lesson_id JOIN courses co ON co.id = l.course_id
          JOIN subjects s ON s.id = co.subject_id JOIN users u ON u.id = f.teacher_id
        )
        SELECT x.section, x.class_id, c.class_name, x.student_id, st.last_name || ' ' || st.first_name AS student_name,
               x.subject, x.value, x.grade_kind, x.term, x.lessons, x.teacher_name, x.reason
        FROM lines x JOIN cls c ON c.class_id = x.class_id JOIN students st ON st.id = x.student_id
        ORDER BY c.class_name, c.class_id, x.ord, st.last_name, st.first_name, x.student_id, x.subject, x.n`);
      return rows.map(
        (r): ClassNews => ({
          section: r.section,
          classId: r.class_id,
          className: r.class_name,
          studentId: r.student_id,
          studentName: r.student_name,
          subject: r.subject,
          value: r.value,
          gradeKind: r.grade_kind,
          term: r.term,
          lessons: r.lessons,
          teacherName: r.teacher_name,
          reason: r.reason,
        }),
      );
    },

    async insertFlag(flag) {
      const [row] = await db.insert(classFlags).values(flag).returning({ id: classFlags.id });
      return row!.id;
    },
  };
}
