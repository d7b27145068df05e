import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { GroupKind, RosterRepository } from '../../domain/roster/types.js';
import type { Executor } from '../client.js';
import { enrollments, groups, guardianships, students, users } from '../schema/index.js';

const CHUNK = 1000;
/** First key of the advisory lock that serializes roster imports of one school. */
const ROSTER_LOCK = 7301;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(rows: T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(rows)) out.push(...(await fn(chunk)));
  return out;
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

export function createRosterRepository(db: Executor): RosterRepository {
  return {
    async lockSchool(schoolId) {
      await db.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK}, ${schoolId})`);
    },

    async groupsOf(schoolId) {
      const rows = await db
        .select({ id: groups.id, externalId: groups.externalId, name: groups.name, kind: groups.kind, gradeLevel: groups.gradeLevel, classTeacherId: groups.classTeacherId })
        .from(groups)
        .where(eq(groups.schoolId, schoolId));
      return rows.map((r) => ({ ...r, kind: r.kind as GroupKind }));
    },

    async usersByExternalIds(schoolId, externalIds) {
      return inChunks(externalIds, async (ids) => {
        const rows = await db
          .select({
            id: users.id, externalId: users.externalId, roles: users.roles, lastName: users.lastName, firstName: users.firstName,
            middleName: users.middleName, email: users.email, phone: users.phone,
          })
          .from(users)
          .where(and(eq(users.schoolId, schoolId), inArray(users.externalId, ids)));
        return rows.map((r) => ({ ...r, externalId: r.externalId! }));
      });
    },

    async studentsByExternalIds(schoolId, externalIds) {
      return inChunks(externalIds, async (ids) => {
        const rows = await db
          .select({
            id: students.id, externalId: students.externalId, lastName: students.lastName, firstName: students.firstName,
            middleName: students.middleName, birthDate: students.birthDate,
          })
          .from(students)
          .where(and(eq(students.schoolId, schoolId), inArray(students.externalId, ids)));
        return rows.map((r) => ({ ...r, externalId: r.externalId! }));
      });
    },

    async openEnrollmentsOf(studentIds) {
      return inChunks(studentIds, (ids) =>
        db
          .select({ id: enrollments.id, studentId: enrollments.studentId, groupId: enrollments.groupId, fromDate: enrollments.fromDate })
          .from(enrollments)
          .where(and(inArray(enrollments.studentId, ids), isNull(enrollments.toDate))),
      );
    },

    async guardianshipsOf(parentIds) {
      return inChunks(parentIds, (ids) =>
        db
          .select({ parentId: guardianships.parentId, studentId: guardianships.studentId, relation: guardianships.relation })
          .from(guardianships)
          .where(inArray(guardianships.parentId, ids)),
      );
    },

    async upsertUsers(schoolId, rows) {
      return inChunks(rows, async (chunk) => {
        const written = await db
          .insert(users)
          .values(chunk.map((u) => ({ ...u, schoolId })))
          .onConflictDoUpdate({
            target: [users.schoolId, users.externalId],
            set: {
              roles: excluded('roles'), lastName: excluded('last_name'), firstName: excluded('first_name'),
              middleName: excluded('middle_name'), email: excluded('email'), phone: excluded('phone'),
            },
          })
          .returning({ id: users.id, externalId: users.externalId });
        return written.map((r) => ({ id: r.id, externalId: r.externalId! }));
      });
    },

    async upsertGroups(schoolId, rows) {
      return inChunks(rows, async (chunk) => {
        const written = await db
          .insert(groups)
          .values(chunk.map((g) => ({ ...g, schoolId })))
          .onConflictDoUpdate({
            target: [groups.schoolId, groups.externalId],
            set: { name: excluded('name'), kind: excluded('kind'), gradeLevel: excluded('grade_level'), classTeacherId: excluded('class_teacher_id') },
          })
          .returning({ id: groups.id, externalId: groups.externalId });
        return written.map((r) => ({ id: r.id, externalId: r.externalId! }));
      });
    },

    async upsertStudents(schoolId, rows) {
      return inChunks(rows, async (chunk) => {
        const written = await db
          .insert(students)
          .values(chunk.map((s) => ({ ...s, schoolId })))
          .onConflictDoUpdate({
            target: [students.schoolId, students.externalId],
            set: { lastName: excluded('last_name'), firstName: excluded('first_name'), middleName: excluded('middle_name'), birthDate: excluded('birth_date') },
          })
          .returning({ id: students.id, externalId: students.externalId });
        return written.map((r) => ({ id: r.id, externalId: r.externalId! }));
      });
    },

    async closeEnrollments(ids, toDate) {
      for (const chunk of chunks(ids)) await db.update(enrollments).set({ toDate }).where(inArray(enrollments.id, chunk));
    },

    async regroupEnrollments(changes) {
      // Same-day corrections only: rare enough that one statement per row is fine.
      for (const c of changes) await db.update(enrollments).set({ groupId: c.groupId }).where(eq(enrollments.id, c.id));
    },

    async addEnrollments(rows) {
      for (const chunk of chunks(rows)) await db.insert(enrollments).values(chunk);
    },

    async upsertGuardianships(rows) {
      for (const chunk of chunks(rows)) {
        await db.insert(guardianships).values(chunk)
          .onConflictDoUpdate({ target: [guardianships.parentId, guardianships.studentId], set: { relation: excluded('relation') } });
      }
    },

    async listGroups(schoolId, onDate) {
      const rows = await db
        .select({
          id: groups.id, externalId: groups.externalId, name: groups.name, kind: groups.kind, gradeLevel: groups.gradeLevel,
          teacherId: users.id, teacherExternalId: users.externalId, lastName: users.lastName, firstName: users.firstName, middleName: users.middleName,
          studentCount: sql<number>`count(${enrollments.id})::int`,
        })
        .from(groups)
        .leftJoin(users, eq(users.id, groups.classTeacherId))
        .leftJoin(enrollments, and(
          eq(enrollments.groupId, groups.id),
          sql`${enrollments.fromDate} <= ${onDate}`,
          sql`(${enrollments.toDate} is null or ${enrollments.toDate} >= ${onDate})`,
        ))
        .where(eq(groups.schoolId, schoolId))
        .groupBy(groups.id, users.id)
        .orderBy(sql`${groups.gradeLevel} asc nulls last`, asc(groups.name));
      return rows.map((r) => ({
        id: r.id, externalId: r.externalId, name: r.name, kind: r.kind as GroupKind, gradeLevel: r.gradeLevel,
        classTeacher: r.teacherId === null ? null : {
          id: r.teacherId, externalId: r.teacherExternalId, lastName: r.lastName!, firstName: r.firstName!, middleName: r.middleName,
        },
        studentCount: r.studentCount,
      }));
    },
  };
}
