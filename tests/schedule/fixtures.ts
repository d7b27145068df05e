import { eq, sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { auditLog, lessons } from '../../src/db/schema/index.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

/** A school with two groups, two teachers, a non-teacher and three courses loaded through the API. */
export async function scheduleSchool(app: App, timezone = 'Asia/Novokuznetsk') {
  const created = await createSchool(app, { timezone });
  const seed = seeder(app, created.school.id, timezone);
  const groupA = await seed.group('5А');
  const groupB = await seed.group('6Б');
  const teacher1 = await seed.user(['teacher'], { lastName: 'Смирнова' });
  const teacher2 = await seed.user(['teacher', 'class_teacher'], { lastName: 'Кузнецов' });
  const parent = await seed.user(['parent'], { lastName: 'Родителева' });
  const res = await app.http!.inject({
    method: 'POST',
    url: '/v1/courses',
    headers: created.auth,
    payload: {
      items: [
        {
          externalId: 'c1',
          groupExternalId: groupA.externalId,
          subject: 'Математика',
          teacherExternalId: teacher1.externalId,
          plannedHours: 170,
        },
        { externalId: 'c2', groupExternalId: groupA.externalId, subject: 'Русский язык', teacherExternalId: teacher2.externalId },
        { externalId: 'c3', groupExternalId: groupB.externalId, subject: 'Математика', teacherExternalId: teacher1.externalId },
      ],
    },
  });
  if (res.statusCode !== 200) throw new Error(`courses: ${res.body}`);
  const ids = res.json().ids as Record<string, number>;
  return { ...created, seed, groupA, groupB, teacher1, teacher2, parent, courseIds: ids };
}

export async function countLessons(app: App, schoolId: number): Promise<number> {
  const [row] = await app.db.db.select({ n: sql<number>`count(*)::int` }).from(lessons).where(eq(lessons.schoolId, schoolId));
  return row!.n;
}

export async function auditRows(app: App, schoolId: number, entity: string) {
  return app.db.db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.schoolId} = ${schoolId} and ${auditLog.entity} = ${entity}`)
    .orderBy(auditLog.id);
}
