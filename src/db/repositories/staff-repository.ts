import { and, asc, count, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StaffRepository } from '../../domain/staff/types.js';
import type { Executor } from '../client.js';
import { courses, groups, invites, lessons, maxAccounts, subjects, telegramAccounts, users } from '../schema/index.js';

const fullName = (u: { lastName: string; firstName: string; middleName: string | null }) =>
  [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');

/** The named queries of staff leaving and course handover (docs/school-year.md). */
export function createStaffRepository(db: Executor): StaffRepository {
  return {
    async telegramUserIdOf(userId) {
      const [row] = await db.select({ tid: users.telegramUserId }).from(users).where(eq(users.id, userId));
      return row?.tid ?? null;
    },

    async setActive(userId, active) {
      const rows = await db
        .update(users)
        .set({ active })
        .where(and(eq(users.id, userId), eq(users.active, !active)))
        .returning({ id: users.id });
      return rows.length === 1;
    },

    async markAccessClosed(telegramUserId, userId) {
      // The account keeps the language it had; one that never chose gets the user's.
      const locale = sql<string>`(select ${users.locale} from ${users} where ${users.id} = ${userId})`;
      await db
        .insert(telegramAccounts)
        .values({ telegramUserId, locale, closedUserId: userId })
        .onConflictDoUpdate({ target: telegramAccounts.telegramUserId, set: { closedUserId: userId, updatedAt: sql`now()` } });
    },

    async markMaxAccessClosed(maxUserId, userId) {
      const locale = sql<string>`(select ${users.locale} from ${users} where ${users.id} = ${userId})`;
      await db
        .insert(maxAccounts)
        .values({ maxUserId, locale, closedUserId: userId })
        .onConflictDoUpdate({ target: maxAccounts.maxUserId, set: { closedUserId: userId, updatedAt: sql`now()` } });
    },

    async unusedCodes(userId) {
      const [row] = await db
        .select({ n: count() })
        .from(invites)
        .where(and(eq(invites.userId, userId), isNull(invites.usedAt), isNull(invites.revokedAt)));
      return row?.n ?? 0;
    },

    async lessonsFrom(userId, from) {
      const sub = alias(users, 'sub');
      const rows = await db
        .select({
          lessonId: lessons.id,
          courseId: lessons.courseId,
          subject: subjects.name,
          groupId: lessons.groupId,
          groupName: groups.name,
          date: lessons.date,
          period: lessons.period,
          startsAt: lessons.startsAt,
          teacherId: lessons.teacherId,
          substituteId: lessons.substituteId,
          subLast: sub.lastName,
          subFirst: sub.firstName,
          subMiddle: sub.middleName,
        })
        .from(lessons)
        .innerJoin(courses, eq(courses.id, lessons.courseId))
        .innerJoin(subjects, eq(subjects.id, courses.subjectId))
        .innerJoin(groups, eq(groups.id, lessons.groupId))
        .leftJoin(sub, eq(sub.id, lessons.substituteId))
        .where(
          and(
            or(eq(lessons.teacherId, userId), eq(lessons.substituteId, userId)),
            gte(lessons.date, from),
            eq(lessons.status, 'scheduled'),
          ),
        )
        .orderBy(asc(lessons.date), asc(lessons.startsAt), asc(lessons.id));
      return rows.map(({ subLast, subFirst, subMiddle, ...r }) => ({
        ...r,
        substituteName: subLast === null ? null : fullName({ lastName: subLast, firstName: subFirst ?? '', middleName: subMiddle }),
      }));
    },

    async courseLessonsFrom(courseId, from) {
      const rows = await db
        .select({
          id: lessons.id,
          date: lessons.date,
          period: lessons.period,
          startsAt: lessons.startsAt,
          teacherId: lessons.teacherId,
          substituteId: lessons.substituteId,
          attendance: lessons.attendanceFilledAt,
          topic: lessons.topicFilledAt,
        })
        .from(lessons)
        .where(and(eq(lessons.courseId, courseId), gte(lessons.date, from)))
        .orderBy(asc(lessons.date), asc(lessons.startsAt), asc(lessons.id));
      return rows.map(({ attendance, topic, ...r }) => ({ ...r, filled: attendance !== null || topic !== null }));
    },

    async reassignLessons(lessonIds, teacherId) {
      if (!lessonIds.length) return;
      await db
        .update(lessons)
        .set({
          teacherId,
          substituteId: sql`case when ${lessons.substituteId} = ${teacherId} then null else ${lessons.substituteId} end`,
        })
        .where(inArray(lessons.id, lessonIds));
    },

    async setCourseTeacher(courseId, teacherId) {
      await db.update(courses).set({ teacherId }).where(eq(courses.id, courseId));
    },

    async names(userIds) {
      if (!userIds.length) return new Map();
      const rows = await db
        .select({ id: users.id, lastName: users.lastName, firstName: users.firstName, middleName: users.middleName })
        .from(users)
        .where(inArray(users.id, userIds));
      return new Map(rows.map((r) => [r.id, fullName(r)]));
    },
  };
}
