import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AccessRepository, AccessUser, LinkedUser, Locale } from '../../domain/access/types.js';
import type { Role } from '../../domain/shared/principal.js';
import type { Executor } from '../client.js';
import {
  codeAttempts,
  courses,
  enrollments,
  groups,
  guardianships,
  invites,
  schools,
  students,
  telegramAccounts,
  users,
} from '../schema/index.js';

const userColumns = {
  id: users.id,
  schoolId: users.schoolId,
  roles: users.roles,
  lastName: users.lastName,
  firstName: users.firstName,
  middleName: users.middleName,
  active: users.active,
  telegramUserId: users.telegramUserId,
  linkedAt: users.linkedAt,
};

function toUser(
  row: { [K in keyof typeof userColumns]: (typeof userColumns)[K]['_']['data'] | null } & { id: number; schoolId: number },
): AccessUser {
  return {
    id: row.id,
    schoolId: row.schoolId,
    roles: (row.roles ?? []) as Role[],
    lastName: row.lastName ?? '',
    firstName: row.firstName ?? '',
    middleName: row.middleName,
    active: row.active ?? true,
    telegramLinked: row.telegramUserId !== null,
    linkedAt: row.linkedAt,
  };
}

/** Enrolled on `onDate` (both ends inclusive). */
const enrolledOn = (onDate: string) =>
  and(sql`${enrollments.fromDate} <= ${onDate}`, or(isNull(enrollments.toDate), sql`${enrollments.toDate} >= ${onDate}`));

/**
 * The account's active users and its chosen language in one round trip: the account's row
 * (if any) rides on every user row, and an account with no users still gets one row of nulls.
 */
function prepareIdentify(db: Executor) {
  const closedUser = alias(users, 'closed_user');
  const closedSchool = alias(schools, 'closed_school');
  const account = db
    .select({ tid: sql<number>`${sql.placeholder('telegramUserId')}::bigint`.as('tid') })
    .from(sql`(values (1)) as one`)
    .as('account');
  return (
    db
      .select({
        userId: users.id,
        schoolId: users.schoolId,
        schoolName: schools.name,
        timezone: schools.timezone,
        roles: users.roles,
        locale: users.locale,
        lastName: users.lastName,
        firstName: users.firstName,
        middleName: users.middleName,
        chosenLocale: telegramAccounts.locale,
        closedBy: closedSchool.name,
      })
      .from(account)
      .leftJoin(users, and(eq(users.telegramUserId, account.tid), eq(users.active, true)))
      .leftJoin(schools, eq(schools.id, users.schoolId))
      .leftJoin(telegramAccounts, eq(telegramAccounts.telegramUserId, account.tid))
      // A school that deactivated this account's user (docs/school-year.md, "Staff leaving").
      .leftJoin(closedUser, and(eq(closedUser.id, telegramAccounts.closedUserId), eq(closedUser.active, false)))
      .leftJoin(closedSchool, eq(closedSchool.id, closedUser.schoolId))
      .orderBy(asc(users.linkedAt), asc(users.id))
      .prepare('access_identify')
  );
}

export function createAccessRepository(db: Executor): AccessRepository {
  let identifyQuery: ReturnType<typeof prepareIdentify> | undefined;
  return {
    async findUser(schoolId, userId) {
      const [row] = await db
        .select(userColumns)
        .from(users)
        .where(and(eq(users.schoolId, schoolId), eq(users.id, userId)));
      return row ? toUser(row) : null;
    },

    async listUsers({ schoolId, role, groupId, onDate, now }) {
      // drizzle leaves columns unqualified in a one-table select, so the outer id is spelled out.
      const pending = sql<boolean>`exists (select 1 from ${invites} where ${invites.userId} = "users"."id" and ${invites.usedAt} is null and ${invites.revokedAt} is null and ${invites.expiresAt} > ${now.toISOString()}::timestamptz)`;
      const inGroup =
        groupId === undefined
          ? undefined
          : or(
              sql`${users.id} in (select ${guardianships.parentId} from ${guardianships} join ${enrollments} on ${enrollments.studentId} = ${guardianships.studentId} where ${guardianships.endedOn} is null and ${enrollments.groupId} = ${groupId} and ${enrolledOn(onDate)})`,
              sql`${users.id} in (select ${groups.classTeacherId} from ${groups} where ${groups.id} = ${groupId})`,
              sql`${users.id} in (select ${courses.teacherId} from ${courses} where ${courses.groupId} = ${groupId})`,
            );
      const rows = await db
        .select({ ...userColumns, pendingCode: pending })
        .from(users)
        .where(and(eq(users.schoolId, schoolId), role ? sql`${role} = any(${users.roles})` : undefined, inGroup))
        .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
      return rows.map((r) => ({ ...toUser(r), pendingCode: Boolean(r.pendingCode) }));
    },

    async findGroup(schoolId, groupId) {
      const [row] = await db
        .select({ id: groups.id, name: groups.name, classTeacherId: groups.classTeacherId })
        .from(groups)
        .where(and(eq(groups.schoolId, schoolId), eq(groups.id, groupId)));
      return row ?? null;
    },

    async parentsOfGroup(groupId, onDate) {
      const rows = await db
        .selectDistinct(userColumns)
        .from(users)
        .innerJoin(guardianships, and(eq(guardianships.parentId, users.id), isNull(guardianships.endedOn)))
        .innerJoin(enrollments, eq(enrollments.studentId, guardianships.studentId))
        .where(and(eq(enrollments.groupId, groupId), enrolledOn(onDate)))
        .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
      return rows.map(toUser);
    },

    async childrenNames(parentIds) {
      const out = new Map<number, string[]>();
      if (!parentIds.length) return out;
      const rows = await db
        .select({ parentId: guardianships.parentId, lastName: students.lastName, firstName: students.firstName })
        .from(guardianships)
        .innerJoin(students, eq(students.id, guardianships.studentId))
        .where(and(inArray(guardianships.parentId, parentIds), isNull(guardianships.endedOn)))
        .orderBy(asc(students.lastName), asc(students.firstName));
      for (const r of rows) out.set(r.parentId, [...(out.get(r.parentId) ?? []), `${r.lastName} ${r.firstName}`]);
      return out;
    },

    async revokeUnused(userIds, at) {
      if (!userIds.length) return 0;
      const rows = await db
        .update(invites)
        .set({ revokedAt: at })
        .where(and(inArray(invites.userId, userIds), isNull(invites.usedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      return rows.length;
    },

    async insertInvites(rows) {
      for (let i = 0; i < rows.length; i += 1000) await db.insert(invites).values(rows.slice(i, i + 1000));
    },

    async findInviteByHash(codeHash) {
      const [row] = await db
        .select({
          id: invites.id,
          userId: invites.userId,
          schoolId: users.schoolId,
          expiresAt: invites.expiresAt,
          usedAt: invites.usedAt,
          revokedAt: invites.revokedAt,
          userActive: users.active,
        })
        .from(invites)
        .innerJoin(users, eq(users.id, invites.userId))
        .where(eq(invites.codeHash, codeHash));
      return row ?? null;
    },

    async markUsed(inviteId, at, telegramUserId) {
      const rows = await db
        .update(invites)
        .set({ usedAt: at, usedByTelegramId: telegramUserId })
        .where(and(eq(invites.id, inviteId), isNull(invites.usedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      return rows.length === 1;
    },

    async unlinkTelegram(userIds) {
      if (!userIds.length) return [];
      return db
        .update(users)
        .set({ telegramUserId: null, telegramChatId: null, linkedAt: null, telegramStatus: null })
        .where(and(inArray(users.id, userIds), isNotNull(users.telegramUserId)))
        .returning({ id: users.id, schoolId: users.schoolId });
    },
    async linkTelegram(userId, link) {
      // A language the account chose before linking becomes the user's (notifications use it).
      const chosen = sql<string>`coalesce((select ${telegramAccounts.locale} from ${telegramAccounts} where ${telegramAccounts.telegramUserId} = ${link.telegramUserId}), ${users.locale})`;
      await db
        .update(users)
        .set({
          telegramUserId: link.telegramUserId,
          telegramChatId: link.chatId,
          linkedAt: link.at,
          telegramStatus: 'active',
          locale: chosen,
        })
        .where(eq(users.id, userId));
      // Linked again: an earlier closed access no longer speaks for this account.
      await db
        .update(telegramAccounts)
        .set({ closedUserId: null })
        .where(and(eq(telegramAccounts.telegramUserId, link.telegramUserId), isNotNull(telegramAccounts.closedUserId)));
    },

    async attemptsSince(who, since, globalMax) {
      const times = (rows: { at: Date }[]) => rows.map((r) => r.at);
      const [chat, user, global] = await Promise.all([
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(and(eq(codeAttempts.chatId, who.chatId), gt(codeAttempts.at, since)))
          .orderBy(asc(codeAttempts.at)),
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(and(eq(codeAttempts.telegramUserId, who.telegramUserId), gt(codeAttempts.at, since)))
          .orderBy(asc(codeAttempts.at)),
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(gt(codeAttempts.at, since))
          .orderBy(desc(codeAttempts.at))
          .limit(globalMax),
      ]);
      return { chat: times(chat), user: times(user), global: times(global).reverse() };
    },

    async recordAttempt(who, at) {
      await db.insert(codeAttempts).values({ chatId: who.chatId, telegramUserId: who.telegramUserId, at });
      // Only the last hour matters; older rows of this chat and account are dropped as they go.
      await db
        .delete(codeAttempts)
        .where(
          and(
            or(eq(codeAttempts.chatId, who.chatId), eq(codeAttempts.telegramUserId, who.telegramUserId)),
            sql`${codeAttempts.at} < ${at.toISOString()}::timestamptz - interval '1 day'`,
          ),
        );
    },

    async identify(telegramUserId) {
      // Every bot update asks this: built once per executor, not per update.
      identifyQuery ??= prepareIdentify(db);
      const rows = await identifyQuery.execute({ telegramUserId });
      const linked: LinkedUser[] = [];
      for (const { chosenLocale: _, closedBy: __, ...r } of rows) {
        if (r.userId === null) continue;
        linked.push({
          ...r,
          userId: r.userId,
          schoolId: r.schoolId!,
          schoolName: r.schoolName!,
          timezone: r.timezone!,
          roles: r.roles as Role[],
          locale: r.locale as Locale,
          lastName: r.lastName!,
          firstName: r.firstName!,
        });
      }
      const closedBy = linked.length ? null : (rows[0]?.closedBy ?? null);
      return { users: linked, locale: (rows[0]?.chosenLocale ?? null) as Locale | null, closedBy };
    },

    async setLocale(telegramUserId, locale) {
      await db
        .insert(telegramAccounts)
        .values({ telegramUserId, locale })
        .onConflictDoUpdate({ target: telegramAccounts.telegramUserId, set: { locale, updatedAt: sql`now()` } });
      await db.update(users).set({ locale }).where(eq(users.telegramUserId, telegramUserId));
    },
  };
}
