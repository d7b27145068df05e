/**
 * Generation of a term: 40 groups × 30 lessons a week × 18 weeks ≈ 21,600 lessons, through
 * the schedule service, as one request of the HTTP API would do it.
 */
import { createServices } from '../../src/services.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { groups, users } from '../../src/db/schema/index.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { timed } from '../lib/database.js';

const GROUPS = 40;
/** Each subject has four teachers, each with ten groups: no teacher is in two places at once. */
const TEACHERS = 40;
const SUBJECTS = [
  'Математика',
  'Русский язык',
  'Литература',
  'Английский язык',
  'История',
  'География',
  'Биология',
  'Физика',
  'Химия',
  'Физкультура',
];
const BELLS = [
  { period: 1, start: '08:30', end: '09:10' },
  { period: 2, start: '09:20', end: '10:00' },
  { period: 3, start: '10:20', end: '11:00' },
  { period: 4, start: '11:20', end: '12:00' },
  { period: 5, start: '12:10', end: '12:50' },
];

export async function benchSchedule(url: string): Promise<void> {
  const db = createDbClient(url);
  try {
    const services = createServices(createConfig({ DATABASE_URL: url }), db, systemClock);
    const { school } = await services.schools.create({ kind: 'system' }, { name: 'Бенчмарк', timezone: 'Asia/Novokuznetsk' });
    const principal: Principal = { kind: 'api', schoolId: school.id };
    await db.db
      .insert(groups)
      .values(Array.from({ length: GROUPS }, (_, g) => ({ schoolId: school.id, externalId: `g${g}`, name: `${5 + (g % 7)}-${g}` })));
    await db.db.insert(users).values(
      Array.from({ length: TEACHERS }, (_, t) => ({
        schoolId: school.id,
        externalId: `t${t}`,
        roles: ['teacher'],
        lastName: `Учитель${t}`,
        firstName: 'Анна',
      })),
    );
    const courses = Array.from({ length: GROUPS }, (_, g) =>
      SUBJECTS.map((subject, s) => ({
        externalId: `g${g}-s${s}`,
        groupExternalId: `g${g}`,
        subject,
        teacherExternalId: `t${s * 4 + Math.floor(g / 10)}`,
      })),
    ).flat();
    await timed(`upsert ${courses.length} courses`, () => services.schedule.upsertCourses(principal, courses));

    // Monday..Saturday × 5 periods = 30 lessons a week per group, each of the 10 courses 3 times.
    const template = [];
    for (let g = 0; g < GROUPS; g++) {
      for (let weekday = 1; weekday <= 6; weekday++) {
        for (const bell of BELLS) {
          const slot = (weekday - 1) * BELLS.length + bell.period - 1;
          template.push({ weekday, period: bell.period, courseExternalId: `g${g}-s${(slot + g) % SUBJECTS.length}` });
        }
      }
    }
    // 18 full weeks: Monday 2026-08-31 to Sunday 2027-01-03.
    const input = { from: '2026-08-31', to: '2027-01-03', holidays: [], bells: BELLS, template };
    const first = await services.schedule.generateFromTemplate(principal, { ...input, dryRun: true });
    const { result, ms } = await (async () => {
      const start = process.hrtime.bigint();
      const r = await services.schedule.generateFromTemplate(principal, input);
      return { result: r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    })();
    console.log(`schedule generation (${result.lessons.created} lessons): ${ms.toFixed(0)} ms`);
    if (result.lessons.created !== first.lessons.total)
      throw new Error(`expected ${first.lessons.total} lessons, created ${result.lessons.created}`);
    await timed(`schedule re-run (${result.lessons.total} lessons found, nothing created)`, () =>
      services.schedule.generateFromTemplate(principal, input),
    );
  } finally {
    await db.close();
  }
}
