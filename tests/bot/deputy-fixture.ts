import type { App } from '../../src/app.js';
import { deputyFeatures } from '../../src/bot/features/deputy/index.js';
import { teacherReportsFeature } from '../../src/bot/features/teacher-reports/index.js';
import { teacherFeatures, teacherStatelessFeatures } from '../../src/bot/features/teacher/index.js';
import { instantAt } from '../../src/domain/shared/dates.js';
import type { manualClock } from '../helpers/app.js';
import { teacherSchool } from './teacher-fixture.js';

export { asUser, linkTelegram, NOW, recordAnswers, teacherChat, testClock, TODAY, type Harness } from './teacher-fixture.js';

const TZ = 'Europe/Moscow';
export const onTime = (date: string) => ({ attendanceFilledAt: instantAt(date, '10:00', TZ), topicFilledAt: instantAt(date, '10:05', TZ) });
/** Attendance on the day, the topic after the 17:00 deadline: the lesson counts as late. */
export const late = (date: string) => ({ attendanceFilledAt: instantAt(date, '10:00', TZ), topicFilledAt: instantAt(date, '19:00', TZ) });

/** The features in the order src/app.ts installs them. */
export function deputyHarnessOptions(app: App, clock: ReturnType<typeof manualClock>) {
  return {
    features: [
      ...teacherFeatures({ journal: app.services.journal, schools: app.services.schools, clock }),
      teacherReportsFeature({ courseReports: app.services.courseReports, clock }),
      ...deputyFeatures({ compliance: app.services.compliance, reports: app.services.reports, roster: app.services.roster, clock }),
    ],
    stateless: teacherStatelessFeatures(),
  };
}

/**
 * "Today" is Wednesday 14 October 2026, 12:00 in Moscow; the deadline is 17:00.
 * Смирнова: Mon 12 on time, Tue 13 09:00 late, Tue 13 10:00 missing, Wed 14 not due yet.
 * Кузнецов: Mon 12 and Tue 13 on time, Mon 5 late (last week). «Тест<b> &Ко»: Thu 1 on time.
 */
export async function deputySchool(app: App) {
  const s = await teacherSchool(app);
  const physics = await s.seed.course(s.group.id, s.colleague.id, 'Физика');
  const odd = await s.seed.user(['teacher'], { lastName: 'Тест<b>', firstName: '&Ко' });
  const art = await s.seed.course(s.group.id, odd.id, 'ИЗО');
  const lessons = {
    monOnTime: await s.seed.lesson(s.course, '2026-10-12', '09:00', onTime('2026-10-12')),
    tueLate: await s.seed.lesson(s.course, '2026-10-13', '09:00', late('2026-10-13')),
    tueMissing: await s.seed.lesson(s.course, '2026-10-13', '10:00'),
    wedPending: await s.seed.lesson(s.course, '2026-10-14', '09:00'),
    physicsMon: await s.seed.lesson(physics, '2026-10-12', '11:00', onTime('2026-10-12')),
    physicsTue: await s.seed.lesson(physics, '2026-10-13', '11:00', onTime('2026-10-13')),
    physicsLastWeek: await s.seed.lesson(physics, '2026-10-05', '11:00', late('2026-10-05')),
    art: await s.seed.lesson(art, '2026-10-01', '12:00', onTime('2026-10-01')),
  };
  return { ...s, physics, odd, lessons };
}
