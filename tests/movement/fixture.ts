import type { App } from '../../src/app.js';
import { enrollments, groups } from '../../src/db/schema/index.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { asUser } from '../journal/fixture.js';

/**
 * A school with class 5А (class teacher, a maths course, a lesson on 2026-10-14), a club, and
 * a child in both since 2026-09-01 whose two parents have given consent; a classmate and her parent.
 */
export async function departureSchool(app: App) {
  const { school, auth } = await createSchool(app);
  const seed = seeder(app, school.id);
  const teacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Смирнова', firstName: 'Ольга' });
  const group = await seed.group('5А', teacher.id);
  const [club] = await app.db.db
    .insert(groups)
    .values({ schoolId: school.id, name: 'Робототехника', externalId: `club-${school.id}`, kind: 'club' })
    .returning();
  const child = await seed.student(group.id, { lastName: 'Иванов', firstName: 'Иван' });
  await app.db.db.insert(enrollments).values({ studentId: child.id, groupId: club!.id, fromDate: '2026-09-10' });
  const other = await seed.student(group.id, { lastName: 'Абрамова', firstName: 'Анна' });
  const mother = await seed.user(['parent'], { lastName: 'Иванова', firstName: 'Мария' });
  const father = await seed.user(['parent'], { lastName: 'Иванов', firstName: 'Пётр' });
  const otherParent = await seed.user(['parent'], { lastName: 'Абрамов', firstName: 'Олег' });
  await seed.guardian(mother.id, child.id);
  await seed.guardian(father.id, child.id);
  await seed.guardian(otherParent.id, other.id);
  for (const p of [mother, father, otherParent]) await app.services.family.grantConsent(asUser(p));
  const math = await seed.course(group.id, teacher.id, 'Математика');
  const lesson = await seed.lesson(math, '2026-10-14', '09:00', { period: 1 });
  return { school, auth, seed, teacher, group, club: club!, child, other, mother, father, otherParent, math, lesson };
}
