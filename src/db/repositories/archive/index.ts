import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveRepository, ArchiveScope, ArchiveTable, PurgeCounts, PurgeRange } from '../../../domain/archive/types.js';
import type { Executor } from '../../client.js';

const iso = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
const day = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

/** Each table's rows of one school and year, with the columns of ARCHIVE_FILES; `$after`/`$limit` page by id. */
function query(table: ArchiveTable, s: ArchiveScope, after: number, limit: number): SQL {
  const enrolledInYear = sql`SELECT e.id FROM enrollments e JOIN groups g ON g.id = e.group_id
    WHERE g.school_id = ${s.schoolId} AND e.from_date <= ${s.to} AND (e.to_date IS NULL OR e.to_date >= ${s.from})`;
  const page = (alias: string) => sql` AND ${sql.raw(alias)}.id > ${after} ORDER BY ${sql.raw(alias)}.id LIMIT ${limit}`;
  switch (table) {
    case 'groups':
      return sql`SELECT g.id, g.external_id, g.name, g.kind, g.parent_group_id, g.grade_level, g.class_teacher_id FROM groups g WHERE g.school_id = ${s.schoolId}${page('g')}`;
    case 'students':
      return sql`SELECT st.id, st.external_id, st.last_name, st.first_name, st.middle_name, ${day('st.birth_date')} AS birth_date FROM students st
        WHERE st.id IN (SELECT e2.student_id FROM enrollments e2 WHERE e2.id IN (${enrolledInYear}))${page('st')}`;
    case 'enrollments':
      return sql`SELECT en.id, en.student_id, en.group_id, ${day('en.from_date')} AS from_date, ${day('en.to_date')} AS to_date, en.reason
        FROM enrollments en WHERE en.id IN (${enrolledInYear})${page('en')}`;
    case 'staff':
      return sql`SELECT u.id, u.external_id, u.roles, u.last_name, u.first_name, u.middle_name FROM users u
        WHERE u.school_id = ${s.schoolId} AND NOT (u.roles <@ ARRAY['parent']::text[])${page('u')}`;
    case 'courses':
      return sql`SELECT c.id, c.external_id, c.group_id, sub.name AS subject, c.teacher_id, c.planned_hours
        FROM courses c JOIN subjects sub ON sub.id = c.subject_id WHERE c.school_id = ${s.schoolId}${page('c')}`;
    case 'plan_items':
      return sql`SELECT p.id, p.course_id, p.position, p.topic, p.hours FROM plan_items p JOIN courses c ON c.id = p.course_id
        WHERE c.school_id = ${s.schoolId}${page('p')}`;
    case 'lessons':
      return sql`SELECT l.id, l.external_id, l.course_id, l.group_id, l.teacher_id, l.substitute_id, ${day('l.date')} AS date, l.period,
          ${iso('l.starts_at')} AS starts_at, ${iso('l.ends_at')} AS ends_at, l.status, l.cancel_reason, l.topic, l.homework, l.plan_item_id,
          ${iso('l.attendance_filled_at')} AS attendance_filled_at, ${iso('l.topic_filled_at')} AS topic_filled_at, ${iso('l.homework_filled_at')} AS homework_filled_at
        FROM lessons l WHERE l.school_id = ${s.schoolId} AND l.date BETWEEN ${s.from} AND ${s.to}${page('l')}`;
    case 'attendance':
      return sql`SELECT a.id, a.lesson_id, a.student_id, a.status, a.reason, a.parent_explanation, a.marked_by, ${iso('a.marked_at')} AS marked_at
        FROM attendance a JOIN lessons l ON l.id = a.lesson_id
        WHERE l.school_id = ${s.schoolId} AND l.date BETWEEN ${s.from} AND ${s.to}${page('a')}`;
    case 'grades':
      return sql`SELECT gr.id, gr.external_id, gr.course_id, gr.lesson_id, gr.student_id, gr.kind, gr.term, gr.value, gr.comment, ${day('gr.date')} AS date,
          gr.created_by, ${iso('gr.created_at')} AS created_at, ${iso('gr.updated_at')} AS updated_at, ${iso('gr.deleted_at')} AS deleted_at
        FROM grades gr WHERE gr.school_id = ${s.schoolId} AND gr.date BETWEEN ${s.from} AND ${s.to}${page('gr')}`;
    case 'audit_log':
      return sql`SELECT al.id, al.actor_id, al.via, al.entity, al.entity_id, al.action, al.before, al.after, ${iso('al.created_at')} AS at
        FROM audit_log al WHERE al.school_id = ${s.schoolId} AND al.created_at >= ${s.fromAt.toISOString()} AND al.created_at < ${s.toAt.toISOString()}${page('al')}`;
  }
}

function rangeWhere(dateColumn: string, ranges: PurgeRange[]): SQL {
  return sql.join(
    ranges.map((r) => sql`${sql.raw(dateColumn)} BETWEEN ${r.from} AND ${r.to}`),
    sql` OR `,
  );
}
function atWhere(ranges: PurgeRange[]): SQL {
  return sql.join(
    ranges.map((r) => sql`(al.created_at >= ${r.fromAt.toISOString()} AND al.created_at < ${r.toAt.toISOString()})`),
    sql` OR `,
  );
}

export function createArchiveRepository(db: Executor): ArchiveRepository {
  const one = async (q: SQL) => Number((await db.execute<{ n: number }>(q))[0]!.n);
  return {
    async page(table, scope, afterId, limit) {
      const rows = await db.execute<Record<string, unknown> & { id: number }>(query(table, scope, afterId, limit));
      return rows.map((row) => ({ id: Number(row.id), row }));
    },
    async closedYears(schoolId) {
      const rows = await db.execute<{
        id: number;
        from_date: string;
        to_date: string;
        archive_sha256: string | null;
        closed_at: string;
      }>(sql`
        SELECT id, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, archive_sha256, ${iso('created_at')} AS closed_at
        FROM closed_years WHERE school_id = ${schoolId} ORDER BY from_date`);
      return rows.map((r) => ({
        id: r.id,
        fromDate: r.from_date,
        toDate: r.to_date,
        archiveSha256: r.archive_sha256,
        closedAt: new Date(r.closed_at),
      }));
    },
    async closeYear(schoolId, from, to) {
      const [row] = await db.execute<{ id: number; closed_at: string }>(sql`
        INSERT INTO closed_years (school_id, from_date, to_date) VALUES (${schoolId}, ${from}, ${to}) RETURNING id, ${iso('created_at')} AS closed_at`);
      return { id: row!.id, closedAt: new Date(row!.closed_at) };
    },
    async setArchiveChecksum(id, sha256) {
      await db.execute(sql`UPDATE closed_years SET archive_sha256 = ${sha256} WHERE id = ${id}`);
    },
    async reopenYear(id) {
      await db.execute(sql`DELETE FROM closed_years WHERE id = ${id} AND archive_sha256 IS NULL`);
    },
    async countPurge(schoolId, ranges): Promise<PurgeCounts> {
      if (!ranges.length) return { lessons: 0, attendance: 0, grades: 0, audit_log: 0 };
      const lessonsIn = sql`l.school_id = ${schoolId} AND (${rangeWhere('l.date', ranges)})`;
      return {
        lessons: await one(sql`SELECT count(*)::int AS n FROM lessons l WHERE ${lessonsIn}`),
        attendance: await one(sql`SELECT count(*)::int AS n FROM attendance a JOIN lessons l ON l.id = a.lesson_id WHERE ${lessonsIn}`),
        grades: await one(
          sql`SELECT count(*)::int AS n FROM grades g WHERE g.school_id = ${schoolId} AND (${rangeWhere('g.date', ranges)})`,
        ),
        audit_log: await one(sql`SELECT count(*)::int AS n FROM audit_log al WHERE al.school_id = ${schoolId} AND (${atWhere(ranges)})`),
      };
    },
    async purge(schoolId, ranges): Promise<PurgeCounts> {
      if (!ranges.length) return { lessons: 0, attendance: 0, grades: 0, audit_log: 0 };
      const lessonsIn = sql`l.school_id = ${schoolId} AND (${rangeWhere('l.date', ranges)})`;
      const count = (q: SQL) => one(sql`WITH d AS (${q} RETURNING 1) SELECT count(*)::int AS n FROM d`);
      const grades = await count(sql`DELETE FROM grades g WHERE g.school_id = ${schoolId} AND (${rangeWhere('g.date', ranges)})`);
      const attendance = await count(sql`DELETE FROM attendance a USING lessons l WHERE l.id = a.lesson_id AND ${lessonsIn}`);
      const lessons = await count(sql`DELETE FROM lessons l WHERE ${lessonsIn}`);
      const audit = await count(sql`DELETE FROM audit_log al WHERE al.school_id = ${schoolId} AND (${atWhere(ranges)})`);
      return { lessons, attendance, grades, audit_log: audit };
    },
  };
}
