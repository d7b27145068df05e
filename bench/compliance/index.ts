/**
 * Compliance scans at region scale: 1,500 schools in three timezones, 9 courses each, 300
 * lessons per course over 100 days (4,050,000 lessons), generated with generate_series.
 * Prints the time of one reminder scan (the first one of the afternoon, which claims every
 * due point of the day, and a steady-state one a minute later) and of the escalation pass
 * that enqueues the alerts of every school's deputies. Then the term-grade pass on the same
 * region (term-grades.ts): the first one of a reminder day, a steady one, and the overdue alerts.
 * Between them (class-daily.ts): the escalation pass again with a head of department per school,
 * and the class teachers' daily messages of the whole region, first pass and steady.
 */
import { createDbClient } from '../../src/db/client.js';
import { createUnitOfWork } from '../../src/db/unit-of-work.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import { loadavg } from 'node:os';
import type { Sql } from 'postgres';
import { timed, withBenchDatabase, withKeptDatabase } from '../lib/database.js';
import { indexScan, overScan, type IndexScan } from '../lib/index-scan.js';
import { seedTermGrades, STUDENTS_PER_CLASS, termGradeScan } from './term-grades.js';
import { classDayScan, forgetEscalations, seedClassDaily, seedHeads, UNSEAT_HEADS } from './class-daily.js';

/** BENCH_SCHOOLS runs a smaller region (a quick check of the queries); the figures of docs/performance.md are of 1,500. */
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1500);
const COURSES = 9;
const DAYS = 100;
const LAST_DAY = '2026-11-23';

async function seed(sql: ReturnType<typeof createDbClient>['sql']) {
  await sql.unsafe(`
    INSERT INTO schools (name, timezone)
    SELECT 'Школа ' || s, (ARRAY['Europe/Moscow','Asia/Novokuznetsk','Asia/Yekaterinburg'])[1 + s % 3] FROM generate_series(1, ${SCHOOLS}) s;
    INSERT INTO users (school_id, roles, last_name, first_name)
    SELECT s.id, ARRAY['teacher'], 'Учитель' || t, 'Анна' FROM schools s, generate_series(1, ${COURSES}) t;
    INSERT INTO users (school_id, roles, last_name, first_name, telegram_chat_id)
    SELECT s.id, ARRAY['deputy_director'], 'Завуч' || d, 'Ольга', 1000000 + s.id * 10 + d FROM schools s, generate_series(1, 2) d;
    INSERT INTO groups (school_id, name) SELECT s.id, g || 'А' FROM schools s, generate_series(1, ${COURSES}) g;
    INSERT INTO subjects (school_id, name) SELECT id, 'Математика' FROM schools;
    INSERT INTO courses (school_id, group_id, subject_id, teacher_id)
    SELECT g.school_id, g.id, sub.id, u.id
    FROM groups g JOIN subjects sub ON sub.school_id = g.school_id
    JOIN users u ON u.school_id = g.school_id AND u.last_name = 'Учитель' || split_part(g.name, 'А', 1);`);
  // Past days are filled 10 minutes after the lesson except every 50th lesson; the last day is open.
  await sql.unsafe(`
    INSERT INTO lessons (school_id, course_id, group_id, teacher_id, date, period, starts_at, ends_at,
                         attendance_filled_at, topic_filled_at)
    SELECT c.school_id, c.id, c.group_id, c.teacher_id, d::date, k,
           (d::date + make_time(7 + 2 * k, 0, 0)) AT TIME ZONE s.timezone,
           (d::date + make_time(7 + 2 * k, 45, 0)) AT TIME ZONE s.timezone,
           CASE WHEN d::date < '${LAST_DAY}' AND (c.id + k) % 50 <> 0 THEN ((d::date + make_time(7 + 2 * k, 55, 0)) AT TIME ZONE s.timezone) END,
           CASE WHEN d::date < '${LAST_DAY}' AND (c.id + k) % 50 <> 0 THEN ((d::date + make_time(7 + 2 * k, 55, 0)) AT TIME ZONE s.timezone) END
    FROM courses c JOIN schools s ON s.id = c.school_id,
         generate_series('${LAST_DAY}'::date - ${DAYS - 1}, '${LAST_DAY}'::date, interval '1 day') d,
         generate_series(1, 3) k;
    ANALYZE;`);
}

/** A kept database has the claims of its last run: drop them so the first scan starts from an empty day again. */
async function forgetClaims(sql: ReturnType<typeof createDbClient>['sql']) {
  await sql.unsafe('TRUNCATE lesson_reminders, compliance_runs, delivery_attempts, notifications');
  await sql.unsafe('UPDATE class_flags SET delivered_on = NULL');
  await sql.unsafe('VACUUM ANALYZE lesson_reminders, compliance_runs, notifications');
}

/**
 * The rows a reminder scan reads: lessons that ended in the scanner's look-back (48 h) up to
 * `now` and still miss attendance or topic, through the partial index lessons_unfinished.
 */
const unfinishedScan = (sql: Sql, now: Date) =>
  indexScan(
    sql,
    'unfinished lessons of the look-back',
    `SELECT count(*), sum(school_id) FROM lessons
  WHERE status = 'scheduled' AND (attendance_filled_at IS NULL OR topic_filled_at IS NULL) AND ends_at > $1 AND ends_at <= $2`,
    [new Date(now.getTime() - 48 * 3_600_000).toISOString(), now.toISOString()],
  );
/**
 * The rows the escalation pass reads: every school's lessons of the day, school by school
 * through lessons_school_date as the pass probes them (a semi-join over all schools was
 * planned as a sequential scan of the table, not the rows the pass reads).
 */
const dayScan = (sql: Sql, date: string) =>
  indexScan(
    sql,
    "every school's lessons of the day",
    `SELECT count(*), sum(l.school_id) FROM schools s,
  LATERAL (SELECT l.school_id FROM lessons l WHERE l.school_id = s.id AND l.date = $1 OFFSET 0) l`,
    [date],
  );

/** `fn` timed, then `scan` (the rows it reads, plainly), printed as the ratio first. */
async function measured<T>(label: string, fn: () => Promise<T>, scan: () => Promise<IndexScan>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label}: ${overScan(ms, await scan())}; ${ms.toFixed(0)} ms`);
  return result;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

export async function run(): Promise<void> {
  // BENCH_KEEP=1 keeps the seeded database; BENCH_REUSE=<its name> measures again without seeding.
  const reuse = process.env.BENCH_REUSE;
  const body = async (url: string) => {
    console.log(`database: ${new URL(url).pathname.slice(1)}; load average before: ${load()}`);
    const client = createDbClient(url);
    try {
      if (reuse) await timed('forget the claims of the last run', () => forgetClaims(client.sql));
      else {
        await timed(`seed ${SCHOOLS} schools, ${SCHOOLS * COURSES * DAYS * 3} lessons`, () => seed(client.sql));
        await timed(`seed ${SCHOOLS * COURSES * STUDENTS_PER_CLASS} students, trimesters, current and term grades`, () =>
          seedTermGrades(client.sql, LAST_DAY),
        );
        await timed('seed class teachers, three days of attendance, new 2s and flags', () => seedClassDaily(client.sql, LAST_DAY));
      }
      // Heads of department come after the deputies' line, which measures the deputies alone.
      await client.sql.unsafe(UNSEAT_HEADS);
      let now = new Date('2026-11-23T10:00:00Z'); // 13:00 Moscow, 15:00 Yekaterinburg, 17:00 Novokuznetsk
      const clock = { now: () => now };
      const scanner = createComplianceScanner({ uow: createUnitOfWork(client.db), clock });
      const unfinished = () => unfinishedScan(client.sql, now);
      const first = await measured(
        'reminder scan, first of the afternoon (claims the day so far)',
        () => scanner.scanReminders(),
        unfinished,
      );
      console.log(`  ${first} reminder notices`);
      now = new Date(now.getTime() + 60_000);
      const steady = await measured('reminder scan, steady state one minute later', () => scanner.scanReminders(), unfinished);
      console.log(`  ${steady} reminder notices`);
      now = new Date(now.getTime() + 60_000);
      await measured('reminder scan, steady state again', () => scanner.scanReminders(), unfinished);
      now = new Date('2026-11-23T14:05:00Z'); // past 17:00 in every school
      await measured('reminder scan after every deadline', () => scanner.scanReminders(), unfinished);
      const day = () => dayScan(client.sql, LAST_DAY);
      const esc = await measured("escalations of every school's deputies", () => scanner.scanEscalations(), day);
      console.log(`  ${esc} escalation notices`);
      await measured('escalation pass again (nothing new)', () => scanner.scanEscalations(), day);
      await forgetEscalations(client.sql);
      await seedHeads(client.sql);
      const withHeads = await measured(
        "escalations of every school's deputies and heads of department",
        () => scanner.scanEscalations(),
        day,
      );
      console.log(`  ${withHeads} escalation notices (${withHeads - esc} to heads of department)`);
      await measured('escalation pass with heads again (nothing new)', () => scanner.scanEscalations(), day);
      now = new Date('2026-11-23T13:00:00Z'); // past 15:30 in every school
      const absences = () => classDayScan(client.sql, LAST_DAY);
      const daily = await measured("class teachers' daily messages, first pass of the day", () => scanner.scanClassDailies(), absences);
      console.log(`  ${daily} class teachers' messages`);
      await measured("class teachers' daily messages, steady state (nothing new)", () => scanner.scanClassDailies(), absences);
      const terms = () => termGradeScan(client.sql);
      now = new Date('2026-11-23T10:00:00Z'); // a reminder day: past 08:00 in every school
      const firstTerm = await measured('term-grade pass, first of a reminder day', () => scanner.scanTermGrades(), terms);
      console.log(`  ${firstTerm.reminders} term-grade reminders`);
      now = new Date(now.getTime() + 60_000);
      await measured('term-grade pass, steady state one minute later', () => scanner.scanTermGrades(), terms);
      await measured('whole compliance tick, steady state', () => scanner.tick(), terms);
      now = new Date('2026-11-24T06:00:00Z'); // the day after the due date: past 08:00 in every school
      const overdue = await measured('term-grade pass, first of an overdue day', () => scanner.scanTermGrades(), terms);
      console.log(`  ${overdue.escalations} term-grade alerts to deputies`);
      await measured('term-grade pass again (nothing new)', () => scanner.scanTermGrades(), terms);
      console.log(`load average after: ${load()}`);
    } finally {
      await client.close();
    }
  };
  if (reuse) await withKeptDatabase(reuse, body);
  else await withBenchDatabase(body, { keep: process.env.BENCH_KEEP === '1' });
}
