import { and, eq } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { enrollments, lessons, users } from '../../src/db/schema/index.js';
import type { Principal, Role } from '../../src/domain/shared/principal.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

/** After the fixture's period: every lesson is in the past. */
export const NOW = '2026-11-20T09:00:00Z';
export const PERIOD = { from: '2026-09-01', to: '2026-10-31' };

export const asUser = (u: { id: number; schoolId: number; roles: string[] }): Principal => ({
  kind: 'user',
  userId: u.id,
  schoolId: u.schoolId,
  roles: u.roles as Role[],
});

/**
 * Two classes. Ёлкин moves from 5А (last day 2026-10-15) to 5Б (from 2026-10-16). 5А has four
 * mathematics lessons: 09-10, 10-05, 10-20 (cancelled after marks were saved) and 10-21 (held by
 * a substitute); 5Б has two, 10-05 and 10-22. Marks and grades go through the journal service.
 */
export async function reportSchool(app: App) {
  const { school, auth } = await createSchool(app, { name: 'МБОУ «Школа № 7»' });
  const api: Principal = { kind: 'api', schoolId: school.id };
  const seed = seeder(app, school.id);
  const db = app.db.db;
  const classTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Волкова' });
  const teacher = await seed.user(['teacher'], { lastName: 'Смирнова', firstName: 'Ольга' });
  const teacherB = await seed.user(['teacher'], { lastName: 'Кузнецов', firstName: 'Павел' });
  const substitute = await seed.user(['teacher'], { lastName: 'Попова' });
  const deputy = await seed.user(['deputy_director'], { lastName: 'Соколов' });
  const a = await seed.group('5А', classTeacher.id);
  const b = await seed.group('5Б');
  const abramova = await seed.student(a.id, { lastName: 'Абрамова', firstName: 'Анна' });
  const ivanov = await seed.student(a.id, { lastName: 'Иванов', firstName: 'Иван' });
  const yolkin = await seed.student(a.id, { lastName: 'Ёлкин', firstName: 'Егор' });
  const borisov = await seed.student(b.id, { lastName: 'Борисов', firstName: 'Борис' });
  await db
    .update(enrollments)
    .set({ toDate: '2026-10-15', reason: 'перевод в 5Б' })
    .where(and(eq(enrollments.studentId, yolkin.id), eq(enrollments.groupId, a.id)));
  await db.insert(enrollments).values({ studentId: yolkin.id, groupId: b.id, fromDate: '2026-10-16', reason: 'перевод из 5А' });

  for (const [student, linked] of [
    [ivanov, true],
    [abramova, false],
    [yolkin, true],
  ] as const) {
    const parent = await seed.user(['parent'], { lastName: student.lastName });
    if (linked)
      await db
        .update(users)
        .set({ telegramUserId: 700_000 + parent.id, linkedAt: new Date(NOW) })
        .where(eq(users.id, parent.id));
    await seed.guardian(parent.id, student.id);
  }

  const mathA = await seed.course(a.id, teacher.id, 'Математика', 34);
  await seed.plan(mathA.id, ['Натуральные числа', 'Сложение', 'Вычитание']);
  const mathB = await seed.course(b.id, teacherB.id, 'Математика', 34);
  const l1 = await seed.lesson(mathA, '2026-09-10');
  const l2 = await seed.lesson(mathA, '2026-10-05');
  const l3 = await seed.lesson(mathA, '2026-10-20');
  const l4 = await seed.lesson(mathA, '2026-10-21', '09:00', { substituteId: substitute.id });
  const m1 = await seed.lesson(mathB, '2026-10-05');
  const m2 = await seed.lesson(mathB, '2026-10-22');

  const j = app.services.journal;
  await j.saveAttendance(api, l1.id, { marks: [{ studentId: ivanov.id, status: 'absent' }] });
  await j.saveAttendance(api, l2.id, {
    marks: [
      { studentId: yolkin.id, status: 'sick' },
      { studentId: abramova.id, status: 'late' },
    ],
  });
  await j.saveAttendance(api, l3.id, {
    marks: [
      { studentId: ivanov.id, status: 'absent' },
      { studentId: abramova.id, status: 'absent' },
    ],
  });
  await db.update(lessons).set({ status: 'cancelled', cancelReason: 'карантин' }).where(eq(lessons.id, l3.id));
  await j.saveAttendance(api, l4.id, { marks: [{ studentId: ivanov.id, status: 'excused' }] });
  await j.saveAttendance(api, m1.id, { marks: [{ studentId: borisov.id, status: 'absent' }] });
  await j.saveAttendance(api, m2.id, { marks: [{ studentId: yolkin.id, status: 'absent' }] });

  await j.addGrades(api, l1.id, [
    { studentId: ivanov.id, value: '5' },
    { studentId: abramova.id, value: '4' },
  ]);
  await j.addGrades(api, l2.id, [
    { studentId: ivanov.id, value: '4' },
    { studentId: yolkin.id, value: '3' },
  ]);
  await j.addGrades(api, l4.id, [
    { studentId: ivanov.id, value: '5' },
    { studentId: ivanov.id, value: '5', kind: 'term', term: 1 },
    { studentId: abramova.id, value: '4', kind: 'term', term: 1 },
  ]);
  await j.addGrades(api, m2.id, [
    { studentId: yolkin.id, value: '2' },
    { studentId: yolkin.id, value: '3', kind: 'term', term: 1 },
  ]);

  return {
    school,
    auth,
    api,
    seed,
    classTeacher,
    teacher,
    substitute,
    deputy,
    groups: { a, b },
    students: { abramova, ivanov, yolkin, borisov },
    lessons: { l1, l2, l3, l4, m1, m2 },
    courses: { mathA, mathB },
  };
}
