import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { courses, enrollments, groups, guardianships, invites, students, users } from '../../schema/index.js';
import { userColumns, toUser, enrolledOn } from './shared.js';

/** Who codes are issued for: users, classes, parents and their children. */
export function createPeopleQueries(
  db: Executor,
): Pick<AccessRepository, 'findUser' | 'listUsers' | 'findGroup' | 'parentsOfGroup' | 'childrenNames'> {
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
  };
}
