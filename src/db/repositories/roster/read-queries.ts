import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { GroupKind, RosterRepository } from '../../../domain/roster/types.js';
import type { Executor } from '../../client.js';
import { enrollments, groups, guardianships, students, users } from '../../schema/index.js';
import { ROSTER_LOCK, json } from './shared.js';

/** Reads of an import: the school lock, stored groups, people, enrollments and links. */
export function createReadQueries(
  db: Executor,
): Pick<
  RosterRepository,
  'lockSchool' | 'groupsOf' | 'usersByExternalIds' | 'studentsByExternalIds' | 'openEnrollmentsOf' | 'guardianshipsOf' | 'listGroups'
> {
  return {
    async lockSchool(schoolId) {
      await db.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK}, ${schoolId})`);
    },
    async groupsOf(schoolId) {
      const rows = await db
        .select({
          id: groups.id,
          externalId: groups.externalId,
          name: groups.name,
          kind: groups.kind,
          parentGroupId: groups.parentGroupId,
          gradeLevel: groups.gradeLevel,
          classTeacherId: groups.classTeacherId,
        })
        .from(groups)
        .where(eq(groups.schoolId, schoolId));
      return rows.map((r) => ({ ...r, kind: r.kind as GroupKind }));
    },
    async usersByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({
          id: users.id,
          externalId: users.externalId,
          roles: users.roles,
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          email: users.email,
          phone: users.phone,
        })
        .from(users)
        .where(and(eq(users.schoolId, schoolId), sql`${users.externalId} in (select jsonb_array_elements_text(${json(externalIds)}))`));
      return rows.map((r) => ({ ...r, externalId: r.externalId! }));
    },
    async studentsByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select({
          id: students.id,
          externalId: students.externalId,
          lastName: students.lastName,
          firstName: students.firstName,
          middleName: students.middleName,
          birthDate: students.birthDate,
        })
        .from(students)
        .where(
          and(eq(students.schoolId, schoolId), sql`${students.externalId} in (select jsonb_array_elements_text(${json(externalIds)}))`),
        );
      return rows.map((r) => ({ ...r, externalId: r.externalId! }));
    },
    async openEnrollmentsOf(studentIds) {
      if (!studentIds.length) return [];
      return db
        .select({ id: enrollments.id, studentId: enrollments.studentId, groupId: enrollments.groupId, fromDate: enrollments.fromDate })
        .from(enrollments)
        .where(
          and(
            sql`${enrollments.studentId} in (select value::int from jsonb_array_elements_text(${json(studentIds)}))`,
            isNull(enrollments.toDate),
          ),
        );
    },
    async guardianshipsOf(parentIds) {
      if (!parentIds.length) return [];
      return db
        .select({
          parentId: guardianships.parentId,
          studentId: guardianships.studentId,
          relation: guardianships.relation,
          endedOn: guardianships.endedOn,
        })
        .from(guardianships)
        .where(sql`${guardianships.parentId} in (select value::int from jsonb_array_elements_text(${json(parentIds)}))`);
    },
    async listGroups(schoolId, onDate) {
      const rows = await db
        .select({
          id: groups.id,
          externalId: groups.externalId,
          name: groups.name,
          kind: groups.kind,
          parentGroupId: groups.parentGroupId,
          gradeLevel: groups.gradeLevel,
          teacherId: users.id,
          teacherExternalId: users.externalId,
          lastName: users.lastName,
          firstName: users.firstName,
          middleName: users.middleName,
          studentCount: sql<number>`count(${enrollments.id})::int`,
        })
        .from(groups)
        .leftJoin(users, eq(users.id, groups.classTeacherId))
        .leftJoin(
          enrollments,
          and(
            eq(enrollments.groupId, groups.id),
            sql`${enrollments.fromDate} <= ${onDate}`,
            sql`(${enrollments.toDate} is null or ${enrollments.toDate} >= ${onDate})`,
          ),
        )
        .where(eq(groups.schoolId, schoolId))
        .groupBy(groups.id, users.id)
        .orderBy(sql`${groups.gradeLevel} asc nulls last`, asc(groups.name));
      return rows.map((r) => ({
        id: r.id,
        externalId: r.externalId,
        name: r.name,
        kind: r.kind as GroupKind,
        parentGroupId: r.parentGroupId,
        gradeLevel: r.gradeLevel,
        classTeacher:
          r.teacherId === null
            ? null
            : {
                id: r.teacherId,
                externalId: r.teacherExternalId,
                lastName: r.lastName!,
                firstName: r.firstName!,
                middleName: r.middleName,
              },
        studentCount: r.studentCount,
      }));
    },
  };
}
