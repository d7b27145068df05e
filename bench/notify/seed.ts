import type postgres from 'postgres';

/**
 * N children, each with one consenting parent in a chat of their own, one grade today and one
 * due grade notice per parent: the outbox of a region at its evening peak. The first `urgent`
 * children were also absent from a lesson; their absence notices are held back (not due)
 * until the benchmark makes them due behind the backlog.
 */
export async function seedBacklog(sql: postgres.Sql, schoolId: number, n: number, urgent: number, date: string): Promise<void> {
  const groups = Math.max(1, Math.ceil(n / 25));
  await sql`insert into users (school_id, roles, last_name, first_name) values (${schoolId}::int, '{teacher}', 'Учитель', 'Тест')`;
  await sql`insert into subjects (school_id, name) values (${schoolId}::int, 'Математика')`;
  await sql`insert into groups (school_id, name) select ${schoolId}::int, 'Класс ' || g from generate_series(1, ${groups}::int) g`;
  await sql`
    insert into courses (school_id, group_id, subject_id, teacher_id)
    select ${schoolId}::int, g.id, (select id from subjects where school_id = ${schoolId}::int), (select min(id) from users where school_id = ${schoolId}::int)
    from groups g where g.school_id = ${schoolId}::int`;
  await sql`
    insert into lessons (school_id, course_id, group_id, teacher_id, date, period, starts_at, ends_at)
    select c.school_id, c.id, c.group_id, c.teacher_id, ${date}::date, 1, ${date}::date + time '06:00', ${date}::date + time '06:45'
    from courses c where c.school_id = ${schoolId}::int`;
  await sql`insert into students (school_id, last_name, first_name) select ${schoolId}::int, 'Ученик' || i, 'Тест' from generate_series(1, ${n}::int) i`;
  await sql`
    insert into users (school_id, roles, last_name, first_name, telegram_user_id, telegram_chat_id, telegram_status)
    select ${schoolId}::int, '{parent}', 'Родитель' || i, 'Тест', 2000000 + i, 2000000 + i, 'active' from generate_series(1, ${n}::int) i`;
  await sql`
    with s as (select id, row_number() over (order by id) rn from students where school_id = ${schoolId}::int),
         p as (select id, row_number() over (order by id) rn from users where school_id = ${schoolId}::int and roles = '{parent}')
    insert into guardianships (parent_id, student_id) select p.id, s.id from s join p using (rn)`;
  await sql`insert into consents (parent_id, version, via) select id, 'bench', 'bot' from users where school_id = ${schoolId}::int and roles = '{parent}'`;
  await sql`
    with s as (select id, row_number() over (order by id) rn from students where school_id = ${schoolId}::int),
         l as (select id, row_number() over (order by id) rn from lessons where school_id = ${schoolId}::int)
    insert into attendance (lesson_id, student_id, status)
    select l.id, s.id, 'absent' from s join l on l.rn = 1 + (s.rn - 1) % ${groups}::int`;
  await sql`
    insert into grades (school_id, course_id, lesson_id, student_id, kind, value, date)
    select l.school_id, l.course_id, l.id, a.student_id, 'current', '5', ${date}::date
    from attendance a join lessons l on l.id = a.lesson_id where l.school_id = ${schoolId}::int`;
  await sql`
    insert into notifications (school_id, recipient_id, kind, dedupe_key, payload, not_before, deadline)
    select ${schoolId}::int, g.parent_id, 'grade', 'grade:' || g.parent_id || ':' || gr.id,
           jsonb_build_object('kind', 'grade', 'gradeId', gr.id), now(), now() + interval '1 day'
    from guardianships g join grades gr on gr.student_id = g.student_id where gr.school_id = ${schoolId}::int`;
  await sql`
    insert into notifications (school_id, recipient_id, kind, dedupe_key, payload, not_before, deadline)
    select ${schoolId}::int, g.parent_id, 'absence', 'absence:' || g.parent_id || ':' || g.student_id || ':' || ${date}::text,
           jsonb_build_object('kind', 'absence', 'studentId', g.student_id, 'date', ${date}::text), now() + interval '12 hours', now() + interval '1 day'
    from guardianships g join students s on s.id = g.student_id
    where s.school_id = ${schoolId}::int order by s.id limit ${urgent}::int`;
}
