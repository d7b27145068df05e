import type { App } from '../../src/app.js';
import { courses, enrollments, groups, guardianships, lessons, planItems, students, subjects, users } from '../../src/db/schema/index.js';
import { instantAt } from '../../src/domain/shared/dates.js';
import type { Role } from '../../src/domain/shared/principal.js';

/**
 * Direct inserts for test fixtures, so a test of one feature does not depend on the
 * importers of another. Production code never writes this way.
 */
export function seeder(app: App, schoolId: number, timezone = 'Europe/Moscow') {
  const db = app.db.db;
  let n = 0;
  const uniq = () => `${Date.now().toString(36)}-${++n}`;
  return {
    async user(roles: Role[], name: Partial<{ lastName: string; firstName: string; middleName: string; email: string }> = {}) {
      const [row] = await db
        .insert(users)
        .values({
          schoolId,
          roles,
          externalId: `u-${uniq()}`,
          lastName: name.lastName ?? 'Иванова',
          firstName: name.firstName ?? 'Мария',
          middleName: name.middleName ?? null,
          email: name.email ?? null,
        })
        .returning();
      return row!;
    },
    async group(name = '5А', classTeacherId: number | null = null) {
      const [row] = await db
        .insert(groups)
        .values({ schoolId, name, externalId: `g-${uniq()}`, classTeacherId })
        .returning();
      return row!;
    },
    async student(groupId: number | null, name: Partial<{ lastName: string; firstName: string }> = {}, fromDate = '2026-09-01') {
      const [row] = await db
        .insert(students)
        .values({
          schoolId,
          externalId: `s-${uniq()}`,
          lastName: name.lastName ?? 'Петров',
          firstName: name.firstName ?? 'Пётр',
        })
        .returning();
      if (groupId !== null) await db.insert(enrollments).values({ studentId: row!.id, groupId, fromDate });
      return row!;
    },
    async guardian(parentId: number, studentId: number) {
      await db.insert(guardianships).values({ parentId, studentId });
    },
    async course(groupId: number, teacherId: number, subjectName = 'Математика', plannedHours: number | null = 34) {
      const [subject] = await db
        .insert(subjects)
        .values({ schoolId, name: subjectName })
        .onConflictDoUpdate({ target: [subjects.schoolId, subjects.name], set: { name: subjectName } })
        .returning();
      const [row] = await db
        .insert(courses)
        .values({ schoolId, groupId, subjectId: subject!.id, teacherId, plannedHours, externalId: `c-${uniq()}` })
        .returning();
      return row!;
    },
    async plan(courseId: number, topics: string[]) {
      return db
        .insert(planItems)
        .values(topics.map((topic, i) => ({ courseId, position: i + 1, topic })))
        .returning();
    },
    /** A lesson on a local date at a local time (45 minutes). */
    async lesson(
      course: { id: number; groupId: number; teacherId: number },
      date: string,
      start = '09:00',
      extra: Partial<typeof lessons.$inferInsert> = {},
    ) {
      const startsAt = instantAt(date, start, timezone);
      const [row] = await db
        .insert(lessons)
        .values({
          schoolId,
          courseId: course.id,
          groupId: course.groupId,
          teacherId: course.teacherId,
          date,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 45 * 60_000),
          ...extra,
        })
        .returning();
      return row!;
    },
  };
}
