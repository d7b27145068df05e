import type { App } from '../../src/app.js';
import { attendance, enrollments, grades, groups } from '../../src/db/schema/index.js';
import { instantAt } from '../../src/domain/shared/dates.js';
import { journalSchool } from '../journal/fixture.js';

const TZ = 'Europe/Moscow';
const filled = (date: string) => ({ attendanceFilledAt: instantAt(date, '15:00', TZ) });
type Mark = 'absent' | 'sick' | 'excused' | 'late' | 'present';

/**
 * The journal school's 5А (Абрамова, Ёлкин, Иванов; class teacher Волкова) with a subgroup
 * «5А англ.» of Ёлкин, another class 6Б led by someone else, and a week of lessons:
 * Mon 12: math and physics filled — Иванов н н (the whole day), Абрамова б in math, Ёлкин оп in physics;
 * Tue 13: math filled — Иванов у, Абрамова н (parent answered «болеет»); physics not filled;
 *         English of the subgroup filled — Ёлкин н;
 * Wed 14 (today): math filled — Ёлкин н, Иванов н; physics filled — Иванов н (parent answered «болеет»);
 *         art not filled; a cancelled lesson;
 * Mon 19 (next week): math filled — Иванов н.
 */
export async function classSchool(app: App, policy: Record<string, unknown> = {}) {
  const s = await journalSchool(app, policy);
  const db = app.db.db;
  const { ivanov, abramova, yolkin } = s.students;
  const physics = await s.seed.course(s.group.id, s.colleague.id, 'Физика');
  const art = await s.seed.course(s.group.id, s.colleague.id, 'ИЗО');
  const [sub] = await db
    .insert(groups)
    .values({ schoolId: s.school.id, name: '5А англ.', kind: 'subgroup', parentGroupId: s.group.id, externalId: `sg-${s.group.id}` })
    .returning();
  await db.insert(enrollments).values({ studentId: yolkin.id, groupId: sub!.id, fromDate: '2026-09-01' });
  const english = await s.seed.course(sub!.id, s.substitute.id, 'Английский язык');
  const otherTeacher = await s.seed.user(['teacher', 'class_teacher'], { lastName: 'Морозова' });
  const other = await s.seed.group('6Б', otherTeacher.id);
  await s.seed.student(other.id, { lastName: 'Чужой', firstName: 'Ученик' });

  const marks = async (lessonId: number, list: [number, Mark][]) => {
    if (list.length) await db.insert(attendance).values(list.map(([studentId, status]) => ({ lessonId, studentId, status })));
  };
  const mathMon = await s.seed.lesson(s.course, '2026-10-12', '09:00', filled('2026-10-12'));
  await marks(mathMon.id, [
    [ivanov.id, 'absent'],
    [abramova.id, 'sick'],
  ]);
  const physMon = await s.seed.lesson(physics, '2026-10-12', '10:00', filled('2026-10-12'));
  await marks(physMon.id, [
    [ivanov.id, 'absent'],
    [yolkin.id, 'late'],
  ]);
  const mathTue = await s.seed.lesson(s.course, '2026-10-13', '09:00', filled('2026-10-13'));
  await marks(mathTue.id, [
    [ivanov.id, 'excused'],
    [abramova.id, 'absent'],
  ]);
  await s.seed.lesson(physics, '2026-10-13', '10:00');
  const engTue = await s.seed.lesson(english, '2026-10-13', '11:00', filled('2026-10-13'));
  await marks(engTue.id, [[yolkin.id, 'absent']]);
  const mathWed = await s.seed.lesson(s.course, '2026-10-14', '09:00', filled('2026-10-14'));
  await marks(mathWed.id, [
    [yolkin.id, 'absent'],
    [ivanov.id, 'absent'],
  ]);
  const physWed = await s.seed.lesson(physics, '2026-10-14', '10:00', filled('2026-10-14'));
  await marks(physWed.id, [[ivanov.id, 'absent']]);
  await s.seed.lesson(art, '2026-10-14', '11:00');
  await s.seed.lesson(physics, '2026-10-14', '12:00', { status: 'cancelled' });
  const mathNext = await s.seed.lesson(s.course, '2026-10-19', '09:00', filled('2026-10-19'));
  await marks(mathNext.id, [[ivanov.id, 'absent']]);
  return { ...s, physics, art, english, subgroup: sub!, other, otherTeacher };
}

/** A consenting parent of `studentId` answers the absence notice of `date` through the family service. */
export async function parentAnswers(app: App, s: Awaited<ReturnType<typeof classSchool>>, studentId: number, date: string) {
  const parent = await s.seed.user(['parent'], { lastName: 'Родитель' });
  await s.seed.guardian(parent.id, studentId);
  const principal = s.as(parent);
  await app.services.family.grantConsent(principal);
  await app.services.family.explainAbsence(principal, studentId, date, 'sick');
}

/**
 * Current math marks (no study period loaded: the last two months count):
 * Абрамова 2 3 2 (2.33, two 2s of the last three), Ёлкин 4 2 5 2 (3.25, two 2s of the last three), Иванов 5 4 4 (4.33).
 */
export async function mathMarks(app: App, s: Awaited<ReturnType<typeof classSchool>>) {
  const { ivanov, abramova, yolkin } = s.students;
  const rows: [number, string[]][] = [
    [abramova.id, ['2', '3', '2']],
    [yolkin.id, ['4', '2', '5', '2']],
    [ivanov.id, ['5', '4', '4']],
  ];
  await app.db.db.insert(grades).values(
    rows.flatMap(([studentId, values]) =>
      values.map((value, i) => ({
        schoolId: s.school.id,
        courseId: s.course.id,
        studentId,
        kind: 'current',
        value,
        date: `2026-10-0${i + 1}`,
      })),
    ),
  );
}
