/** Constants, row mappers and SQL pieces the queries of this repository share. */
import { type AnyColumn, and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AccessUser, ChatIdentity, LinkedUser, Locale } from '../../../domain/access/types.js';
import type { Role } from '../../../domain/shared/principal.js';
import type { Executor } from '../../client.js';
import { enrollments, maxAccounts, maxLinks, schools, telegramAccounts, users } from '../../schema/index.js';

export const userColumns = {
  id: users.id,
  schoolId: users.schoolId,
  roles: users.roles,
  lastName: users.lastName,
  firstName: users.firstName,
  middleName: users.middleName,
  active: users.active,
  telegramUserId: users.telegramUserId,
  linkedAt: users.linkedAt,
  studentId: users.studentId,
  // Linked in MAX: a max_links row, active or blocked (as a blocked Telegram link still counts as linked).
  maxLinked: sql<boolean>`exists (select 1 from ${maxLinks} where ${maxLinks.userId} = "users"."id")`,
};

type UserColumnsRow = {
  [K in Exclude<keyof typeof userColumns, 'maxLinked'>]: (typeof userColumns)[K]['_']['data'] | null;
} & { id: number; schoolId: number; maxLinked: boolean | null };

export function toUser(row: UserColumnsRow): AccessUser {
  return {
    id: row.id,
    schoolId: row.schoolId,
    roles: (row.roles ?? []) as Role[],
    lastName: row.lastName ?? '',
    firstName: row.firstName ?? '',
    middleName: row.middleName,
    active: row.active ?? true,
    telegramLinked: row.telegramUserId !== null,
    maxLinked: Boolean(row.maxLinked),
    linkedAt: row.linkedAt,
    studentId: row.studentId,
  };
}

/** Enrolled on `onDate` (both ends inclusive). */
export const enrolledOn = (onDate: string) =>
  and(sql`${enrollments.fromDate} <= ${onDate}`, or(isNull(enrollments.toDate), sql`${enrollments.toDate} >= ${onDate}`));

/** What identification reads of each linked user, the same for every messenger. */
function identityColumns<L extends AnyColumn, C extends AnyColumn>(chosenLocale: L, closedBy: C) {
  return {
    userId: users.id,
    schoolId: users.schoolId,
    schoolName: schools.name,
    timezone: schools.timezone,
    roles: users.roles,
    locale: users.locale,
    lastName: users.lastName,
    firstName: users.firstName,
    middleName: users.middleName,
    chosenLocale,
    closedBy,
  };
}

/**
 * The account's active users and its chosen language in one round trip: the account's row
 * (if any) rides on every user row, and an account with no users still gets one row of nulls.
 */
export function prepareIdentify(db: Executor) {
  const closedUser = alias(users, 'closed_user');
  const closedSchool = alias(schools, 'closed_school');
  const account = db
    .select({ tid: sql<number>`${sql.placeholder('telegramUserId')}::bigint`.as('tid') })
    .from(sql`(values (1)) as one`)
    .as('account');
  return (
    db
      .select(identityColumns(telegramAccounts.locale, closedSchool.name))
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

/**
 * The MAX account's active users and its chosen language in one round trip, as
 * `prepareIdentify` for Telegram: the users come through `max_links` (a blocked link still
 * identifies: the person is writing), the language and the closed access from `max_accounts`.
 */
export function prepareIdentifyMax(db: Executor) {
  const closedUser = alias(users, 'closed_user');
  const closedSchool = alias(schools, 'closed_school');
  const account = db
    .select({ mid: sql<number>`${sql.placeholder('maxUserId')}::bigint`.as('mid') })
    .from(sql`(values (1)) as one`)
    .as('account');
  return db
    .select(identityColumns(maxAccounts.locale, closedSchool.name))
    .from(account)
    .leftJoin(maxLinks, eq(maxLinks.maxUserId, account.mid))
    .leftJoin(users, and(eq(users.id, maxLinks.userId), eq(users.active, true)))
    .leftJoin(schools, eq(schools.id, users.schoolId))
    .leftJoin(maxAccounts, eq(maxAccounts.maxUserId, account.mid))
    .leftJoin(closedUser, and(eq(closedUser.id, maxAccounts.closedUserId), eq(closedUser.active, false)))
    .leftJoin(closedSchool, eq(closedSchool.id, closedUser.schoolId))
    .orderBy(asc(maxLinks.linkedAt), asc(users.id))
    .prepare('access_identify_max');
}

type IdentifyRow = Awaited<ReturnType<ReturnType<typeof prepareIdentify>['execute']>>[number];

/** The rows of either identify query as the bot's ChatIdentity. */
export function identityOf(rows: IdentifyRow[]): ChatIdentity {
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
}
