import type { App } from '../../src/app.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { asUser } from '../journal/fixture.js';

/** A school with a class (class teacher, teacher, two lessons on Wednesday 2026-10-14), a parent of one child and another family. */
export async function familySchool(app: App, name?: string) {
  const { school } = await createSchool(app, { name });
  const seed = seeder(app, school.id);
  const teacher = await seed.user(['teacher'], { lastName: 'Смирнова', firstName: 'Ольга' });
  const classTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Волкова', firstName: 'Нина' });
  const group = await seed.group('5А', classTeacher.id);
  const child = await seed.student(group.id, { lastName: 'Иванов', firstName: 'Иван' });
  const other = await seed.student(group.id, { lastName: 'Абрамова', firstName: 'Анна' });
  const parent = await seed.user(['parent'], { lastName: 'Иванова', firstName: 'Мария', email: 'maria@example.org' });
  const otherParent = await seed.user(['parent'], { lastName: 'Абрамов', firstName: 'Олег' });
  await seed.guardian(parent.id, child.id);
  await seed.guardian(otherParent.id, other.id);
  const math = await seed.course(group.id, teacher.id, 'Математика');
  const history = await seed.course(group.id, teacher.id, 'История <Древний мир>');
  const lessons = [
    await seed.lesson(math, '2026-10-14', '09:00', { period: 1 }),
    await seed.lesson(history, '2026-10-14', '10:00', { period: 2 }),
  ];
  const monday = await seed.lesson(math, '2026-10-12', '09:00', { period: 1 });
  return {
    school,
    seed,
    teacher,
    classTeacher,
    group,
    child,
    other,
    parent,
    otherParent,
    math,
    history,
    lessons,
    monday,
    as: asUser,
    teacherP: asUser(teacher),
    parentP: asUser(parent),
    otherParentP: asUser(otherParent),
  };
}
