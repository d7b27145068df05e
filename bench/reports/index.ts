/**
 * Reports on a region-sized database: about 1,500 schools, 4 million lessons and a year of
 * attendance (~100M marks) at BENCH_SCALE=1. The scale is the fraction of the region generated
 * (default 0.05); per-school figures (16 classes of 25, ~2,700 lessons a year) stay the same at
 * every scale, so a school's report costs the same and only the region-wide query grows.
 */
import { loadavg } from 'node:os';
import { openPostgres } from '../../src/db/connect.js';
import { createServices } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { timed, withBenchDatabase, withKeptDatabase } from '../lib/database.js';
import { indexScan, overScan, type IndexScan } from '../lib/index-scan.js';

const REGION_SCHOOLS = 1500;
const GROUPS = 16;
const STUDENTS = 25;
const LESSONS_PER_GROUP = 167;
const YEAR_DAYS = 238;

async function generate(url: string, schools: number): Promise<void> {
  const sql = openPostgres(url, { max: 1, onnotice: () => {} });
  try {
    // Bulk load: foreign-key triggers off, attendance indexes built once after the load.
    await sql`SET session_replication_role = replica`;
    await sql`INSERT INTO schools (name, timezone) SELECT 'Школа № ' || i, 'Europe/Moscow' FROM generate_series(1, ${schools}) i`;
    await sql`INSERT INTO users (school_id, roles, last_name, first_name)
      SELECT s.id, ARRAY['teacher'], 'Учитель' || g, 'Анна' FROM schools s, generate_series(1, ${GROUPS}) g`;
    await sql`INSERT INTO groups (school_id, name, external_id, grade_level)
      SELECT s.id, (5 + g % 7) || '-' || g, 'g' || g, 5 + g % 7 FROM schools s, generate_series(1, ${GROUPS}) g`;
    // Quarters for every grade level: the control-works report names each work's study period.
    await sql`INSERT INTO study_periods (school_id, year_from, kind, number, from_date, to_date, grade_levels)
      SELECT s.id, '2026-09-01', 'quarters', q.n, q.f::date, q.t::date, ARRAY[1,2,3,4,5,6,7,8,9,10,11]
      FROM schools s, (VALUES (1, '2026-09-01', '2026-10-24'), (2, '2026-11-05', '2026-12-28'),
        (3, '2027-01-12', '2027-03-21'), (4, '2027-04-01', '2027-05-26')) q(n, f, t)`;
    await sql`INSERT INTO subjects (school_id, name) SELECT id, 'Математика' FROM schools`;
    await sql`INSERT INTO courses (school_id, group_id, subject_id, teacher_id, planned_hours)
      SELECT g.school_id, g.id, sub.id, u.id, 170 FROM groups g JOIN subjects sub ON sub.school_id = g.school_id
      JOIN users u ON u.school_id = g.school_id AND u.last_name = 'Учитель' || substr(g.external_id, 2)`;
    await sql`INSERT INTO students (school_id, last_name, first_name)
      SELECT g.school_id, 'Ученик' || g.id || '-' || n, 'Иван' FROM groups g, generate_series(1, ${STUDENTS}) n`;
    await sql`INSERT INTO enrollments (student_id, group_id, from_date)
      SELECT st.id, g.id, '2026-09-01' FROM students st JOIN groups g ON g.school_id = st.school_id AND st.last_name LIKE 'Ученик' || g.id || '-%'`;
    await timed(
      '  lessons',
      () => sql`INSERT INTO lessons (school_id, course_id, group_id, teacher_id, date, period, starts_at, ends_at, status, substitute_id, work_type)
      SELECT c.school_id, c.id, c.group_id, c.teacher_id, d.day, d.period,
        d.day + make_interval(hours => 7 + d.period), d.day + make_interval(hours => 7 + d.period, mins => 45),
        CASE WHEN k % 97 = 0 THEN 'cancelled' ELSE 'scheduled' END, CASE WHEN k % 31 = 0 THEN c.teacher_id END,
        -- About one lesson in eight is a work the control-works report lists, one in sixteen another type.
        CASE k % 16 WHEN 0 THEN 'control' WHEN 8 THEN 'lab' WHEN 4 THEN 'test' END
      FROM courses c, generate_series(0, ${LESSONS_PER_GROUP - 1}) k,
        LATERAL (SELECT ('2026-09-01'::date + (k * ${YEAR_DAYS} / ${LESSONS_PER_GROUP})::int) AS day, k % 6 + 1 AS period) d`,
    );
    // ~100M marks at full scale: no WAL while loading (a throw-away database; plans do not depend
    // on it), every attendance index dropped and rebuilt once with a large sort memory.
    await sql`ALTER TABLE attendance SET UNLOGGED`;
    await sql`ALTER TABLE attendance DROP CONSTRAINT attendance_pkey`;
    await sql`ALTER TABLE attendance DROP CONSTRAINT attendance_lesson_student`;
    await sql`DROP INDEX attendance_student`;
    await sql`DROP INDEX attendance_not_present`;
    await timed(
      '  attendance',
      () => sql`INSERT INTO attendance (lesson_id, student_id, status, marked_at)
      SELECT l.id, e.student_id,
        CASE WHEN r < 0.92 THEN 'present' WHEN r < 0.95 THEN 'absent' WHEN r < 0.98 THEN 'sick' WHEN r < 0.99 THEN 'excused' ELSE 'late' END,
        l.ends_at
      FROM lessons l JOIN enrollments e ON e.group_id = l.group_id,
        -- A hash of the row, not random(): an uncorrelated LATERAL random() ran once, so every
        -- mark came out 'present'. The same data at every run, ~8% of the marks not 'present'.
        LATERAL (SELECT (hashint8(l.id::bigint * 1000003 + e.student_id) & 1048575) / 1048576.0 AS r) x
      WHERE l.status = 'scheduled'`,
    );
    await timed('  attendance indexes', async () => {
      await sql`SET maintenance_work_mem = '1GB'`;
      await sql`ALTER TABLE attendance ADD CONSTRAINT attendance_pkey PRIMARY KEY (id)`;
      await sql`ALTER TABLE attendance ADD CONSTRAINT attendance_lesson_student UNIQUE (lesson_id, student_id)`;
      await sql`CREATE INDEX attendance_student ON attendance (student_id)`;
      await sql`CREATE INDEX attendance_not_present ON attendance (lesson_id, student_id, status) WHERE status <> 'present'`;
    });
    if (process.env.BENCH_LOGGED === '1') await timed('  attendance set logged', () => sql`ALTER TABLE attendance SET LOGGED`);
    // A year of marks in service has long been vacuumed (insert-triggered autovacuum): the
    // visibility map lets index-only scans skip the heap, as they would in production.
    await timed('  vacuum analyze', () => sql`VACUUM (ANALYZE)`);
    const [counts] = await sql`SELECT (SELECT count(*) FROM schools)::int AS schools, (SELECT count(*) FROM lessons)::int AS lessons,
      (SELECT count(*) FROM attendance)::bigint AS attendance, (SELECT count(*) FROM attendance WHERE status <> 'present')::bigint AS marks`;
    console.log(
      `generated: ${counts!.schools} schools, ${counts!.lessons} lessons, ${counts!.attendance} attendance rows (${counts!.marks} not 'present')`,
    );
  } finally {
    await sql.end();
  }
}

/**
 * Runs `fn` `runs` times and prints its median over `scan` (a plain index scan of the rows it
 * reads, timed just after), then the absolute figures.
 */
async function measure(
  scale: number,
  label: string,
  runs: number,
  fn: () => Promise<unknown>,
  scan: () => Promise<IndexScan>,
): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const base = await scan();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(runs / 2)]!;
  // Other work on the machine disturbs the absolute figures: the load average goes with them.
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `${label}: ${overScan(median, base)}; median ${median.toFixed(1)} ms, first ${times[0]!.toFixed(1)} ms, max ${sorted[runs - 1]!.toFixed(1)} ms ` +
      `(${runs} runs; scale ${scale}; load ${load})`,
  );
}

/** The school's lessons of a range (lessons_school_date) and their marks other than present (attendance_not_present). */
const SCHOOL_MARKS = `SELECT count(*), sum(a.student_id) FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.status <> 'present'
  WHERE l.school_id = $1 AND l.date BETWEEN $2 AND $3 AND l.status <> 'cancelled'`;
/** The school's lessons of a range (lessons_school_date), the rows the control-works report picks its works from. */
const SCHOOL_LESSONS = `SELECT count(*), sum(l.id) FROM lessons l
  WHERE l.school_id = $1 AND l.date BETWEEN $2 AND $3 AND l.status <> 'cancelled'`;
/** Every school's lessons of a day (lessons_date) and their marks other than present. */
const DAY_MARKS = `SELECT count(*), sum(a.student_id) FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.status <> 'present'
  WHERE l.date = $1 AND l.status <> 'cancelled'`;

export async function run(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? '0.05');
  if (!(scale > 0 && scale <= 1)) throw new Error('BENCH_SCALE must be in (0, 1]');
  const schools = Math.max(1, Math.round(REGION_SCHOOLS * scale));
  console.log(
    `BENCH_SCALE=${scale}: ${schools} of ${REGION_SCHOOLS} schools, ~${((schools * GROUPS * LESSONS_PER_GROUP) / 1e6).toFixed(2)}M lessons ` +
      `(region: ${((REGION_SCHOOLS * GROUPS * LESSONS_PER_GROUP) / 1e6).toFixed(2)}M), ${GROUPS} classes × ${STUDENTS} students per school`,
  );
  // BENCH_REUSE=<database kept by BENCH_KEEP=1 at the same scale>: measure again without generating.
  const reuse = process.env.BENCH_REUSE;
  const body = async (url: string) => {
    console.log(`database: ${new URL(url).pathname.slice(1)}`);
    if (!reuse) await timed('generate', () => generate(url, schools));
    const db = createDbClient(url, { max: 4 });
    try {
      const services = createServices(createConfig({ DATABASE_URL: url }), db, systemClock);
      const schoolId = Math.ceil(schools / 2);
      const api = { kind: 'api', schoolId } as const;
      const month = { from: '2026-10-01', to: '2026-10-31' };
      const rows = (await services.reports.report(api, schoolId, 'attendance-summary', month)).rows.length;
      const year = { from: '2026-09-01', to: '2027-04-26' };
      const schoolMarks = (range: { from: string; to: string }) => () =>
        indexScan(db.sql, "the school's marks of the range", SCHOOL_MARKS, [schoolId, range.from, range.to]);
      await measure(
        scale,
        `school monthly attendance summary (${rows} rows, target ≤ 50 ms)`,
        20,
        () => services.reports.report(api, schoolId, 'attendance-summary', month),
        schoolMarks(month),
      );
      await measure(
        scale,
        'school monthly class attendance',
        10,
        () => services.reports.report(api, schoolId, 'class-attendance', month),
        schoolMarks(month),
      );
      await measure(
        scale,
        'school year attendance summary (2026-09-01..2027-04-26)',
        5,
        () => services.reports.report(api, schoolId, 'attendance-summary', year),
        schoolMarks(year),
      );
      const works = (await services.reports.report(api, schoolId, 'control-works', year)).rows.length;
      await measure(
        scale,
        `school year control works (${works} rows)`,
        10,
        () => services.reports.report(api, schoolId, 'control-works', year),
        () => indexScan(db.sql, "the school's lessons of the range", SCHOOL_LESSONS, [schoolId, year.from, year.to]),
      );
      const region = await services.reports.regionDaily({ kind: 'system' }, '2026-10-15');
      await measure(
        scale,
        `region-wide daily summary (${region.length} schools, ${region.reduce((s, r) => s + r.lessonsHeld, 0)} lessons that day, target ≤ 1 s)`,
        5,
        () => services.reports.regionDaily({ kind: 'system' }, '2026-10-15'),
        () => indexScan(db.sql, "the day's marks in every school", DAY_MARKS, ['2026-10-15']),
      );
    } finally {
      await db.close();
    }
  };
  if (reuse) await withKeptDatabase(reuse, body);
  else await withBenchDatabase(body, { keep: process.env.BENCH_KEEP === '1' });
}
